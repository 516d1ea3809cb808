import { render } from 'preact';
import '@/components/common/theme.css';
import './bulk.css';
import { setDocumentLanguage, t } from '@/lib/i18n';
import { App } from './App';

setDocumentLanguage();
document.title = t('bulkTitle');
render(<App />, document.getElementById('app')!);
