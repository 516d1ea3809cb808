import { z } from 'zod/mini';
import { ProviderSchema } from './providers';
import { RankScaleSchema, StatusTypeSchema } from './params';
import { DEFAULT_SETTINGS, SETTING_LIMITS } from './defaults';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';

/** A number setting with its bounds from SETTING_LIMITS (lib/defaults.ts, shared with the options page). */
function limited(field: keyof typeof SETTING_LIMITS) {
  const { min, max, int } = SETTING_LIMITS[field];
  // Checks in the order the issues are reported: whole number first, then the bounds.
  return int
    ? z.number().check(z.int(), z.minimum(min), z.maximum(max))
    : z.number().check(z.minimum(min), z.maximum(max));
}

/**
 * Everything the user sets, except credentials (those live in their own item, read only by the
 * worker). Storage items, versions and migrations are defined further down this file.
 */
export const SettingsSchema = z.object({
  provider: ProviderSchema,
  includeSubdomains: z.boolean(),
  statusType: StatusTypeSchema,
  rankScale: RankScaleSchema,
  excludeInternalBacklinks: z.boolean(),
  includeIndirectLinks: z.boolean(),
  /** Rows per anchors request (popup shows the top 10; the side panel's anchors tab pages by this). */
  anchorsPageSize: limited('anchorsPageSize'),
  /** Rows per backlinks request in the side panel. */
  backlinksPageSize: limited('backlinksPageSize'),
  /** Cache lifetime in hours (0 = do not reuse answers). */
  cacheHours: limited('cacheHours'),
  /** Daily spending cap in USD; null = no cap. */
  dailyBudget: z.nullable(limited('dailyBudget')),
  /** Side panel following the tab: check new sites automatically (within the budget) instead of offering a button. */
  autoCheckInPanel: z.boolean(),
  /** Requests per minute allowed for the AIsa gateway (its free tier allows 60). */
  aisaPerMinute: limited('aisaPerMinute'),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** The defaults live in lib/defaults.ts (no zod, for pages); re-exported here. */
export { DEFAULT_SETTINGS };

// ---------------------------------------------------------------------------------------------
// Storage. Only the background worker reads and writes these items; pages ask it through
// lib/messages.ts. Items are defined lazily (first use) so that importing this file for its
// schema (pages, scripts) has no side effect on storage.
// ---------------------------------------------------------------------------------------------

/**
 * Settings as version 1 stored them (frozen: never edit, it is what old installs still hold).
 * v1 had one page size for both lists, the rank scale as a number and a budget where 0 meant "off".
 */
export interface SettingsV1 {
  provider: 'dataforseo' | 'sandbox' | 'aisa';
  includeSubdomains: boolean;
  statusType: 'live' | 'all' | 'lost';
  rankScale: 100 | 1000;
  excludeInternalBacklinks: boolean;
  includeIndirectLinks: boolean;
  pageSize: number;
  cacheHours: number;
  /** USD per day; 0 = no cap. */
  budgetUsd: number;
}

export const SETTINGS_VERSION = 2;

/** v1 → v2. Unknown or broken fields fall back to the defaults instead of failing the migration. */
export function migrateSettingsV1(old: unknown): Settings {
  // Already in the v2 shape (e.g. written before its version mark): keep it as it is.
  const current = SettingsSchema.safeParse(old);
  if (current.success) return current.data;
  const v1 = (old && typeof old === 'object' ? old : {}) as Partial<Record<keyof SettingsV1, unknown>>;
  const pageSize = typeof v1.pageSize === 'number' ? Math.round(v1.pageSize) : undefined;
  const budget = typeof v1.budgetUsd === 'number' && v1.budgetUsd > 0 ? v1.budgetUsd : null;
  return coerceSettings({
    provider: v1.provider,
    includeSubdomains: v1.includeSubdomains,
    statusType: v1.statusType,
    rankScale: v1.rankScale === 100 ? 'one_hundred' : v1.rankScale === 1000 ? 'one_thousand' : undefined,
    excludeInternalBacklinks: v1.excludeInternalBacklinks,
    includeIndirectLinks: v1.includeIndirectLinks,
    anchorsPageSize: pageSize,
    backlinksPageSize: pageSize,
    cacheHours: v1.cacheHours,
    dailyBudget: budget,
  });
}

/** Any stored value → valid Settings: each field that does not pass the schema takes its default. */
export function coerceSettings(value: unknown): Settings {
  const whole = SettingsSchema.safeParse(value);
  if (whole.success) return whole.data;
  const raw = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, schema] of Object.entries(SettingsSchema.shape)) {
    const field = schema.safeParse(raw[key]);
    if (field.success && raw[key] !== undefined) out[key] = field.data;
  }
  return SettingsSchema.parse(out);
}

let settingsItemInstance: WxtStorageItem<Settings, {}> | null = null;

/** `local:settings`, version 2. */
export function settingsItem(): WxtStorageItem<Settings, {}> {
  settingsItemInstance ??= storage.defineItem<Settings>('local:settings', {
    fallback: DEFAULT_SETTINGS,
    version: SETTINGS_VERSION,
    migrations: { 2: migrateSettingsV1 },
  });
  return settingsItemInstance;
}

/** Current settings, always complete and valid. */
export async function loadSettings(): Promise<Settings> {
  return coerceSettings(await settingsItem().getValue());
}

let saveChain: Promise<unknown> = Promise.resolve();

/**
 * Merge `patch` into the stored settings, validate the result and store it. Saves are serialized
 * so two quick partial saves do not overwrite each other. Throws a zod error (`z.core.$ZodError`) on an invalid result.
 */
export function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const run = saveChain.then(async () => {
    const current = await loadSettings();
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const next = SettingsSchema.parse({ ...current, ...defined });
    await settingsItem().setValue(next);
    return next;
  });
  saveChain = run.catch(() => undefined);
  return run;
}
