import { render } from 'preact';
import '@/components/common/theme.css';
import './bulk.css';
import { App } from './App';

render(<App />, document.getElementById('app')!);
