import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDB } from 'idb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storeCredentials } from '@/lib/credentials';
import type { Request } from '@/lib/messages';
import { createLookupService } from '@/lib/lookup/service';
import { fakeClient, profileParams } from '@/tests/helpers/lookup';
import { DEFAULT_SETTINGS } from '@/lib/settings/fields';
import { getPanelEntry } from '@/lib/handover/receive';
import { readScopeMemory } from '@/entrypoints/popup/components/logic';
import { CACHE_DB, STORAGE_KEYS } from './registry';

/**
 * Every stored key with a damaged value: the worker answers, the state it reads is a clear
 * recovered one, and nothing is spent by mistake. One case per key of lib/storage/registry.ts
 * (a key added there without a case here fails the first test).
 */
const CREDS = { provider: 'dataforseo', login: 'me@example.com', password: 'pw-0123456789abcdef' } as const;
const profile = (value = 'example.com'): Request => ({ type: 'profile', params: profileParams(value), mode: 'normal' });

/** Values a damaged or hand-edited storage can hold. */
const GARBAGE: unknown[] = [
  'garbage',
  42,
  true,
  [],
  [1, 'two', null],
  {},
  { entries: 'x', days: [1], open: 7, dropped: -1 },
  { provider: 'nope', login: 5, password: null, key: {} },
  { nested: { deeply: { wrong: [Number.NaN] } } },
  'x'.repeat(100_000),
  { v: 99 }, // a version mark from the future (WXT refuses to migrate down)
];

const services: ReturnType<typeof createLookupService>[] = [];
function setup() {
  const client = fakeClient();
  const service = createLookupService({ clientFor: vi.fn(() => client), random: () => 0 });
  services.push(service);
  return { service, client };
}

/** The handlers every page starts with answer (they never throw) and a paid check still works or refuses clearly. */
async function pagesStillWork(service: ReturnType<typeof setup>['service']) {
  for (const type of ['getSettings', 'spend', 'history'] as const) {
    const reply = await service.handle({ type });
    expect(reply.ok, `${type} answers`).toBe(true);
  }
}

const CASES: Record<keyof typeof STORAGE_KEYS, (value: unknown) => Promise<void>> = {
  async settings(value) {
    await storeCredentials(CREDS);
    await fakeBrowser.storage.local.set({ settings: value, settings$: value });
    const { service, client } = setup();
    await pagesStillWork(service);
    const pub = await service.handle({ type: 'getSettings' });
    // Whatever was stored, every setting is valid; an unreadable whole reads as the defaults.
    expect(pub.ok && Object.keys(pub.data.settings).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    const reply = await service.handle(profile());
    expect(reply.ok).toBe(true);
    expect(client.total()).toBe(1);
  },
  async credentials(value) {
    await fakeBrowser.storage.local.set({ credentials: value, credentials$: value });
    const { service, client } = setup();
    await pagesStillWork(service);
    const pub = await service.handle({ type: 'getSettings' });
    expect(pub.ok && pub.data.credentials.present).toBe(false);
    const reply = await service.handle(profile());
    expect(!reply.ok && reply.error.kind).toBe('no-credentials');
    expect(client.total()).toBe(0);
    // Saving again recovers.
    const saved = await service.handle({ type: 'saveCredentials', credentials: CREDS });
    expect(saved.ok && saved.data.credentials.present).toBe(true);
  },
  async ledger(value) {
    await storeCredentials(CREDS);
    await fakeBrowser.storage.local.set({ ledger: value });
    const { service, client } = setup();
    await pagesStillWork(service);
    const spend = await service.handle({ type: 'spend' });
    expect(spend.ok && spend.data.today).toBe(0);
    const reply = await service.handle(profile());
    expect(reply.ok).toBe(true);
    expect(client.total()).toBe(1);
    const after = await service.handle({ type: 'spend' });
    expect(after.ok && after.data.recent).toHaveLength(1);
  },
  async history(value) {
    await storeCredentials(CREDS);
    await fakeBrowser.storage.local.set({ history: value });
    const { service } = setup();
    await pagesStillWork(service);
    expect(await service.handle(profile('fresh-site.com'))).toMatchObject({ ok: true });
    const list = await service.handle({ type: 'history' });
    expect(list.ok && list.data.map((h) => h.target.value)).toEqual(['fresh-site.com']);
  },
  async popupScope(value) {
    await fakeBrowser.storage.local.set({ popupScope: value });
    const got = await fakeBrowser.storage.local.get('popupScope');
    const memory = readScopeMemory(got.popupScope);
    expect(typeof memory).toBe('object');
    for (const scope of Object.values(memory)) expect(['domain', 'host', 'page']).toContain(scope);
  },
  async panel(value) {
    await fakeBrowser.storage.session.set({ 'panel:7': value, 'panel:last': value });
    expect(await getPanelEntry(7)).toBeNull();
    expect(await getPanelEntry(null)).toBeNull();
  },
  async bulkFigures(value) {
    await storeCredentials(CREDS);
    await fakeBrowser.storage.local.set({ 'bulkFigures:rank': value, 'bulkFigures:spamScore': { 'x|a.com': value } });
    const { service, client } = setup();
    await pagesStillWork(service);
    // A damaged figure is not a figure: the quote prices it, and a confirmed run buys it (once).
    const q = await service.handle({ type: 'bulkQuote', targets: ['a.com'], metrics: ['rank'] });
    expect(q.ok && q.data.perMetric).toEqual([{ metric: 'rank', cached: 0, toBuy: 1, calls: 1 }]);
    const price = q.ok ? q.data.priceUsd : 0;
    const r = await service.handle({ type: 'bulkRun', targets: ['a.com'], metrics: ['rank'], maxPriceUsd: price });
    expect(r.ok && r.data.failed).toEqual([]);
    expect(client.total()).toBe(1);
    const again = await service.handle({ type: 'bulkQuote', targets: ['a.com'], metrics: ['rank'] });
    expect(again.ok && again.data.perMetric[0]).toMatchObject({ cached: 1, toBuy: 0 });
  },
  async cache(value) {
    await storeCredentials(CREDS);
    const first = setup();
    expect((await first.service.handle(profile())).ok).toBe(true);
    const db = await openDB(CACHE_DB.name, CACHE_DB.version);
    for (const k of await db.getAllKeys('entries')) {
      await db.put('entries', value, k);
      await db.put('index', value, k);
    }
    await db.put('entries', value, 'stray');
    db.close();
    const { service, client } = setup();
    await pagesStillWork(service);
    // A damaged entry is a miss: checked again (a paid call), and the store is whole again afterwards.
    const reply = await service.handle(profile());
    expect(reply.ok && reply.meta.fromCache).toBe(false);
    expect(client.total()).toBe(1);
    const again = await service.handle(profile());
    expect(again.ok && again.meta.fromCache).toBe(true);
  },
};

describe('every stored key survives a damaged value', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });
  afterEach(async () => {
    // The history lines written after replies land before the next test empties the storage.
    await Promise.all(services.splice(0).map((s) => s.handle({ type: 'history' })));
  });

  it('has a case for every key of the registry', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(STORAGE_KEYS).sort());
  });

  for (const key of Object.keys(CASES) as (keyof typeof STORAGE_KEYS)[]) {
    it.each(GARBAGE.map((v, i) => [i, v]))(`${key}: damaged value #%i`, async (_i, value) => {
      await CASES[key](value);
    });
  }
});

describe('nothing is stored outside the registry', () => {
  /** Source files of the extension (tests and the sandbox aside). */
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sources(path);
      return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
    });
  }

  it('no storage key is written as a literal outside lib/storage/registry.ts', () => {
    const offenders: string[] = [];
    for (const file of ['lib', 'entrypoints', 'components'].flatMap(sources)) {
      if (file.endsWith(join('storage', 'registry.ts')) || file.endsWith(join('storage', 'keys.ts'))) continue;
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const literal = /['"`](local|session):[A-Za-z]/.exec(code);
      const direct = /storage\.(local|session)\.(get|set|remove)\(\s*['"`]/.exec(code);
      if (literal || direct) offenders.push(`${file}: ${(literal ?? direct)![0]}`);
    }
    expect(offenders).toEqual([]);
  });
});
