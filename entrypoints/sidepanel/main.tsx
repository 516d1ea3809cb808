import { render } from 'preact';
import '@/components/common/theme.css';
import '@/entrypoints/sidepanel/components/panel.css';
import { setDocumentLanguage } from '@/lib/i18n';
import { App } from './App';

setDocumentLanguage();
render(<App />, document.getElementById('app')!);
