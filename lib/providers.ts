/**
 * The providers the extension can talk to (no zod: pages import these). The worker's
 * `ProviderSchema` is built from PROVIDERS in lib/settings/settings.schema.ts.
 */
export const PROVIDERS = ['dataforseo', 'sandbox', 'aisa'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Base URLs; the production build talks to these hosts unchanged (tests map them to a local server). */
export const PROVIDER_BASE: Record<Provider, string> = {
  dataforseo: 'https://api.dataforseo.com/v3/',
  sandbox: 'https://sandbox.dataforseo.com/v3/',
  aisa: 'https://api.aisa.one/apis/v1/dataforseo/',
};

export const PROVIDER_LABEL: Record<Provider, string> = {
  dataforseo: 'DataForSEO',
  sandbox: 'DataForSEO sandbox (free, sample data)',
  aisa: 'AIsa gateway',
};

/** Held only by the background worker. */
export type Credentials =
  | { provider: 'dataforseo' | 'sandbox'; login: string; password: string }
  | { provider: 'aisa'; key: string };
