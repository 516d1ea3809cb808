import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHistory, type StoredHistoryEntry } from './history';
import { domainTarget } from './test-helpers';

const line = (value: string, at = 1_700_000_000_000): StoredHistoryEntry => ({
  at,
  target: domainTarget(value),
  scope: 'domain',
  rank: 10,
  backlinks: 100,
  referringDomains: 5,
  key: `k-${value}`,
});

describe('history read back defensively', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a damaged line is dropped and counted, the others kept', async () => {
    await fakeBrowser.storage.local.set({
      history: [line('a.com'), { at: 'x' }, { ...line('b.com'), rank: 1e300 }, 7, line('c.com')],
    });
    const history = createHistory();
    const list = await history.list((k) => k === 'k-a.com');
    expect(list.map((e) => [e.target.value, e.cached])).toEqual([
      ['a.com', true],
      ['c.com', false],
    ]);
    expect(await history.health()).toMatchObject({ dropped: 3, recovered: false });
  });

  it.each([['a string', 'garbage'], ['a number', 1e308], ['an object', { a: 1 }]])(
    'a history value that is %s reads as empty and adding works again',
    async (_, value) => {
      await fakeBrowser.storage.local.set({ history: value });
      const history = createHistory();
      expect(await history.list(() => false)).toEqual([]);
      expect(await history.health()).toMatchObject({ recovered: true });
      expect(await history.add(line('a.com'))).toEqual({ ok: true });
      expect((await history.list(() => false)).map((e) => e.target.value)).toEqual(['a.com']);
    },
  );

  it('isCached throwing marks the line not cached instead of failing the list', async () => {
    const history = createHistory();
    await history.add(line('a.com'));
    expect(await history.list(() => Promise.reject(new Error('cache broken')))).toMatchObject([{ cached: false }]);
  });

  it('a write failure is returned, not thrown', async () => {
    const history = createHistory();
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    expect(await history.add(line('a.com'))).toMatchObject({ ok: false, reason: 'storage-full' });
    expect(await history.health()).toMatchObject({ writeFailure: 'storage-full' });
    expect(await history.add({ ...line('b.com'), at: NaN })).toMatchObject({ ok: false, reason: 'invalid' });
  });
});
