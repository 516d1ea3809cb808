import { useState, type Dispatch, type StateUpdater } from 'preact/hooks';
import { ask } from '@/lib/ask';
import type { AppError } from '@/lib/errors';
import type { PublicSettings } from '@/lib/messages';
import { PROVIDER_LABEL, type Provider } from '@/lib/providers';
import type { Settings } from '@/lib/settings/fields';
import { t } from '@/lib/i18n';
import { draftFromSaved, planCredentialSave, type CredentialsDraft } from '@/entrypoints/options/components/form';

/**
 * The Credentials card: edit the form (provider, login, password, key), save it as planned by
 * planCredentialSave (one or two requests, so the stored credentials and the provider in use never
 * disagree), or forget the stored credentials.
 */

type FieldError = { field: 'login' | 'password' | 'key'; message: string } | null;

export interface CredentialsProps {
  pub: PublicSettings | null;
  setPub: Dispatch<StateUpdater<PublicSettings | null>>;
  draft: CredentialsDraft | null;
  setDraft: Dispatch<StateUpdater<CredentialsDraft | null>>;
  /** Settings changed but not saved yet: they stay as the user set them when the credentials are saved. */
  pending: { readonly current: Partial<Settings> };
  /** A connection test's result is no longer about the form once the credentials change. */
  resetConnection: () => void;
}

export function useCredentials(props: CredentialsProps) {
  const { pub, setPub, draft, setDraft, pending, resetConnection } = props;
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<FieldError>(null);
  const [error, setError] = useState<AppError | null>(null);

  function onDraft(patch: Partial<CredentialsDraft>) {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setFieldError(null);
    setStatus(null);
    setError(null);
    if (patch.provider) resetConnection();
  }

  /** Save the form. Returns whether the saved credentials now match it. */
  async function saveCredentials(): Promise<boolean> {
    if (!pub || !draft) return false;
    const plan = planCredentialSave(draft, pub.credentials, pub.settings.provider);
    setFieldError(null);
    setError(null);
    setStatus(null);
    if (plan.kind === 'invalid') {
      setFieldError({ field: plan.field, message: plan.message });
      document.getElementById(plan.field)?.focus();
      return false;
    }
    if (plan.kind === 'unchanged') {
      setStatus(t('optionsAlreadySaved'));
      return true;
    }
    setBusy(true);
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
            setFieldError({ field: 'password', message: t('optionsLoginNeedsPassword', r.error.message) });
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
      resetConnection();
      setStatus(plan.kind === 'provider' ? t('optionsNowUsing', t(PROVIDER_LABEL[plan.provider])) : t('optionsSavedDone'));
      return true;
    } finally {
      setBusy(false);
    }
  }

  function fail(e: AppError): false {
    setError(e);
    // The form shows what is stored: a save that did not happen (or was cut off) changed nothing, or all.
    void ask({ type: 'getSettings' }).then((r) => {
      if (!r.ok) return;
      setPub(r.data);
      setDraft(draftFromSaved(r.data));
    });
    return false;
  }

  async function forget() {
    setBusy(true);
    try {
      const r = await ask({ type: 'forgetCredentials' });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setPub(r.data);
      setDraft(draftFromSaved(r.data));
      resetConnection();
      setStatus(t('optionsCredentialsRemoved'));
    } finally {
      setBusy(false);
    }
  }

  /** Whether the form differs from what is saved. */
  const formDirty = !!(pub && draft && planCredentialSave(draft, pub.credentials, pub.settings.provider).kind !== 'unchanged');

  return { draft, busy, status, fieldError, error, formDirty, onDraft, saveCredentials, forget };
}

export type CredentialsForm = ReturnType<typeof useCredentials>;
