import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createLedger, MAX_CALL_USD, MAX_DAY_USD } from './ledger';
import { dayKey } from './ledgerMath';

const T = new Date(2026, 4, 12, 10).getTime();
const meta = (target = 'example.com') => ({ provider: 'dataforseo' as const, endpoint: 'profile' as const, target, at: T });
const line = (cost: unknown, target = 'a.com', at = T) => ({ at, provider: 'dataforseo', endpoint: 'profile', target, cost, rows: 1 });

async function stored(): Promise<any> {
  return (await fakeBrowser.storage.local.get('ledger')).ledger;
}

/** Storage written by an earlier worker instance: a fresh module gives a new session. */
async function otherWorkerLedger() {
  vi.resetModules();
  return (await import('./ledger')).createLedger();
}

describe('ledger under faults', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reserve is written before the call; settle replaces it by the charge', async () => {
    const ledger = createLedger();
    const r = await ledger.reserve(0.02, meta());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys((await stored()).open)).toEqual([r.id]); // persisted before any call
    expect((await ledger.summary(T)).committedToday).toBe(0.02);
    const s = await ledger.settle(r.id, 0.02003, { rows: 1, at: T });
    expect(s).toMatchObject({ ok: true, cost: 0.02003, totals: { today: 0.02003 } });
    expect(s.ok && 'flag' in s).toBe(false);
    const sum = await ledger.summary(T);
    expect(sum).toMatchObject({ today: 0.02003, committedToday: 0.02003, inProgress: 0, unconfirmed: 0 });
    expect((await stored()).open).toEqual({});
    expect(await ledger.recent()).toMatchObject([{ target: 'example.com', cost: 0.02003, rows: 1 }]);
    // Settling twice does not charge twice.
    expect((await ledger.settle(r.id, 0.02003, { rows: 1, at: T })).ok).toBe(false);
    expect((await ledger.totals(T)).today).toBe(0.02003);
  });

  it('release drops a reservation that cost nothing', async () => {
    const ledger = createLedger();
    const r = await ledger.reserve(0.5, meta());
    if (!r.ok) throw new Error('not reserved');
    expect(await ledger.release(r.id)).toEqual({ ok: true });
    expect(await ledger.summary(T)).toMatchObject({ today: 0, committedToday: 0, inProgress: 0 });
    expect(await ledger.recent()).toEqual([]);
  });

  it('a reservation left by a stopped worker counts against the budget as an unconfirmed charge', async () => {
    const before = await otherWorkerLedger();
    const left = await before.reserve(0.4, meta('lost.com'));
    expect(left.ok).toBe(true);
    const ledger = createLedger(); // the restarted worker
    const sum = await ledger.summary(T);
    expect(sum).toMatchObject({ today: 0, committedToday: 0.4, inProgress: 0, unconfirmed: 0.4, unconfirmedCount: 1 });
    expect(await ledger.unconfirmed()).toMatchObject([{ target: 'lost.com', estimate: 0.4 }]);
    // A cap of $0.50 cannot take another $0.20 on top of the unconfirmed $0.40.
    const refused = await ledger.reserve(0.2, meta(), { dailyBudget: 0.5 });
    expect(refused).toMatchObject({ ok: false, reason: 'budget', today: 0, inProgress: 0.4, estimate: 0.2 });
    expect((await ledger.reserve(0.1, meta(), { dailyBudget: 0.5 })).ok).toBe(true);
    // Reconciled (e.g. from the account's spend): settled at what it really cost.
    if (!left.ok) return;
    expect((await ledger.settle(left.id, 0.02, { rows: 1, at: T })).ok).toBe(true);
    expect(await ledger.summary(T)).toMatchObject({ today: 0.02, unconfirmed: 0, unconfirmedCount: 0 });
  });

  it.each([
    ['Infinity', Infinity, 'cost-not-finite'],
    ['NaN', NaN, 'cost-not-finite'],
    ['a string', '0.02', 'cost-not-finite'],
    ['negative', -0.5, 'cost-negative'],
    ['absurd', MAX_CALL_USD + 0.01, 'cost-absurd'],
    ['missing', undefined, 'cost-missing'],
  ])('a cost that is %s is ledgered as the estimate and flagged', async (_, cost, flag) => {
    const ledger = createLedger();
    const r = await ledger.reserve(0.03, meta());
    if (!r.ok) throw new Error('not reserved');
    const s = await ledger.settle(r.id, cost, { rows: 1, at: T });
    expect(s).toMatchObject({ ok: true, cost: 0.03, flag, totals: { today: 0.03 } });
    const [entry] = await ledger.recent();
    expect(entry).toMatchObject({ cost: 0.03, flag });
    expect((await ledger.summary(T)).flaggedCount).toBe(1);
  });

  it('record (reserve + settle in one) never ledgers Infinity or a negative cost as such', async () => {
    const ledger = createLedger();
    await ledger.record(line(Infinity) as any, 0.05);
    await ledger.record(line(-1) as any); // no estimate: the per-call maximum
    expect((await ledger.totals(T)).today).toBe(0.05 + MAX_CALL_USD);
    expect((await ledger.recent()).map((e) => e.flag)).toEqual(['cost-negative', 'cost-not-finite']);
  });

  it('one damaged line is dropped and counted; the others and the day total are kept', async () => {
    await fakeBrowser.storage.local.set({
      ledger: {
        entries: [line(0.1, 'a.com'), { at: 'x', cost: 1 }, null, line(-3, 'b.com'), line(0.2, 'c.com')],
        days: { [dayKey(T)]: 0.3 },
      },
    });
    const ledger = createLedger();
    expect((await ledger.recent()).map((e) => e.target)).toEqual(['c.com', 'a.com']);
    const sum = await ledger.summary(T);
    expect(sum).toMatchObject({ today: 0.3, droppedCount: 3, recovered: false });
    // The next write keeps the good lines.
    await ledger.record(line(0.1, 'd.com') as any);
    expect((await stored()).entries).toHaveLength(3);
    expect((await ledger.summary(T)).droppedCount).toBe(3);
  });

  it('a damaged day total is rebuilt from its lines; a huge one stays finite', async () => {
    const other = dayKey(T - 86_400_000);
    await fakeBrowser.storage.local.set({
      ledger: { entries: [line(0.25)], days: { [dayKey(T)]: 'garbage', [other]: 1e308, '../x': 5 } },
    });
    const ledger = createLedger();
    expect((await ledger.totals(T)).today).toBe(0.25);
    expect((await ledger.totals(T - 86_400_000)).today).toBe(MAX_DAY_USD);
    const huge = { ledger: { entries: [], days: { [dayKey(T)]: Number.MAX_VALUE } } };
    await fakeBrowser.storage.local.set(huge);
    await ledger.record(line(1e-6) as any);
    await ledger.record(line(1e-6) as any);
    const sum = await ledger.summary(T);
    for (const n of [sum.today, sum.month, sum.committedToday]) expect(Number.isFinite(n)).toBe(true);
    expect(sum.today).toBe(MAX_DAY_USD);
    expect((await ledger.reserve(0.01, meta(), { dailyBudget: 10 })).ok).toBe(false); // still over any sane cap
  });

  it.each([['a string', 'garbage'], ['a number', 42], ['a list', [1, 2]], ['wrong fields', { entries: 'x', days: 7, open: [] }]])(
    'a ledger value that is %s reads as a clear recovered state, and writing works again',
    async (_, value) => {
      await fakeBrowser.storage.local.set({ ledger: value });
      const ledger = createLedger();
      const sum = await ledger.summary(T);
      expect(sum).toMatchObject({ today: 0, month: 0, unconfirmed: 0 });
      expect(sum.droppedCount).toBeGreaterThan(0);
      expect(await ledger.record(line(0.02) as any)).toEqual({ today: 0.02, month: 0.02 });
    },
  );

  it('a damaged open reservation is dropped, a good one still counts', async () => {
    const good = { id: 'w1:1', at: T, estimate: 0.3, session: 'w1', provider: 'dataforseo', endpoint: 'profile', target: 'a.com' };
    await fakeBrowser.storage.local.set({
      ledger: { entries: [], days: {}, open: { 'w1:1': good, bad: { ...good, id: 'bad', estimate: Infinity }, x: 3 } },
    });
    const sum = await createLedger().summary(T);
    expect(sum).toMatchObject({ unconfirmed: 0.3, unconfirmedCount: 1, droppedCount: 2 });
  });

  it('storage full: reserve and settle report it as a value; the open reservation still counts', async () => {
    const ledger = createLedger();
    const r = await ledger.reserve(0.02, meta());
    if (!r.ok) throw new Error('not reserved');
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    const settled = await ledger.settle(r.id, 0.02, { rows: 1, at: T });
    expect(settled).toMatchObject({ ok: false, reason: 'storage-full' });
    const next = await ledger.reserve(0.02, meta());
    expect(next).toMatchObject({ ok: false, reason: 'storage-full' });
    expect(await ledger.release(r.id)).toMatchObject({ ok: false, reason: 'storage-full' });
    const sum = await ledger.summary(T);
    expect(sum).toMatchObject({ writeFailure: 'storage-full', committedToday: 0.02 }); // counted at its estimate
    await expect(ledger.record(line(0.02) as any)).rejects.toThrow(/storage-full/);
    set.mockRejectedValue(new Error('IO error'));
    expect(await ledger.reserve(0.02, meta())).toMatchObject({ ok: false, reason: 'write-failed' });
    set.mockRestore();
    expect((await ledger.settle(r.id, 0.02, { rows: 1, at: T })).ok).toBe(true);
    expect(await ledger.summary(T)).toMatchObject({ writeFailure: null, today: 0.02, committedToday: 0.02 });
  });

  it('a reservation with a broken time is kept at now, so it still counts', async () => {
    const ledger = createLedger();
    const r = await ledger.reserve(0.2, { ...meta(), at: NaN });
    expect(r.ok).toBe(true);
    expect((await createLedger().summary(Date.now())).committedToday).toBe(0.2);
  });

  it('concurrent reservations under a cap: exactly as many as fit', async () => {
    const ledger = createLedger();
    const all = await Promise.all(Array.from({ length: 50 }, () => ledger.reserve(0.02, meta(), { dailyBudget: 0.1 })));
    expect(all.filter((r) => r.ok)).toHaveLength(5);
  });
});
