import type { Provider } from '@/lib/providers';
import type { PublicSettings, Request } from '@/lib/messages';
import type { Settings } from '@/lib/settings/fields';
import { formatMoney, safeHref } from '@/lib/format';
import type { LookupTarget } from '@/lib/lookupTarget';
import { checkSetting, checkSettingsPatch, issueSentence } from '@/lib/settings/check';
import { FIELD_LABEL, fieldLabel, NUMBER_SETTINGS, numberSpec, type NumberSettingKey } from '@/lib/settings/fields';
import { t } from '@/lib/i18n';

export { FIELD_LABEL, issueSentence };

/**
 * Pure helpers behind the options page: what a "Save" of the credentials form should send, how a
 * typed number becomes a setting, and how a validation failure reads as a sentence. The rules are
 * lib/settings/check.ts, read from the field table lib/settings/fields.ts (the same as the worker's
 * schema, without zod in this page).
 */

// ---------------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------------

export interface CredentialsDraft {
  provider: Provider;
  login: string;
  /** DataForSEO API password (dataforseo, sandbox); '' = keep the saved one if allowed. */
  password: string;
  /** AIsa key; '' = keep the saved one if allowed. */
  key: string;
}

type SaveCredentialsRequest = Extract<Request, { type: 'saveCredentials' }>;

export type CredentialsPlan =
  /** Send these credentials (and make their provider the active one). */
  | { kind: 'save'; request: SaveCredentialsRequest }
  /** The saved secret stays; only the active provider changes (DataForSEO ↔ sandbox share credentials). */
  | { kind: 'provider'; provider: Provider }
  /** A new login for the saved API password (fixing a typo in the login keeps the password). */
  | { kind: 'login'; provider: 'dataforseo' | 'sandbox'; login: string }
  /** Nothing to do: the form says what is already saved. */
  | { kind: 'unchanged' }
  /** The form cannot be saved; one sentence why. */
  | { kind: 'invalid'; message: string; field: 'login' | 'password' | 'key' };

const usesLoginPassword = (p: Provider | null): p is 'dataforseo' | 'sandbox' => p === 'dataforseo' || p === 'sandbox';

/**
 * What saving the credentials form means, given what is saved. The page never knows the saved
 * secret, so an empty secret field means "keep the saved one" — possible only when the saved
 * credentials are of the same kind (login + password for DataForSEO and its sandbox, a key for
 * AIsa). A changed login with an empty password keeps the saved password.
 */
export function planCredentialSave(draft: CredentialsDraft, saved: PublicSettings['credentials'], activeProvider: Provider): CredentialsPlan {
  if (draft.provider === 'aisa') {
    const key = draft.key.trim();
    if (key) return { kind: 'save', request: { type: 'saveCredentials', credentials: { provider: 'aisa', key } } };
    if (saved.present && saved.provider === 'aisa') {
      return activeProvider === 'aisa' ? { kind: 'unchanged' } : { kind: 'provider', provider: 'aisa' };
    }
    return { kind: 'invalid', field: 'key', message: t('optionsEnterAisaKey') };
  }
  const login = draft.login.trim();
  if (!login) return { kind: 'invalid', field: 'login', message: t('optionsEnterLogin') };
  if (draft.password) {
    return { kind: 'save', request: { type: 'saveCredentials', credentials: { provider: draft.provider, login, password: draft.password } } };
  }
  const sameKind = saved.present && usesLoginPassword(saved.provider);
  if (!sameKind) return { kind: 'invalid', field: 'password', message: t('optionsEnterPassword') };
  if (login !== (saved.login ?? '')) return { kind: 'login', provider: draft.provider, login };
  if (saved.provider === draft.provider && activeProvider === draft.provider) return { kind: 'unchanged' };
  return { kind: 'provider', provider: draft.provider };
}

/** The form as it should look for what is saved (secret fields always empty). */
export function draftFromSaved(pub: Pick<PublicSettings, 'settings' | 'credentials'>): CredentialsDraft {
  return {
    provider: pub.credentials.provider ?? pub.settings.provider,
    login: pub.credentials.login ?? '',
    password: '',
    key: '',
  };
}

// ---------------------------------------------------------------------------------------------
// Defaults
// ---------------------------------------------------------------------------------------------

/** Settings typed as text in the page: the number rows of the field table. */
export const NUMBER_FIELDS = NUMBER_SETTINGS;
export type NumberField = NumberSettingKey;

/**
 * A typed number → a value for the setting, or one sentence why not. Accepts a leading "$" and
 * spaces; '' is "no cap" for the daily budget and an error elsewhere.
 */
export function parseNumberField(field: NumberField, text: string): { ok: true; value: number | null } | { ok: false; message: string } {
  const cleaned = text.trim().replace(/^\$\s*/, '').replace(/,/g, '');
  if (cleaned === '') {
    if (numberSpec(field).nullable) return { ok: true, value: null };
    return { ok: false, message: t('optionsNeedsNumber', fieldLabel(field)) };
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return { ok: false, message: t('optionsMustBeNumber', fieldLabel(field)) };
  const value = Number(cleaned);
  const issue = checkSetting(field, value);
  if (issue) return { ok: false, message: issueSentence(issue, field) };
  return { ok: true, value };
}

/** A patch → sentences for every problem (empty when the patch is valid). */
export function validatePatch(patch: Partial<Settings>): string[] {
  return checkSettingsPatch(patch).map((i) => issueSentence(i));
}

/** The text a number setting shows in its field. */
export function fieldText(field: NumberField, settings: Settings): string {
  const v = settings[field];
  return v == null ? '' : String(v);
}

// ---------------------------------------------------------------------------------------------
// Spend
// ---------------------------------------------------------------------------------------------

/** 2048 → "2.0 KB"; below 1 KB still in KB ("0.3 KB"); 0 → "0 KB". */
export function formatKb(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 KB';
  const kb = bytes / 1024;
  return `${kb >= 100 ? Math.round(kb).toLocaleString('en-US') : kb.toFixed(1)} KB`;
}

/** A rough money amount for a sentence: "$0.02" (cents when at least one cent). */
export function formatApprox(usd: number): string {
  return usd >= 0.01 ? `$${usd.toFixed(2)}` : formatMoney(usd);
}

/** A ledger time: "14:05" today, "Mar 3, 14:05" before. */
export function formatLedgerTime(at: number, now: number = Date.now()): string {
  const d = new Date(at);
  const time = d.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', hour12: false });
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return sameDay ? time : `${d.toLocaleDateString('en-US', { month: 'short', day: 'numeric' })}, ${time}`;
}

// ---------------------------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------------------------

/** A plain host name (letters, digits, hyphens, dots; punycode included): safe to put in a URL. */
const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * Where a checked target can be opened: the site's home page for a domain or host, the page itself
 * for a page. Null when the stored value is not a plain host name or an http(s) URL.
 */
export function historyHref(target: Pick<LookupTarget, 'scope' | 'value'>): string | null {
  if (target.scope === 'page') return safeHref(target.value);
  return HOST_NAME.test(target.value) ? safeHref(`https://${target.value}/`) : null;
}
