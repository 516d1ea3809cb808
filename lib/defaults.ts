import type { BacklinkFilters, QueryOptions } from './params';
import type { Settings } from './settings';

/**
 * The runtime constants pages need, without any schema: pages import these from here (no zod in
 * their bundles). lib/params.ts, lib/providers.ts and lib/settings.ts build their schemas from the
 * same values and re-export them, so existing imports keep working.
 */

/** Longest address a page may send to have it read as a target (parseTarget refuses past 2,048 with a sentence). */
export const MAX_RESOLVE_URL = 4096;

/** What part of a site is checked. */
export const SCOPES = ['domain', 'host', 'page'] as const;

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

export const STATUS_TYPES = ['live', 'all', 'lost'] as const;
export const RANK_SCALES = ['one_hundred', 'one_thousand'] as const;

export const DEFAULT_FILTERS: BacklinkFilters = {
  dofollowOnly: false,
  newOnly: false,
  lostOnly: false,
  brokenOnly: false,
  itemType: 'any',
  text: '',
};

/** Bounds of the number settings (SettingsSchema is built from these; the options page checks with them too). */
export const SETTING_LIMITS = {
  anchorsPageSize: { min: 10, max: 1000, int: true, nullable: false },
  backlinksPageSize: { min: 10, max: 1000, int: true, nullable: false },
  cacheHours: { min: 0, max: 24 * 30, int: false, nullable: false },
  dailyBudget: { min: 0, max: 10000, int: false, nullable: true },
  aisaPerMinute: { min: 1, max: 2000, int: true, nullable: false },
} as const;

export const DEFAULT_SETTINGS: Settings = {
  provider: 'dataforseo',
  includeSubdomains: true,
  statusType: 'live',
  rankScale: 'one_hundred',
  excludeInternalBacklinks: true,
  includeIndirectLinks: true,
  anchorsPageSize: 100,
  backlinksPageSize: 100,
  cacheHours: 24,
  dailyBudget: null,
  autoCheckInPanel: false,
  aisaPerMinute: 60,
};

/** The options every paid call carries, taken from the user's settings (they are part of the cache key). */
export function queryOptionsFrom(settings: Settings): QueryOptions {
  return {
    includeSubdomains: settings.includeSubdomains,
    includeIndirectLinks: settings.includeIndirectLinks,
    excludeInternalBacklinks: settings.excludeInternalBacklinks,
    statusType: settings.statusType,
    rankScale: settings.rankScale,
  };
}
