import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHistory, EARLIER_LIMIT, earlierCheck, migrateHistoryV1, type HistoryLineV1, type NewHistoryEntry } from './history';
import { domainTarget } from '@/tests/helpers/lookup';
import { DEFAULT_SETTINGS } from '@/lib/settings/fields';
import { queryOptionsFrom } from '@/lib/settings/query';

const OPTIONS = queryOptionsFrom(DEFAULT_SETTINGS);
const DAY = 86_400_000;

const line = (value: string, at = 1_700_000_000_000, over: Partial<NewHistoryEntry> = {}): NewHistoryEntry => ({
  at,
  fetchedAt: at,
  target: domainTarget(value),
  scope: 'domain',
  rank: 10,
  backlinks: 100,
  referringDomains: 5,
  key: `k-${value}`,
  options: OPTIONS,
  ...over,
});

/** A line exactly as version 1 wrote it (frozen). */
const V1_LINE: HistoryLineV1 = {
  at: 1_699_000_000_000,
  target: { value: 'old.com', display: 'old.com', scope: 'domain' },
  scope: 'domain',
  rank: 30,
  backlinks: 900,
  referringDomains: 40,
  key: 'k-old.com',
};

describe('history read back defensively', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a damaged line is dropped and counted, the others kept', async () => {
    await fakeBrowser.storage.local.set({
      history: [{ ...line('a.com'), earlier: [] }, { at: 'x' }, { ...line('b.com'), rank: 1e300, earlier: [] }, 7, { ...line('c.com'), earlier: [] }],
      history$: { v: 2 },
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
      expect(await history.add(line('a.com'))).toMatchObject({ ok: true });
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

describe('history keeps the figures of earlier checks', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('migrates a version-1 history: lines kept, their figures become the base of the next check', async () => {
    await fakeBrowser.storage.local.set({ history: [V1_LINE, 'junk'] });
    const history = createHistory();
    expect((await history.list(() => false)).map((e) => [e.target.value, e.rank])).toEqual([['old.com', 30]]);
    expect(await history.health()).toMatchObject({ dropped: 1 });
    const stored = await fakeBrowser.storage.local.get(['history', 'history$']);
    expect(stored.history$).toEqual({ v: 2 });
    expect((stored.history as unknown[])[0]).toMatchObject({ ...V1_LINE, fetchedAt: V1_LINE.at, options: null, earlier: [] });
    // Same key as the v1 line: the same options, though v1 did not record them.
    const added = await history.add(line('old.com', V1_LINE.at + DAY, { key: 'k-old.com', referringDomains: 52 }));
    expect(added).toEqual({
      ok: true,
      earlier: { fetchedAt: V1_LINE.at, rank: 30, backlinks: 900, referringDomains: 40, sameOptions: true, optionsDiffer: [] },
    });
  });

  it('the migration leaves what is not a v1 list to the defensive reader', () => {
    expect(migrateHistoryV1('garbage')).toBe('garbage');
    expect(migrateHistoryV1([7, null])).toEqual([7, null]);
    const v2 = { ...line('a.com'), earlier: [] };
    expect(migrateHistoryV1([v2])).toEqual([v2]);
  });

  it('a first check has nothing to compare with; a later one with other figures has', async () => {
    const history = createHistory();
    expect(await history.add(line('a.com'))).toEqual({ ok: true, earlier: null });
    const second = await history.add(line('a.com', 1_700_000_000_000 + DAY, { referringDomains: 17 }));
    expect(second).toMatchObject({ ok: true, earlier: { fetchedAt: 1_700_000_000_000, referringDomains: 5, sameOptions: true } });
    // One line per target in the list.
    expect(await history.list(() => false)).toHaveLength(1);
  });

  it('the same data answered again from the cache keeps comparing with the check before it', async () => {
    const history = createHistory();
    const t1 = 1_700_000_000_000;
    await history.add(line('a.com', t1));
    await history.add(line('a.com', t1 + DAY, { backlinks: 150 }));
    // Reopened an hour later: the cache answers the data fetched at t1 + DAY.
    const again = await history.add(line('a.com', t1 + DAY + 3_600_000, { fetchedAt: t1 + DAY, backlinks: 150 }));
    expect(again).toMatchObject({ ok: true, earlier: { fetchedAt: t1, backlinks: 100 } });
  });

  it('earlierFor tells, without writing, what add would return', async () => {
    const history = createHistory();
    await history.add(line('a.com'));
    const next = line('a.com', 1_700_000_000_000 + DAY, { referringDomains: 9 });
    const before = await fakeBrowser.storage.local.get('history');
    const told = await history.earlierFor(next);
    expect(await fakeBrowser.storage.local.get('history')).toEqual(before);
    expect(told).toMatchObject({ referringDomains: 5, sameOptions: true });
    expect(await history.add(next)).toEqual({ ok: true, earlier: told });
    expect(await history.earlierFor({ ...next, at: NaN })).toBeNull();
  });

  it('earlierReader reads the history when it is made, and answers from that read later', async () => {
    const history = createHistory();
    await history.add(line('a.com', 1_700_000_000_000, { referringDomains: 3 }));
    const reader = history.earlierReader();
    // A line written after the read is not what the reader compares with.
    await history.add(line('a.com', 1_700_000_000_000 + DAY, { referringDomains: 7 }));
    const next = line('a.com', 1_700_000_000_000 + 2 * DAY, { referringDomains: 9 });
    expect(await reader(next)).toMatchObject({ fetchedAt: 1_700_000_000_000, referringDomains: 3 });
    expect(await history.earlierFor(next)).toMatchObject({ fetchedAt: 1_700_000_000_000 + DAY, referringDomains: 7 });
    expect(await reader({ ...next, at: NaN })).toBeNull();
  });

  it('the list carries each line\'s earlier check, for Options to show the changes', async () => {
    const history = createHistory();
    await history.add(line('a.com', 1_700_000_000_000, { backlinks: 100 }));
    await history.add(line('a.com', 1_700_000_000_000 + DAY, { backlinks: 130 }));
    await history.add(line('b.com'));
    const list = await history.list(() => true);
    expect(list.map((e) => [e.target.value, e.earlier?.backlinks ?? null])).toEqual([
      ['b.com', null],
      ['a.com', 100],
    ]);
  });

  it('nothing changed: no earlier check is returned', async () => {
    const history = createHistory();
    await history.add(line('a.com'));
    expect(await history.add(line('a.com', 1_700_000_000_000 + DAY))).toEqual({ ok: true, earlier: null });
  });

  it('a refresh that finds the same figures keeps dating the change from the check that had other figures', async () => {
    const t = 1_700_000_000_000;
    const history = createHistory();
    await history.add(line('a.com', t, { referringDomains: 5 }));
    await history.add(line('a.com', t + DAY, { referringDomains: 17 }));
    const refreshed = await history.add(line('a.com', t + DAY + 60_000, { referringDomains: 17 }));
    expect(refreshed).toMatchObject({ ok: true, earlier: { fetchedAt: t, referringDomains: 5, sameOptions: true } });
    // Many more refreshes with the same figures do not push that check out of the bounded list.
    for (let i = 2; i < EARLIER_LIMIT + 5; i++) await history.add(line('a.com', t + DAY + i * 60_000, { referringDomains: 17 }));
    expect(await history.earlierFor(line('a.com', t + 2 * DAY, { referringDomains: 17 }))).toMatchObject({ fetchedAt: t, referringDomains: 5 });
  });

  it('keeps at most EARLIER_LIMIT earlier figures per line', async () => {
    const history = createHistory();
    for (let i = 0; i < EARLIER_LIMIT + 4; i++) await history.add(line('a.com', 1_700_000_000_000 + i * DAY, { backlinks: 100 + i }));
    const stored = (await fakeBrowser.storage.local.get('history')).history as { earlier: unknown[] }[];
    expect(stored[0]!.earlier).toHaveLength(EARLIER_LIMIT);
  });

  it('prefers the newest earlier check with the same options; else says the options differed and which', async () => {
    const t = 1_700_000_000_000;
    const other = { ...OPTIONS, includeSubdomains: !OPTIONS.includeSubdomains };
    const history = createHistory();
    await history.add(line('a.com', t, { key: 'k-same', referringDomains: 5 }));
    await history.add(line('a.com', t + DAY, { key: 'k-other', options: other, referringDomains: 3 }));
    const back = await history.add(line('a.com', t + 2 * DAY, { key: 'k-same', referringDomains: 8 }));
    expect(back).toMatchObject({ ok: true, earlier: { fetchedAt: t, referringDomains: 5, sameOptions: true } });

    const fresh = createHistory();
    fakeBrowser.reset();
    await fresh.add(line('b.com', t, { key: 'k-other', options: other, referringDomains: 3 }));
    const changed = await fresh.add(line('b.com', t + DAY, { key: 'k-same', referringDomains: 8 }));
    expect(changed).toMatchObject({ ok: true, earlier: { referringDomains: 3, sameOptions: false, optionsDiffer: ['includeSubdomains'] } });
  });

  it('ranks on another scale are left out of the comparison', () => {
    const cur = { fetchedAt: 2, rank: 400, backlinks: 10, referringDomains: 4, key: 'k2', options: { ...OPTIONS, rankScale: 'one_thousand' as const } };
    const old = { fetchedAt: 1, rank: 40, backlinks: 10, referringDomains: 4, key: 'k1', options: { ...OPTIONS, rankScale: 'one_hundred' as const } };
    // Only the rank "changed", and it is not comparable: nothing to show.
    expect(earlierCheck(cur, [old])).toBeNull();
    expect(earlierCheck({ ...cur, backlinks: 12 }, [old])).toEqual({
      fetchedAt: 1, rank: null, backlinks: 10, referringDomains: 4, sameOptions: false, optionsDiffer: ['rankScale'],
    });
    // Options unknown (a v1 line under another key): the rank is not compared either.
    expect(earlierCheck({ ...cur, backlinks: 12 }, [{ ...old, options: null }])).toMatchObject({ rank: null, optionsDiffer: [] });
  });
});
