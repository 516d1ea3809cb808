import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createLedger } from './ledger';

/**
 * The ledger held in the worker's memory: read from storage once, every change written whole,
 * changes made while a write is on its way written together, a settle for an answer whose cache
 * line holds its cost written behind the reply, and a change by anyone else read again.
 */
const T = new Date(2026, 2, 10, 12).getTime();
const meta = (target = 'a.com') => ({ provider: 'dataforseo' as const, endpoint: 'profile' as const, target, at: T });

function countOps() {
  const local = fakeBrowser.storage.local;
  const get = local.get.bind(local);
  const set = local.set.bind(local);
  const ops = { get: 0, set: 0 };
  const spies = [
    vi.spyOn(local, 'get').mockImplementation(async (keys) => {
      ops.get++;
      return get(keys as never);
    }),
    vi.spyOn(local, 'set').mockImplementation(async (items) => {
      ops.set++;
      return set(items);
    }),
  ];
  return {
    ops,
    restore: () => {
      for (const s of spies) s.mockRestore();
    },
  };
}

describe('the ledger in memory', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('reads storage once; totals and summaries after that read nothing', async () => {
    const ledger = createLedger();
    await ledger.record({ at: T, provider: 'dataforseo', endpoint: 'profile', target: 'a.com', cost: 0.02, rows: 1 });
    const { ops, restore } = countOps();
    try {
      for (let i = 0; i < 5; i++) expect((await ledger.totals(T)).today).toBe(0.02);
      await ledger.summary(T);
      await ledger.recent();
      expect(ops).toEqual({ get: 0, set: 0 });
    } finally {
      restore();
    }
  });

  it('reservations made while a write is on its way go out together in the next write', async () => {
    const ledger = createLedger();
    await ledger.totals(T); // read once
    const { ops, restore } = countOps();
    try {
      const rs = await Promise.all([ledger.reserve(0.02, meta('a.com')), ledger.reserve(0.02, meta('b.com')), ledger.reserve(0.02, meta('c.com'))]);
      expect(rs.every((r) => r.ok)).toBe(true);
      expect(ops.set).toBe(2); // the first alone, the two that came while it was written together
      expect(ops.get).toBe(0);
    } finally {
      restore();
    }
    // All three are in storage: a new worker counts them (as unconfirmed, another session's).
    expect((await createLedger({ session: 'next' }).summary(T)).unconfirmedCount).toBe(3);
  });

  it('a settle written behind counts at once, and a stop before its write leaves it open in storage', async () => {
    const ledger = createLedger({ session: 'w1' });
    const r = await ledger.reserve(0.05, meta());
    if (!r.ok) throw new Error('not reserved');
    const { ops, restore } = countOps();
    let settled: Awaited<ReturnType<typeof ledger.settle>>;
    try {
      // storage.local.set never finishes: the worker is stopped while the write is on its way.
      vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(() => new Promise(() => undefined));
      settled = await ledger.settle(r.id, 0.031, { rows: 1, at: T }, { durable: false });
      expect(settled).toMatchObject({ ok: true, cost: 0.031 });
      expect((await ledger.totals(T)).today).toBe(0.031);
      expect((await ledger.summary(T)).inProgress).toBe(0);
    } finally {
      restore();
      vi.restoreAllMocks();
    }
    expect(ops.get).toBe(0);
    // The next worker finds the reservation still open (the answer's cache line settles it, pipeline.ts).
    const next = createLedger({ session: 'w2' });
    expect((await next.unconfirmed()).map((o) => o.id)).toEqual([r.id]);
    expect((await next.totals(T)).today).toBe(0);
  });

  it('a durable settle answers after its write; a failed one leaves the reservation open', async () => {
    const ledger = createLedger();
    const r = await ledger.reserve(0.05, meta());
    if (!r.ok) throw new Error('not reserved');
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('IO error'));
    expect(await ledger.settle(r.id, 0.03, { rows: 1, at: T })).toMatchObject({ ok: false, reason: 'write-failed' });
    set.mockRestore();
    const sum = await ledger.summary(T);
    expect(sum).toMatchObject({ today: 0, inProgress: 0.05, committedToday: 0.05 });
  });

  it('a change by anyone else is read again; its own writes are not', async () => {
    const ledger = createLedger({ session: 'w1' });
    await ledger.record({ at: T, provider: 'dataforseo', endpoint: 'profile', target: 'a.com', cost: 0.02, rows: 1 });
    await new Promise((r) => setTimeout(r, 0)); // its own storage.onChanged
    const { ops, restore } = countOps();
    try {
      expect((await ledger.totals(T)).today).toBe(0.02);
      expect(ops.get).toBe(0);
    } finally {
      restore();
    }
    await fakeBrowser.storage.local.set({ ledger: { entries: [{ at: T, provider: 'dataforseo', endpoint: 'profile', target: 'b.com', cost: 0.5, rows: 1 }], days: {}, open: {} } });
    await new Promise((r) => setTimeout(r, 0));
    expect((await ledger.totals(T)).today).toBe(0.5);
  });
});
