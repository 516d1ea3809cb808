import { render } from 'preact';
import '@/components/common/theme.css';
import './components/options.css';
import { setDocumentLanguage, t } from '@/lib/i18n';
import { App } from './App';

setDocumentLanguage();
document.title = t('optionsPageTitle');

const welcome = new URLSearchParams(location.search).get('welcome') === '1';
render(<App welcome={welcome} />, document.getElementById('app')!);
