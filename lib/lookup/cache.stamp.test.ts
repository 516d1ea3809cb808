import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDB } from 'idb';
import { ENDPOINT_SCHEMAS } from '@/lib/dataforseo/endpoints.schema';
import { CACHE_DB } from '@/lib/storage/registry';
import { makeBacklinks } from '@/tests/helpers/lookup';
import { createCache, type CachedAnswer } from './cache';

/**
 * One parse per answer: the cache stamps what it writes with the build's stamp (wxt.config.ts
 * `sourceStamp`), and an entry of this very build is read back without the model's parse; an entry of
 * any other build (or without a stamp) is parsed, and a mismatch is a miss.
 */
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 5, 1, 12);
const F = { ttlMs: HOUR, now: T0 + 1 };

function page(rows = 1000): CachedAnswer {
  return { endpoint: 'backlinks', data: makeBacklinks(rows), fetchedAt: T0, cost: 0.05, rows };
}

/** Overwrites the stored entry's data (what a damaged or older entry would hold). */
async function damage(key: string, data: unknown): Promise<void> {
  const db = await openDB(CACHE_DB.name, CACHE_DB.version);
  const entry = await db.get('entries', key);
  await db.put('entries', { ...entry, data }, key);
  db.close();
}

describe('cache stamps', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('an entry this build wrote is read back without the model’s parse; its data is the stored data', async () => {
    const parse = vi.spyOn(ENDPOINT_SCHEMAS.backlinks.model, 'safeParse');
    try {
      const cache = createCache({ stamp: 'build-a' });
      await cache.set('k', page(), { ttlMs: HOUR, now: T0 });
      const hit = await cache.read('k', 'backlinks', F);
      expect(hit?.data.items.length).toBe(1000);
      expect(hit?.stamp).toBe('build-a');
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('an entry of another build is parsed, and one that no longer matches the model is a miss', async () => {
    await createCache({ stamp: 'build-a' }).set('k', page(3), { ttlMs: HOUR, now: T0 });
    const parse = vi.spyOn(ENDPOINT_SCHEMAS.backlinks.model, 'safeParse');
    try {
      const next = createCache({ stamp: 'build-b' });
      expect((await next.read('k', 'backlinks', F))?.data.items.length).toBe(3);
      expect(parse).toHaveBeenCalledTimes(1);
      await damage('k', { items: 'not a list' });
      expect(await next.read('k', 'backlinks', F)).toBeNull();
    } finally {
      parse.mockRestore();
    }
  });

  it('without a stamp (outside a build) nothing is stamped and every read is parsed', async () => {
    const cache = createCache({ stamp: null });
    await cache.set('k', page(2), { ttlMs: HOUR, now: T0 });
    const parse = vi.spyOn(ENDPOINT_SCHEMAS.backlinks.model, 'safeParse');
    try {
      const hit = await cache.read('k', 'backlinks', F);
      expect(hit?.stamp).toBeUndefined();
      expect(parse).toHaveBeenCalledTimes(1);
      await damage('k', null);
      expect(await cache.read('k', 'backlinks', F)).toBeNull();
    } finally {
      parse.mockRestore();
    }
  });
});
