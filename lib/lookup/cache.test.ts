import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDB } from 'idb';
import { CACHE_LIMITS, createCache, type CachedAnswer } from './cache';
import { CACHE_DB } from '@/lib/storage/registry';
import { makeBacklinks, makeProfile } from '@/tests/helpers/lookup';

/** What the cache database holds, read directly: entry keys, index lines by key. */
async function rawDb(): Promise<{ entries: Record<string, any>; index: Record<string, any> }> {
  const db = await openDB(CACHE_DB.name, CACHE_DB.version);
  const out = { entries: {} as Record<string, any>, index: {} as Record<string, any> };
  for (const store of ['entries', 'index'] as const) {
    if (!db.objectStoreNames.contains(store)) continue;
    const keys = await db.getAllKeys(store);
    for (const k of keys) out[store][String(k)] = await db.get(store, k);
  }
  db.close();
  return out;
}

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 5, 1, 12);

function answer(name: string, fetchedAt = T0): CachedAnswer {
  return { endpoint: 'profile', data: makeProfile(name), fetchedAt, cost: 0.02003, rows: 1 };
}

describe('cache', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('states its limits: 2000 entries and 64 MiB, at least 50 side-panel pages of 1,000 backlinks', () => {
    expect(CACHE_LIMITS).toEqual({ maxEntries: 2000, maxBytes: 64 * 1024 * 1024 });
    const page = JSON.stringify({ endpoint: 'backlinks', data: makeBacklinks(1000), fetchedAt: T0, cost: 0.05, rows: 1000 }).length;
    expect(Math.floor(CACHE_LIMITS.maxBytes / page)).toBeGreaterThanOrEqual(50);
  });

  it('returns a stored answer while fresh and misses once the lifetime has passed', async () => {
    const cache = createCache();
    await cache.set('k1', answer('a.com'), { ttlMs: 24 * HOUR, now: T0 });
    const hit = await cache.get('k1', { ttlMs: 24 * HOUR, now: T0 + 23 * HOUR });
    expect(hit?.data).toEqual(makeProfile('a.com'));
    expect(hit?.fetchedAt).toBe(T0);
    expect(await cache.has('k1', { ttlMs: 24 * HOUR, now: T0 + 23 * HOUR })).toBe(true);
    expect(await cache.get('k1', { ttlMs: 24 * HOUR, now: T0 + 24 * HOUR })).toBeNull();
    expect(await cache.has('k1', { ttlMs: 24 * HOUR, now: T0 + 24 * HOUR })).toBe(false);
    // A shorter lifetime set later applies to entries already stored.
    expect(await cache.get('k1', { ttlMs: 1 * HOUR, now: T0 + 2 * HOUR })).toBeNull();
    // cacheHours 0: never reused.
    expect(await cache.get('k1', { ttlMs: 0, now: T0 })).toBeNull();
  });

  it('is persisted in IndexedDB, not storage.local: a new cache object sees the same entries', async () => {
    await createCache().set('k1', answer('a.com'), { ttlMs: HOUR, now: T0 });
    expect(await createCache().get('k1', { ttlMs: HOUR, now: T0 + 1 })).not.toBeNull();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    const raw = await rawDb();
    expect(Object.keys(raw.entries)).toEqual(['k1']);
    expect(Object.keys(raw.index)).toEqual(['k1']);
  });

  it('evicts the oldest entries beyond the entry limit', async () => {
    const cache = createCache({ maxEntries: 3 });
    const f = (now: number) => ({ ttlMs: 24 * HOUR, now });
    for (let i = 0; i < 5; i++) await cache.set(`k${i}`, answer(`s${i}.com`, T0 + i), f(T0 + i));
    const now = f(T0 + 10);
    expect(await cache.get('k0', now)).toBeNull();
    expect(await cache.get('k1', now)).toBeNull();
    for (const k of ['k2', 'k3', 'k4']) expect(await cache.get(k, now)).not.toBeNull();
    expect((await cache.stats()).entries).toBe(3);
    const raw = await rawDb();
    expect(Object.keys(raw.entries).sort()).toEqual(['k2', 'k3', 'k4']);
    expect(Object.keys(raw.index).sort()).toEqual(['k2', 'k3', 'k4']);
  });

  it('evicts the oldest entries beyond the byte limit and never stores one larger than the limit', async () => {
    const one = JSON.stringify(answer('x.com')).length;
    const cache = createCache({ maxBytes: Math.floor(one * 2.5) });
    const f = (now: number) => ({ ttlMs: 24 * HOUR, now });
    for (let i = 0; i < 4; i++) await cache.set(`k${i}`, answer(`s${i}.com`, T0 + i), f(T0 + i));
    const stats = await cache.stats();
    expect(stats.entries).toBe(2);
    expect(stats.bytes).toBeLessThanOrEqual(stats.limitBytes);
    expect(await cache.get('k3', f(T0 + 5))).not.toBeNull();
    expect(await cache.get('k1', f(T0 + 5))).toBeNull();

    const big: CachedAnswer = { endpoint: 'backlinks', data: makeBacklinks(200), fetchedAt: T0 + 6, cost: 0.026, rows: 200 };
    await cache.set('big', big, f(T0 + 6));
    expect(await cache.get('big', f(T0 + 7))).toBeNull();
    expect((await cache.stats()).entries).toBe(2); // nothing evicted for an entry that cannot fit
  });

  it('replacing an entry keeps one copy with the new data', async () => {
    const cache = createCache();
    await cache.set('k', answer('old.com', T0), { ttlMs: HOUR, now: T0 });
    await cache.set('k', answer('new.com', T0 + 5), { ttlMs: HOUR, now: T0 + 5 });
    const hit = await cache.get('k', { ttlMs: HOUR, now: T0 + 6 });
    expect((hit?.data as any)?.target).toBe('new.com');
    expect(hit?.fetchedAt).toBe(T0 + 5);
    expect((await cache.stats()).entries).toBe(1);
  });

  it('drops expired entries when writing', async () => {
    const cache = createCache();
    await cache.set('old', answer('old.com', T0), { ttlMs: HOUR, now: T0 });
    await cache.set('new', answer('new.com', T0 + 2 * HOUR), { ttlMs: HOUR, now: T0 + 2 * HOUR });
    expect((await cache.stats()).entries).toBe(1);
    expect(Object.keys((await rawDb()).entries)).toEqual(['new']);
  });

  it('an entry that no longer matches the model is a miss', async () => {
    const cache = createCache();
    await cache.set('k', { ...answer('a.com'), data: { target: 'a.com' } }, { ttlMs: HOUR, now: T0 });
    expect(await cache.get('k', { ttlMs: HOUR, now: T0 })).toBeNull();
  });

  it('clear() removes every entry and nothing else', async () => {
    const cache = createCache();
    await cache.set('k1', answer('a.com'), { ttlMs: HOUR, now: T0 });
    await fakeBrowser.storage.local.set({ settings: { keep: true } });
    await cache.clear();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ settings: { keep: true } });
    expect(await cache.stats()).toEqual({ entries: 0, bytes: 0, limitBytes: CACHE_LIMITS.maxBytes });
    expect(await rawDb()).toEqual({ entries: {}, index: {} });
  });
});

describe('cache entries carry their own expiresAt', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('is stored with the entry and in the index, from the answer or else fetchedAt + the lifetime', async () => {
    const cache = createCache();
    await cache.set('k1', answer('a.com'), { ttlMs: 2 * HOUR, now: T0 });
    await cache.set('k2', { ...answer('b.com'), expiresAt: T0 + 5 * HOUR }, { ttlMs: 24 * HOUR, now: T0 });
    const raw = await rawDb();
    expect((raw.entries.k1 as CachedAnswer).expiresAt).toBe(T0 + 2 * HOUR);
    expect((raw.entries.k2 as CachedAnswer).expiresAt).toBe(T0 + 5 * HOUR);
    expect(raw.index.k1).toMatchObject({ k: 'k1', e: T0 + 2 * HOUR });
    expect(raw.index.k2).toMatchObject({ k: 'k2', e: T0 + 5 * HOUR });
  });

  it('a write with a short lifetime does not evict a long-lived entry that is still valid', async () => {
    const cache = createCache();
    await cache.set('long', answer('long.com'), { ttlMs: 48 * HOUR, now: T0 });
    await cache.set('short', answer('short.com', T0 + 2 * HOUR), { ttlMs: HOUR, now: T0 + 2 * HOUR });
    expect((await cache.stats()).entries).toBe(2);
    const hit = await cache.get('long', { ttlMs: 48 * HOUR, now: T0 + 2 * HOUR });
    expect(hit?.data).toEqual(makeProfile('long.com'));
    // …and the short one goes at its own expiry on a later write.
    await cache.set('later', answer('later.com', T0 + 4 * HOUR), { ttlMs: 48 * HOUR, now: T0 + 4 * HOUR });
    const keys = (await cache.stats()).entries;
    expect(keys).toBe(2);
    expect(Object.keys((await rawDb()).entries).sort()).toEqual(['later', 'long']);
  });

  it('an entry is a miss after its own expiry, even under a longer lifetime', async () => {
    const cache = createCache();
    await cache.set('k', answer('a.com'), { ttlMs: HOUR, now: T0 });
    const later = { ttlMs: 24 * HOUR, now: T0 + 2 * HOUR };
    expect(await cache.get('k', later)).toBeNull();
    expect(await cache.has('k', later)).toBe(false);
    expect(await cache.get('k', { ttlMs: 24 * HOUR, now: T0 + HOUR - 1 })).not.toBeNull();
  });

  it('entries of the storage.local cache (before expiresAt existed) move to IndexedDB and keep the caller\'s lifetime', async () => {
    const legacy = answer('old.com');
    await fakeBrowser.storage.local.set({ 'cache:old': legacy, 'cache:stray': legacy, cacheIndex: [{ k: 'old', at: T0, b: 100 }], settings: { keep: 1 } });
    const cache = createCache();
    expect(await cache.get('old', { ttlMs: 24 * HOUR, now: T0 + 23 * HOUR })).not.toBeNull();
    expect(await cache.has('old', { ttlMs: 24 * HOUR, now: T0 + 23 * HOUR })).toBe(true);
    expect(await cache.get('old', { ttlMs: 24 * HOUR, now: T0 + 24 * HOUR })).toBeNull();
    // A write keeps it while the old rule says fresh, and drops it once stale.
    await cache.set('a', answer('a.com', T0 + HOUR), { ttlMs: 24 * HOUR, now: T0 + HOUR });
    expect((await cache.stats()).entries).toBe(2);
    // storage.local no longer holds any of the old cache.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ settings: { keep: 1 } });
    await cache.set('b', answer('b.com', T0 + 25 * HOUR), { ttlMs: 24 * HOUR, now: T0 + 25 * HOUR });
    expect(Object.keys((await rawDb()).entries).sort()).toEqual(['b']); // 'old' and 'a' are past the 24-hour rule
  });

  it('read() answers only an entry of the endpoint asked for', async () => {
    const cache = createCache();
    await cache.set('k', answer('a.com'), { ttlMs: HOUR, now: T0 });
    const f = { ttlMs: HOUR, now: T0 + 1 };
    expect((await cache.read('k', 'profile', f))?.data.target).toBe('a.com');
    expect(await cache.read('k', 'backlinks', f)).toBeNull();
  });
});

describe('cache under faults', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });
  const f = (now: number) => ({ ttlMs: 24 * HOUR, now });

  it('a write interrupted in the middle leaves the store exactly as before (one transaction)', async () => {
    const cache = createCache({ maxEntries: 2 });
    await cache.set('k1', answer('a.com', T0), f(T0));
    await cache.set('k2', answer('b.com', T0 + 1), f(T0 + 1));
    const before = await rawDb();
    // The third write evicts k1 and then dies while putting the new index line.
    const { IDBObjectStore } = await import('fake-indexeddb');
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (++calls === 2) throw new Error('the worker stopped');
      return put.apply(this, args);
    } as typeof put;
    try {
      await expect(cache.set('k3', answer('c.com', T0 + 2), f(T0 + 2))).rejects.toThrow('the worker stopped');
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(await rawDb()).toEqual(before);
    expect(await createCache().get('k1', f(T0 + 3))).not.toBeNull();
  });

  it('damaged index lines and entries no line lists are removed by the next write and never count', async () => {
    const cache = createCache({ maxEntries: 3 });
    await cache.set('k1', answer('a.com', T0), f(T0));
    const db = await openDB(CACHE_DB.name, CACHE_DB.version);
    await db.put('entries', answer('orphan.com'), 'orphan');
    await db.put('index', { k: 'other-key', at: 'yesterday', b: -1 }, 'bad');
    await db.put('entries', { junk: true }, 'bad');
    db.close();
    expect((await cache.stats()).entries).toBe(1);
    await cache.set('k2', answer('b.com', T0 + 1), f(T0 + 1));
    const raw = await rawDb();
    expect(Object.keys(raw.entries).sort()).toEqual(['k1', 'k2']);
    expect(Object.keys(raw.index).sort()).toEqual(['k1', 'k2']);
  });

  it('a damaged entry is a miss, and a database that cannot open makes every read a miss', async () => {
    const cache = createCache();
    await cache.set('k1', answer('a.com'), f(T0));
    const db = await openDB(CACHE_DB.name, CACHE_DB.version);
    await db.put('entries', 'not an entry', 'k1');
    db.close();
    expect(await cache.get('k1', f(T0 + 1))).toBeNull();
    const open = indexedDB.open;
    indexedDB.open = (() => {
      throw new Error('IndexedDB is not available');
    }) as typeof indexedDB.open;
    try {
      const other = createCache();
      expect(await other.get('k1', f(T0 + 1))).toBeNull();
      expect(await other.has('k1', f(T0 + 1))).toBe(false);
      expect(await other.stats()).toEqual({ entries: 0, bytes: 0, limitBytes: CACHE_LIMITS.maxBytes });
      await expect(other.set('k2', answer('b.com'), f(T0))).rejects.toThrow();
    } finally {
      indexedDB.open = open;
    }
  });

  it('keeps the reservation an answer settles, with its cost and rows, in the index (trace)', async () => {
    const cache = createCache();
    await cache.set('k1', { ...answer('a.com'), reservation: 'r-1' }, f(T0));
    expect(await cache.trace('k1')).toEqual({ fetchedAt: T0, reservation: 'r-1', cost: 0.02003, rows: 1 });
    expect(await cache.trace('nothing')).toBeNull();
  });

  it('holds 50 pages of 1,000 backlinks within its bound', async () => {
    const cache = createCache();
    const page = { endpoint: 'backlinks' as const, data: makeBacklinks(1000), cost: 0.05, rows: 1000 };
    for (let i = 0; i < 50; i++) await cache.set(`p${i}`, { ...page, fetchedAt: T0 + i }, f(T0 + i));
    const stats = await cache.stats();
    expect(stats.entries).toBe(50);
    expect(stats.bytes).toBeLessThanOrEqual(CACHE_LIMITS.maxBytes);
    expect(await cache.get('p0', f(T0 + 60))).not.toBeNull();
  }, 60_000);
});
