import { render } from 'preact';
import '@/components/common/theme.css';
import './components/options.css';
import { App } from './App';

const welcome = new URLSearchParams(location.search).get('welcome') === '1';
render(<App welcome={welcome} />, document.getElementById('app')!);
