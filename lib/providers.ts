import { z } from 'zod/mini';
import { PROVIDERS, type Provider } from './defaults';

/** The constants live in lib/defaults.ts (no zod, for pages); re-exported here. */
export { PROVIDERS, PROVIDER_BASE, PROVIDER_LABEL } from './defaults';
export type { Provider } from './defaults';

export const ProviderSchema = z.enum(PROVIDERS);

/** Held only by the background worker. */
export type Credentials =
  | { provider: 'dataforseo' | 'sandbox'; login: string; password: string }
  | { provider: 'aisa'; key: string };
