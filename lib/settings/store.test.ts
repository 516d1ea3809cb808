import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from './fields';
import { SettingsSchema } from './settings.schema';
import { coerceSettings, loadSettings, migrateSettingsV1, saveSettings, settingsItem, type SettingsV1 } from './store';

/** Frozen example of what version 1 stored. */
const V1_EXAMPLE: SettingsV1 = {
  provider: 'aisa',
  includeSubdomains: false,
  statusType: 'all',
  rankScale: 1000,
  excludeInternalBacklinks: false,
  includeIndirectLinks: true,
  pageSize: 250,
  cacheHours: 12,
  budgetUsd: 3.5,
};

const V2_FROM_V1_EXAMPLE = {
  provider: 'aisa',
  includeSubdomains: false,
  statusType: 'all',
  rankScale: 'one_thousand',
  excludeInternalBacklinks: false,
  includeIndirectLinks: true,
  anchorsPageSize: 250,
  backlinksPageSize: 250,
  cacheHours: 12,
  dailyBudget: 3.5,
  autoCheckInPanel: false,
  includeTrendInChecks: false,
  serpFigures: false,
  serpMode: 'ask',
  aisaPerMinute: 60,
};

describe('settings storage', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('migrates the frozen v1 example to v2', () => {
    expect(migrateSettingsV1(V1_EXAMPLE)).toEqual(V2_FROM_V1_EXAMPLE);
  });

  it('v1: rank scale 100, budget 0 = off, a page size out of range', () => {
    const v2 = migrateSettingsV1({ ...V1_EXAMPLE, rankScale: 100, budgetUsd: 0, pageSize: 5 });
    expect(v2.rankScale).toBe('one_hundred');
    expect(v2.dailyBudget).toBeNull();
    expect(v2.anchorsPageSize).toBe(DEFAULT_SETTINGS.anchorsPageSize);
    expect(SettingsSchema.safeParse(v2).success).toBe(true);
  });

  it('v1 with broken or missing fields: defaults for those, the rest kept', () => {
    const v2 = migrateSettingsV1({ provider: 'nope', cacheHours: 48, rankScale: '100' });
    expect(v2).toEqual({ ...DEFAULT_SETTINGS, cacheHours: 48 });
    expect(migrateSettingsV1(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('a stored v1 item is migrated when the item is first used (worker start)', async () => {
    await fakeBrowser.storage.local.set({ settings: V1_EXAMPLE, settings$: { v: 1 } });
    vi.resetModules();
    const fresh = await import('./store');
    expect(await fresh.loadSettings()).toEqual(V2_FROM_V1_EXAMPLE);
    const raw = await fakeBrowser.storage.local.get(['settings', 'settings$']);
    expect(raw.settings).toEqual(V2_FROM_V1_EXAMPLE);
    expect(raw.settings$).toEqual({ v: 2 });
  });

  it('a v1 item without a version mark is treated as v1', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...V1_EXAMPLE, rankScale: 100 } });
    await settingsItem().migrate();
    expect((await loadSettings()).rankScale).toBe('one_hundred');
    expect((await fakeBrowser.storage.local.get('settings$')).settings$).toEqual({ v: 2 });
  });

  it('nothing stored: the defaults', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('partial saves merge with what is stored and are validated', async () => {
    await saveSettings({ cacheHours: 6 });
    await saveSettings({ dailyBudget: 1.25, provider: 'sandbox' });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, cacheHours: 6, dailyBudget: 1.25, provider: 'sandbox' });
    await expect(saveSettings({ anchorsPageSize: 5 })).rejects.toThrow();
    expect((await loadSettings()).anchorsPageSize).toBe(DEFAULT_SETTINGS.anchorsPageSize);
    // An explicit undefined does not erase a field.
    await saveSettings({ cacheHours: undefined });
    expect((await loadSettings()).cacheHours).toBe(6);
  });

  it('concurrent partial saves do not lose each other', async () => {
    await Promise.all([saveSettings({ cacheHours: 3 }), saveSettings({ autoCheckInPanel: true }), saveSettings({ aisaPerMinute: 10 })]);
    expect(await loadSettings()).toMatchObject({ cacheHours: 3, autoCheckInPanel: true, aisaPerMinute: 10 });
  });

  it('a damaged stored value is repaired field by field', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, cacheHours: 'soon', dailyBudget: 2 }, settings$: { v: 2 } });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, dailyBudget: 2 });
    expect(coerceSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });

  it('settings live in storage.local, never sync', async () => {
    await saveSettings({ cacheHours: 7 });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ cacheHours: 7 });
  });
});
