import { useState } from 'preact/hooks';
import type { Provider } from '@/lib/providers';
import { ErrorNotice } from '@/components/common/ErrorNotice';
import { t } from '@/lib/i18n';
import { Welcome } from '@/entrypoints/options/components/Welcome';
import { CredentialsSection } from '@/entrypoints/options/components/CredentialsSection';
import { ConnectionSection } from '@/entrypoints/options/components/ConnectionSection';
import { DefaultsSection, SaveStatusLine, SettingFields } from '@/entrypoints/options/components/DefaultsSection';
import { CacheSection, SpendSection } from '@/entrypoints/options/components/SpendSection';
import { SectionNav } from '@/entrypoints/options/components/SectionNav';
import { HistorySection } from '@/entrypoints/options/components/HistorySection';
import { SerpPermission } from '@/entrypoints/options/components/SerpPermission';
import { useConnectionTest } from './useConnectionTest';
import { useCredentials } from './useCredentials';
import { useHistory } from './useHistory';
import { usePageRefresh } from './usePageRefresh';
import { useSerpPermission } from './useSerpPermission';
import { useSettingsSave } from './useSettingsSave';
import { useSpend } from './useSpend';
import { useStoredSettings } from './useStoredSettings';
import { useUnconfirmedCharges } from './useUnconfirmedCharges';

/** The options page's root: the cards in page order, wired to the hooks that hold their state. */
export function App(props: { welcome: boolean }) {
  const { history, historyError, loadHistory } = useHistory();
  const { spend, setSpend, spendError, loadSpend, clearing, clearCache } = useSpend({ loadHistory });
  const { reconcile, checkSpend, resolveUnconfirmed } = useUnconfirmedCharges({ loadSpend, setSpend });
  const stored = useStoredSettings();
  const { pub, loadError, load } = stored;
  const save = useSettingsSave({ setPub: stored.setPub, loadSpend });
  const serp = useSerpPermission({ setPub: stored.setPub, saveChoice: save.saveChoice });
  const connection = useConnectionTest({ loadSpend });
  const credentials = useCredentials({ ...stored, pending: save.pending, resetConnection: connection.reset });
  const { draft } = credentials;
  const loadActivity = usePageRefresh({ load, loadSpend, loadHistory, flush: save.flush });

  const [showWelcome, setShowWelcome] = useState(props.welcome);

  const testProvider: Provider = draft?.provider ?? pub?.settings.provider ?? 'dataforseo';
  const ready = !!pub && (pub.credentials.present || credentials.formDirty);

  const fieldProps = pub
    ? {
        settings: pub.settings,
        quotes: pub.quotes,
        drafts: save.drafts,
        fieldErrors: save.fieldErrors,
        status: save.saveStatus,
        onChoice: serp.onChoice,
        onText: save.onText,
        onCommit: () => void save.flush(),
      }
    : null;

  return (
    <main class="options">
      <header class="page-head">
        <h1>{t('extName')}</h1>
        <span class="muted">{t('optionsSettings')}</span>
        <a href="/bulk.html" target="_blank" rel="noopener" data-testid="open-bulk">
          {t('optionsOpenBulk')}
        </a>
      </header>
      <SectionNav status={<SaveStatusLine status={save.saveStatus} />} spendToday={spend?.today ?? null} dailyBudget={spend?.dailyBudget ?? null} />
      {showWelcome && <Welcome onDismiss={() => setShowWelcome(false)} />}
      {loadError && (
        <div data-testid="error">
          <ErrorNotice error={loadError} title={t('optionsLoadFailed')} onRetry={() => void load()} />
        </div>
      )}
      <div class="nav-group" id="connection">
        {pub && draft && fieldProps && (
          <>
            <CredentialsSection
              draft={draft}
              saved={pub.credentials}
              busy={credentials.busy}
              fieldError={credentials.fieldError}
              status={credentials.status}
              onDraft={credentials.onDraft}
              onSave={() => void credentials.saveCredentials()}
              onForget={() => void credentials.forget()}
              providerFields={<SettingFields {...fieldProps} card="connection" provider={draft.provider} />}
            />
            {credentials.error && (
              <div data-testid="error" class="after-card">
                <ErrorNotice error={credentials.error} title={t('optionsCredentialsNotSaved')} />
              </div>
            )}
            <ConnectionSection
              provider={testProvider}
              ready={ready}
              state={connection.conn}
              paidEstimate={pub.quotes.profile}
              onTest={() => connection.onTest(credentials)}
              onConfirm={() => void connection.runTest(credentials, true)}
              onCancel={connection.reset}
            />
          </>
        )}
      </div>
      <SpendSection
        spend={spend}
        error={spendError}
        onRefresh={loadActivity}
        fields={
          fieldProps && (
            <>
              <SettingFields {...fieldProps} card="spend" />
              <SerpPermission notice={serp.serpNotice} onRemove={serp.removePermission} />
            </>
          )
        }
        reconcile={{
          ...reconcile,
          canCheck: !!pub?.credentials.present && pub.settings.provider !== 'aisa',
          onCheck: () => void checkSpend(),
          onResolve: (charged) => void resolveUnconfirmed(charged),
        }}
      />
      {fieldProps && <DefaultsSection {...fieldProps} />}
      <CacheSection
        spend={spend}
        clearing={clearing}
        onClear={() => void clearCache()}
        fields={fieldProps && <SettingFields {...fieldProps} card="cache" headings={false} />}
      />
      <HistorySection history={history} error={historyError} onRetry={() => void loadHistory()} />
      <footer class="faint page-foot">
        {t('optionsFooter')}
      </footer>
    </main>
  );
}
