import { browser } from 'wxt/browser';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { storageMemo } from '@/lib/storageMemo';
import { DEFAULT_SETTINGS, type Settings } from './fields';
import { SettingsSchema } from './settings.schema';
import { KEY_NAMES, LOCAL } from '@/lib/storage/registry';

/**
 * The stored settings. Only the background worker reads and writes these items; pages ask it
 * through lib/messages.ts. Items are defined lazily (first use), so importing this file has no
 * side effect on storage.
 */

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
  settingsItemInstance ??= storage.defineItem<Settings>(LOCAL.settings, {
    fallback: DEFAULT_SETTINGS,
    version: SETTINGS_VERSION,
    migrations: { 2: migrateSettingsV1 },
  });
  return settingsItemInstance;
}

/**
 * The stored settings in one read: the value and its version mark together. Stored at the current
 * version (or nothing stored): used as it is. An older version goes through the storage item, which
 * runs the migrations first.
 */
async function readSettings(): Promise<Settings> {
  const key = KEY_NAMES.settings;
  const got = await browser.storage.local.get([key, `${key}$`]);
  const meta = got[`${key}$`] as { v?: unknown } | undefined;
  if (got[key] == null) return DEFAULT_SETTINGS;
  if (meta?.v === SETTINGS_VERSION) return coerceSettings(got[key]);
  return coerceSettings(await settingsItem().getValue());
}

/** Held in memory by the worker until the stored settings change (lib/storageMemo.ts). */
const memo = storageMemo([KEY_NAMES.settings, `${KEY_NAMES.settings}$`], readSettings);

/** Current settings, always complete and valid (from memory while nothing changed them). */
export async function loadSettings(): Promise<Settings> {
  return memo.get();
}

let saveChain: Promise<unknown> = Promise.resolve();

/**
 * Merge `patch` into the stored settings, validate the result and store it. Saves are serialized
 * so two quick partial saves do not overwrite each other. Throws a zod error (`z.core.$ZodError`) on an invalid result.
 */
export function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  return saveSettingsWith(patch, []);
}

/** Another storage.local item written in the same write as the settings. */
export interface AlsoWritten {
  key: `local:${string}`;
  value: unknown;
}

/**
 * saveSettings, with other storage.local items in the SAME `storage.local.set` call, so either all
 * of them are stored or none is (e.g. the credentials and the provider in use, lib/credentials.ts).
 */
export function saveSettingsWith(patch: Partial<Settings>, also: readonly AlsoWritten[]): Promise<Settings> {
  const run = saveChain.then(async () => {
    const current = await loadSettings();
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const next = SettingsSchema.parse({ ...current, ...defined });
    memo.clear();
    if (also.length === 0) await settingsItem().setValue(next);
    else {
      await storage.setItems([
        { key: LOCAL.settings, value: next },
        // The version mark WXT keeps beside the item, written with it (as a first setValue would).
        { key: `${LOCAL.settings}$`, value: { v: SETTINGS_VERSION } },
        ...also,
      ]);
    }
    memo.set(next);
    return next;
  });
  saveChain = run.catch(() => undefined);
  return run;
}
