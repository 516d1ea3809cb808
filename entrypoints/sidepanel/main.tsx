import { render } from 'preact';
import '@/components/common/theme.css';
import '@/entrypoints/sidepanel/components/panel.css';
import { App } from './App';

render(<App />, document.getElementById('app')!);
