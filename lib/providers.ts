/**
 * The providers the extension can talk to (no zod: pages import these). The worker's
 * `ProviderSchema` is built from PROVIDERS in lib/settings/settings.schema.ts.
 */
import type { MessageKey } from './i18n';

export const PROVIDERS = ['dataforseo', 'sandbox', 'aisa'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Base URLs; the production build talks to these hosts unchanged (tests map them to a local server). */
export const PROVIDER_BASE: Record<Provider, string> = {
  dataforseo: 'https://api.dataforseo.com/v3/',
  sandbox: 'https://sandbox.dataforseo.com/v3/',
  aisa: 'https://api.aisa.one/apis/v1/dataforseo/',
};

/** How each provider is named on the pages: message keys, shown with `t(PROVIDER_LABEL[p])`. */
export const PROVIDER_LABEL: Record<Provider, MessageKey> = {
  dataforseo: 'optionsProviderDataforseo',
  sandbox: 'optionsProviderSandbox',
  aisa: 'optionsProviderAisa',
};

/** Held only by the background worker. */
export type Credentials =
  | { provider: 'dataforseo' | 'sandbox'; login: string; password: string }
  | { provider: 'aisa'; key: string };
