/**
 * Why an address cannot be checked: the refusal reasons, the one sentence the user reads for each,
 * and the longest URL a target may be (the too-long sentence names it).
 */
import { t } from '@/lib/i18n';

export type RefusalReason =
  | 'empty'
  | 'invalid-url'
  | 'scheme'
  | 'browser-page'
  | 'new-tab'
  | 'local'
  | 'ip'
  | 'no-public-suffix'
  | 'too-long';

export interface Refusal {
  reason: RefusalReason;
  /** One sentence for the user, e.g. "Browser pages have no backlinks. Open a website and try again." */
  message: string;
}

/** The refused side of a target result (lib/target.ts `TargetResult`). */
export type Refused = { ok: false; refusal: Refusal };

/** Longest URL the API accepts as a target (and `LookupTargetSchema.value` allows). */
export const MAX_URL_LENGTH = 2048;

/** The refusal sentences, read when used (in the browser's language, see lib/i18n.ts). */
export const REFUSAL_MESSAGES = {
  get empty() { return t('commonRefuseEmpty'); },
  get invalidUrl() { return t('commonRefuseInvalid'); },
  get browserPage() { return t('commonRefuseBrowser'); },
  get extensionPage() { return t('commonRefuseExtension'); },
  get viewSource() { return t('commonRefuseViewSource'); },
  get newTab() { return t('commonRefuseNewTab'); },
  get file() { return t('commonRefuseFile'); },
  get inline() { return t('commonRefuseInline'); },
  get mailto() { return t('commonRefuseMailto'); },
  get phone() { return t('commonRefusePhone'); },
  get script() { return t('commonRefuseScript'); },
  get otherScheme() { return t('commonRefuseScheme'); },
  get local() { return t('commonRefuseLocal'); },
  get ip() { return t('commonRefuseIp'); },
  get noPublicSuffix() { return t('commonRefuseNoSuffix'); },
  get tooLong() { return t('commonRefuseTooLong', MAX_URL_LENGTH.toLocaleString('en-US')); },
};

export function refuse(reason: RefusalReason, message: string): Refused {
  return { ok: false, refusal: { reason, message } };
}
