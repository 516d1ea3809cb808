import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBulkStore } from './bulkStore';

const T0 = 1_780_000_000_000;
const HOUR = 3_600_000;

describe('bulk figure store', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads back what was written, per scope, metric and target', async () => {
    const store = createBulkStore();
    await store.write('referringDomains', 'p:a', new Map([['a.com', [10, 2]], ['b.com', [null, null]]]), { now: T0, ttlMs: HOUR });
    const got = await store.read('referringDomains', 'p:a', ['a.com', 'b.com', 'c.com'], { now: T0 + 1, ttlMs: HOUR });
    expect([...got]).toEqual([
      ['a.com', { fetchedAt: T0, values: [10, 2] }],
      ['b.com', { fetchedAt: T0, values: [null, null] }],
    ]);
    expect((await store.read('referringDomains', 'p:other', ['a.com'], { now: T0 + 1, ttlMs: HOUR })).size).toBe(0);
    expect((await store.read('rank', 'p:a', ['a.com'], { now: T0 + 1, ttlMs: HOUR })).size).toBe(0);
  });

  it('an entry expires by its own lifetime and by a shorter current rule', async () => {
    const store = createBulkStore();
    await store.write('rank', 's', new Map([['a.com', [5]]]), { now: T0, ttlMs: 2 * HOUR });
    expect((await store.read('rank', 's', ['a.com'], { now: T0 + HOUR, ttlMs: 2 * HOUR })).size).toBe(1);
    expect((await store.read('rank', 's', ['a.com'], { now: T0 + HOUR, ttlMs: HOUR / 2 })).size).toBe(0);
    expect((await store.read('rank', 's', ['a.com'], { now: T0 + 2 * HOUR, ttlMs: 10 * HOUR })).size).toBe(0);
    expect((await store.read('rank', 's', ['a.com'], { now: T0, ttlMs: 0 })).size).toBe(0);
  });

  it('is bounded: beyond the limit the entries fetched longest ago go first; expired ones go on any write', async () => {
    const store = createBulkStore({ maxPerMetric: 3 });
    await store.write('backlinks', 's', new Map([['old.com', [1]]]), { now: T0, ttlMs: HOUR });
    await store.write('backlinks', 's', new Map([['b.com', [2]], ['c.com', [3]]]), { now: T0 + 10, ttlMs: 10 * HOUR });
    await store.write('backlinks', 's', new Map([['d.com', [4]]]), { now: T0 + 20, ttlMs: 10 * HOUR });
    const got = await store.read('backlinks', 's', ['old.com', 'b.com', 'c.com', 'd.com'], { now: T0 + 30, ttlMs: 10 * HOUR });
    expect([...got.keys()]).toEqual(['b.com', 'c.com', 'd.com']);
    await store.write('backlinks', 's', new Map([['e.com', [5]]]), { now: T0 + 2 * HOUR, ttlMs: HOUR });
    expect(await store.count()).toBe(3);
  });

  it('ignores damaged rows and a damaged item', async () => {
    await fakeBrowser.storage.local.set({ 'bulkFigures:spamScore': { 's|a.com': [T0, T0 + HOUR, 'x'], 's|b.com': [T0, T0 + HOUR, 7], 's|c.com': 'nope' } });
    const store = createBulkStore();
    expect([...(await store.read('spamScore', 's', ['a.com', 'b.com', 'c.com'], { now: T0 + 1, ttlMs: HOUR })).keys()]).toEqual(['b.com']);
    await fakeBrowser.storage.local.set({ 'bulkFigures:spamScore': [1, 2, 3] });
    expect((await store.read('spamScore', 's', ['b.com'], { now: T0 + 1, ttlMs: HOUR })).size).toBe(0);
    await store.write('spamScore', 's', new Map([['z.com', [1]]]), { now: T0, ttlMs: HOUR });
    expect((await store.read('spamScore', 's', ['z.com'], { now: T0 + 1, ttlMs: HOUR })).size).toBe(1);
  });

  it('clear removes every metric', async () => {
    const store = createBulkStore();
    await store.write('rank', 's', new Map([['a.com', [1]]]), { now: T0, ttlMs: HOUR });
    await store.write('spamScore', 's', new Map([['a.com', [1]]]), { now: T0, ttlMs: HOUR });
    expect(await store.count()).toBe(2);
    await store.clear();
    expect(await store.count()).toBe(0);
  });
});
