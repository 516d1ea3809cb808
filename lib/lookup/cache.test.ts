import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CACHE_LIMITS, createCache, type CachedAnswer } from './cache';
import { makeBacklinks, makeProfile } from './test-helpers';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 5, 1, 12);

function answer(name: string, fetchedAt = T0): CachedAnswer {
  return { endpoint: 'profile', data: makeProfile(name), fetchedAt, cost: 0.02003, rows: 1 };
}

describe('cache', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('states its limits: 400 entries and 4 MB', () => {
    expect(CACHE_LIMITS).toEqual({ maxEntries: 400, maxBytes: 4 * 1024 * 1024 });
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

  it('is persisted in storage.local: a new cache object sees the same entries', async () => {
    await createCache().set('k1', answer('a.com'), { ttlMs: HOUR, now: T0 });
    expect(await createCache().get('k1', { ttlMs: HOUR, now: T0 + 1 })).not.toBeNull();
    const all = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(all).sort()).toEqual(['cache:k1', 'cacheIndex']);
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
    const stored = Object.keys(await fakeBrowser.storage.local.get(null)).filter((k) => k.startsWith('cache:'));
    expect(stored.sort()).toEqual(['cache:k2', 'cache:k3', 'cache:k4']);
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
    expect(await fakeBrowser.storage.local.get('cache:old')).toEqual({});
  });

  it('an entry that no longer matches the model is a miss', async () => {
    const cache = createCache();
    await cache.set('k', { ...answer('a.com'), data: { target: 'a.com' } }, { ttlMs: HOUR, now: T0 });
    expect(await cache.get('k', { ttlMs: HOUR, now: T0 })).toBeNull();
  });

  it('clear() removes every entry, listed or not, and nothing else', async () => {
    const cache = createCache();
    await cache.set('k1', answer('a.com'), { ttlMs: HOUR, now: T0 });
    await fakeBrowser.storage.local.set({ 'cache:stray': answer('b.com'), settings: { keep: true } });
    await cache.clear();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ settings: { keep: true } });
    expect(await cache.stats()).toEqual({ entries: 0, bytes: 0, limitBytes: CACHE_LIMITS.maxBytes });
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
    const all = await fakeBrowser.storage.local.get(null);
    expect((all['cache:k1'] as CachedAnswer).expiresAt).toBe(T0 + 2 * HOUR);
    expect((all['cache:k2'] as CachedAnswer).expiresAt).toBe(T0 + 5 * HOUR);
    expect(all.cacheIndex).toEqual([
      expect.objectContaining({ k: 'k1', e: T0 + 2 * HOUR }),
      expect.objectContaining({ k: 'k2', e: T0 + 5 * HOUR }),
    ]);
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
    expect(await fakeBrowser.storage.local.get('cache:short')).toEqual({});
  });

  it('an entry is a miss after its own expiry, even under a longer lifetime', async () => {
    const cache = createCache();
    await cache.set('k', answer('a.com'), { ttlMs: HOUR, now: T0 });
    const later = { ttlMs: 24 * HOUR, now: T0 + 2 * HOUR };
    expect(await cache.get('k', later)).toBeNull();
    expect(await cache.has('k', later)).toBe(false);
    expect(await cache.get('k', { ttlMs: 24 * HOUR, now: T0 + HOUR - 1 })).not.toBeNull();
  });

  it('entries written before expiresAt existed are read and evicted by the caller\'s lifetime, as before', async () => {
    const legacy = answer('old.com');
    await fakeBrowser.storage.local.set({ 'cache:old': legacy, cacheIndex: [{ k: 'old', at: T0, b: 100 }] });
    const cache = createCache();
    expect(await cache.get('old', { ttlMs: 24 * HOUR, now: T0 + 23 * HOUR })).not.toBeNull();
    expect(await cache.has('old', { ttlMs: 24 * HOUR, now: T0 + 23 * HOUR })).toBe(true);
    expect(await cache.get('old', { ttlMs: 24 * HOUR, now: T0 + 24 * HOUR })).toBeNull();
    // A write keeps it while the old rule says fresh, and drops it once stale.
    await cache.set('a', answer('a.com', T0 + HOUR), { ttlMs: 24 * HOUR, now: T0 + HOUR });
    expect((await cache.stats()).entries).toBe(2);
    await cache.set('b', answer('b.com', T0 + 25 * HOUR), { ttlMs: 24 * HOUR, now: T0 + 25 * HOUR });
    expect(await fakeBrowser.storage.local.get('cache:old')).toEqual({});
  });

  it('read() answers only an entry of the endpoint asked for', async () => {
    const cache = createCache();
    await cache.set('k', answer('a.com'), { ttlMs: HOUR, now: T0 });
    const f = { ttlMs: HOUR, now: T0 + 1 };
    expect((await cache.read('k', 'profile', f))?.data.target).toBe('a.com');
    expect(await cache.read('k', 'backlinks', f)).toBeNull();
  });
});
