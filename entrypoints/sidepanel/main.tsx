import { render } from 'preact';
import '../../components/common/theme.css';
import '../../components/panel/panel.css';
import { App } from './App';
import { LinksMount } from './links/mount';

render(
  <LinksMount>
    <App />
  </LinksMount>,
  document.getElementById('app')!,
);
