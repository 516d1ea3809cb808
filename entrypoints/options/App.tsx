import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ask } from '@/lib/ask';
import { SERP_ORIGINS } from '@/lib/serp/hosts';
import type { AppError } from '@/lib/errors';
import type { PublicSettings } from '@/lib/messages';
import { PROVIDER_LABEL, type Provider } from '@/lib/providers';
import type { Settings } from '@/lib/settings/fields';
import { ErrorNotice } from '@/components/common';
import { t } from '@/lib/i18n';
import { Welcome } from '@/entrypoints/options/components/Welcome';
import { CredentialsSection } from '@/entrypoints/options/components/CredentialsSection';
import { ConnectionSection, type ConnectionState } from '@/entrypoints/options/components/ConnectionSection';
import { DefaultsSection, SaveStatusLine, SettingFields, type ChoiceField, type SaveStatus } from '@/entrypoints/options/components/DefaultsSection';
import { CacheSection, SpendSection } from '@/entrypoints/options/components/SpendSection';
import { SectionNav } from '@/entrypoints/options/components/SectionNav';
import { HistorySection } from '@/entrypoints/options/components/HistorySection';
import {
  NUMBER_FIELDS,
  draftFromSaved,
  parseNumberField,
  planCredentialSave,
  validatePatch,
  type CredentialsDraft,
  type NumberField,
} from '@/entrypoints/options/components/form';
import { useHistory } from './useHistory';
import { useSpend } from './useSpend';
import { useUnconfirmedCharges } from './useUnconfirmedCharges';

/** How long after the last change the defaults are saved. */
const SAVE_DELAY_MS = 400;

type FieldError = { field: 'login' | 'password' | 'key'; message: string } | null;

export function App(props: { welcome: boolean }) {
  const [pub, setPub] = useState<PublicSettings | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);

  // Credentials form
  const [draft, setDraft] = useState<CredentialsDraft | null>(null);
  const [credBusy, setCredBusy] = useState(false);
  const [credStatus, setCredStatus] = useState<string | null>(null);
  const [credFieldError, setCredFieldError] = useState<FieldError>(null);
  const [credError, setCredError] = useState<AppError | null>(null);

  // Connection test
  const [conn, setConn] = useState<ConnectionState>({ phase: 'idle' });

  // Defaults
  const [drafts, setDrafts] = useState<Partial<Record<NumberField, string>>>({});
  const [serpNotice, setSerpNotice] = useState<null | 'refused' | 'offer-remove' | 'removed'>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<NumberField, string>>>({});
  const [saveStatus, setSaveStatus] = useState<SaveStatus>({ phase: 'idle' });
  const pending = useRef<Partial<Settings>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef<Promise<void>>(Promise.resolve());

  const { history, historyError, loadHistory } = useHistory();
  const { spend, setSpend, spendError, loadSpend, clearing, clearCache } = useSpend({ loadHistory });
  const { reconcile, checkSpend, resolveUnconfirmed } = useUnconfirmedCharges({ loadSpend, setSpend });

  const [showWelcome, setShowWelcome] = useState(props.welcome);

  /** Spend and history both change while checks run elsewhere. */
  const loadActivity = useCallback(() => {
    void loadSpend();
    void loadHistory();
  }, [loadSpend, loadHistory]);

  const load = useCallback(async () => {
    const r = await ask({ type: 'getSettings' });
    if (!r.ok) {
      setLoadError(r.error);
      return;
    }
    setLoadError(null);
    setPub(r.data);
    setDraft(draftFromSaved(r.data));
  }, []);

  useEffect(() => {
    void load();
    loadActivity();
  }, [load, loadActivity]);

  // Spend and history change while checks run elsewhere: refresh when the page comes back into view.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') loadActivity();
      else void flush();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', loadActivity);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', loadActivity);
    };
  });

  // ------------------------------------------------------------------ defaults (save on change)

  /** Send what is pending; saves run one after the other. */
  function flush(): Promise<void> {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const run = saving.current.then(async () => {
      const patch = pending.current;
      if (Object.keys(patch).length === 0) return;
      pending.current = {};
      const problems = validatePatch(patch);
      if (problems.length > 0) {
        setSaveStatus({ phase: 'error', message: problems.join(' ') });
        return;
      }
      setSaveStatus({ phase: 'saving' });
      const r = await ask({ type: 'saveSettings', patch });
      if (!r.ok) {
        setSaveStatus({ phase: 'error', message: t('optionsNotSavedBecause', r.error.message) });
        // Show what is really stored.
        const again = await ask({ type: 'getSettings' });
        if (again.ok) setPub((p) => (p ? { ...again.data, settings: { ...again.data.settings, ...pending.current } } : again.data));
        return;
      }
      setPub({ ...r.data, settings: { ...r.data.settings, ...pending.current } });
      // A typed number that was saved as typed no longer needs its draft.
      setDrafts((d) => {
        const next = { ...d };
        for (const f of NUMBER_FIELDS) {
          if (!(f in patch) || next[f] === undefined) continue;
          const parsed = parseNumberField(f, next[f]!);
          if (parsed.ok && parsed.value === r.data.settings[f]) delete next[f];
        }
        return next;
      });
      if (Object.keys(pending.current).length === 0) setSaveStatus({ phase: 'saved' });
      // The daily budget is shown with the spend.
      if ('dailyBudget' in patch) void loadSpend();
    });
    saving.current = run.catch(() => undefined);
    return run;
  }

  function schedule() {
    if (timer.current) clearTimeout(timer.current);
    setSaveStatus({ phase: 'pending' });
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  }

  function onChoice<K extends ChoiceField>(field: K, value: Settings[K]) {
    // Google results figures: the host permission is asked for on this click, before the setting is saved.
    if (field === 'serpFigures') {
      if (value === true) {
        setSerpNotice(null);
        browser.permissions.request({ origins: SERP_ORIGINS }).then(
          (granted) => {
            if (granted) saveChoice(field, value);
            else {
              setPub((p) => (p ? { ...p, settings: { ...p.settings, serpFigures: false } } : p));
              setSerpNotice('refused');
            }
          },
          () => setSerpNotice('refused'),
        );
        return;
      }
      setSerpNotice('offer-remove');
    }
    saveChoice(field, value);
  }

  function saveChoice<K extends ChoiceField>(field: K, value: Settings[K]) {
    pending.current = { ...pending.current, [field]: value };
    setPub((p) => (p ? { ...p, settings: { ...p.settings, [field]: value } } : p));
    schedule();
  }

  function onText(field: NumberField, text: string) {
    setDrafts((d) => ({ ...d, [field]: text }));
    const parsed = parseNumberField(field, text);
    if (!parsed.ok) {
      setFieldErrors((e) => ({ ...e, [field]: parsed.message }));
      const { [field]: _dropped, ...rest } = pending.current;
      pending.current = rest;
      if (Object.keys(rest).length === 0) {
        if (timer.current) clearTimeout(timer.current);
        setSaveStatus({ phase: 'idle' });
      }
      return;
    }
    setFieldErrors((e) => {
      const { [field]: _gone, ...rest } = e;
      return rest;
    });
    pending.current = { ...pending.current, [field]: parsed.value } as Partial<Settings>;
    schedule();
  }

  // ------------------------------------------------------------------ credentials

  function onDraft(patch: Partial<CredentialsDraft>) {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setCredFieldError(null);
    setCredStatus(null);
    setCredError(null);
    if (patch.provider) setConn({ phase: 'idle' });
  }

  /** Save the form. Returns whether the saved credentials now match it. */
  async function saveCredentials(): Promise<boolean> {
    if (!pub || !draft) return false;
    const plan = planCredentialSave(draft, pub.credentials, pub.settings.provider);
    setCredFieldError(null);
    setCredError(null);
    setCredStatus(null);
    if (plan.kind === 'invalid') {
      setCredFieldError({ field: plan.field, message: plan.message });
      document.getElementById(plan.field)?.focus();
      return false;
    }
    if (plan.kind === 'unchanged') {
      setCredStatus(t('optionsAlreadySaved'));
      return true;
    }
    setCredBusy(true);
    try {
      let next: PublicSettings;
      if (plan.kind === 'provider' && plan.provider !== 'aisa' && pub.credentials.login && pub.credentials.provider !== 'aisa') {
        // DataForSEO ↔ sandbox: the saved login and password move to the chosen provider in one request,
        // so the stored credentials and the provider in use never disagree (the form then stays as chosen).
        const r = await ask({ type: 'saveLogin', login: pub.credentials.login, provider: plan.provider });
        if (!r.ok) return fail(r.error);
        next = r.data;
      } else if (plan.kind === 'provider') {
        const r = await ask({ type: 'saveSettings', patch: { provider: plan.provider } });
        if (!r.ok) return fail(r.error);
        next = r.data;
      } else {
        const r = plan.kind === 'save' ? await ask(plan.request) : await ask({ type: 'saveLogin', login: plan.login, provider: plan.provider });
        if (!r.ok) {
          if (plan.kind === 'login') {
            setCredFieldError({ field: 'password', message: t('optionsLoginNeedsPassword', r.error.message) });
            return false;
          }
          return fail(r.error);
        }
        next = r.data;
        const provider: Provider = plan.kind === 'save' ? plan.request.credentials.provider : plan.provider;
        if (next.settings.provider !== provider) {
          const s = await ask({ type: 'saveSettings', patch: { provider } });
          if (!s.ok) return fail(s.error);
          next = s.data;
        }
      }
      setPub({ ...next, settings: { ...next.settings, ...pending.current, provider: next.settings.provider } });
      setDraft(draftFromSaved(next));
      setConn({ phase: 'idle' });
      setCredStatus(plan.kind === 'provider' ? t('optionsNowUsing', t(PROVIDER_LABEL[plan.provider])) : t('optionsSavedDone'));
      return true;
    } finally {
      setCredBusy(false);
    }
  }

  function fail(error: AppError): false {
    setCredError(error);
    // The form shows what is stored: a save that did not happen (or was cut off) changed nothing, or all.
    void ask({ type: 'getSettings' }).then((r) => {
      if (!r.ok) return;
      setPub(r.data);
      setDraft(draftFromSaved(r.data));
    });
    return false;
  }

  async function forget() {
    setCredBusy(true);
    try {
      const r = await ask({ type: 'forgetCredentials' });
      if (!r.ok) {
        setCredError(r.error);
        return;
      }
      setPub(r.data);
      setDraft(draftFromSaved(r.data));
      setConn({ phase: 'idle' });
      setCredStatus(t('optionsCredentialsRemoved'));
    } finally {
      setCredBusy(false);
    }
  }

  // ------------------------------------------------------------------ connection test

  const formDirty = !!(pub && draft && planCredentialSave(draft, pub.credentials, pub.settings.provider).kind !== 'unchanged');

  async function runTest(confirmPaid: boolean) {
    setConn({ phase: 'testing' });
    // Test what the form shows: save it first when it differs from what is saved.
    if (formDirty && !(await saveCredentials())) {
      setConn({ phase: 'idle' });
      return;
    }
    const r = await ask({ type: 'testConnection', confirmPaid });
    setConn(r.ok ? { phase: 'done', result: r.data } : { phase: 'error', error: r.error });
    if (r.ok && r.data.cost > 0) void loadSpend();
  }

  function onTest() {
    if (draft?.provider === 'aisa') setConn({ phase: 'confirm' });
    else void runTest(false);
  }

  // ------------------------------------------------------------------ page

  const testProvider: Provider = draft?.provider ?? pub?.settings.provider ?? 'dataforseo';
  const ready = !!pub && (pub.credentials.present || formDirty);

  const fieldProps = pub
    ? { settings: pub.settings, quotes: pub.quotes, drafts, fieldErrors, status: saveStatus, onChoice, onText, onCommit: () => void flush() }
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
      <SectionNav status={<SaveStatusLine status={saveStatus} />} spendToday={spend?.today ?? null} dailyBudget={spend?.dailyBudget ?? null} />
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
              busy={credBusy}
              fieldError={credFieldError}
              status={credStatus}
              onDraft={onDraft}
              onSave={() => void saveCredentials()}
              onForget={() => void forget()}
              providerFields={<SettingFields {...fieldProps} card="connection" provider={draft.provider} />}
            />
            {credError && (
              <div data-testid="error" class="after-card">
                <ErrorNotice error={credError} title={t('optionsCredentialsNotSaved')} />
              </div>
            )}
            <ConnectionSection
              provider={testProvider}
              ready={ready}
              state={conn}
              paidEstimate={pub.quotes.profile}
              onTest={onTest}
              onConfirm={() => void runTest(true)}
              onCancel={() => setConn({ phase: 'idle' })}
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
              <p class="hint" data-testid="serp-hosts">
                {t('optionsSerpHosts', SERP_ORIGINS.map((o) => o.replace('https://', '').replace('/*', '')).join(', '))}
              </p>
              {serpNotice === 'refused' && (
                <p class="notice" data-testid="serp-refused">
                  {t('optionsSerpRefused')}
                </p>
              )}
              {serpNotice === 'offer-remove' && (
                <p class="notice" data-testid="serp-offer-remove">
                  {t('optionsSerpOff')}{' '}
                  <button
                    type="button"
                    data-testid="serp-remove-permission"
                    onClick={() => void browser.permissions.remove({ origins: SERP_ORIGINS }).then(() => setSerpNotice('removed'))}
                  >
                    {t('optionsSerpRemove')}
                  </button>
                </p>
              )}
              {serpNotice === 'removed' && (
                <p class="notice" data-testid="serp-removed">
                  {t('optionsSerpRemoved')}
                </p>
              )}
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
