import { render } from 'preact';
import '@/components/common/theme.css';
import './bulk.css';
import { t } from '@/lib/i18n';
import { App } from './App';

document.title = t('bulkTitle');
render(<App />, document.getElementById('app')!);
