import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LedgerEntry } from '@/lib/messages';
import { createLedger, LEDGER_LIMITS } from './ledger';
import { dayKey, monthKey, roundUsd } from './ledgerMath';

const entry = (at: number, cost: number, target = 'example.com'): LedgerEntry => ({
  at,
  provider: 'dataforseo',
  endpoint: 'profile',
  target,
  cost,
  rows: 1,
});

// Local-time instants, so the tests hold in any time zone.
const local = (y: number, m: number, d: number, h = 12, min = 0, s = 0) => new Date(y, m - 1, d, h, min, s).getTime();

describe('ledger', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('sums floating costs exactly to the millionth', async () => {
    const ledger = createLedger();
    const t = local(2026, 3, 10);
    await ledger.record(entry(t, 0.1));
    const after = await ledger.record(entry(t + 1, 0.2));
    expect(after.today).toBe(0.3);
    for (let i = 0; i < 10; i++) await ledger.record(entry(t + 2 + i, 0.02003));
    expect((await ledger.totals(t + 100)).today).toBe(0.5003);
    expect(roundUsd(0.1 + 0.2)).toBe(0.3);
  });

  it('splits days and months at local midnight', async () => {
    const ledger = createLedger();
    const lastOfJan = local(2026, 1, 31, 23, 59, 59);
    const firstOfFeb = local(2026, 2, 1, 0, 0, 1);
    await ledger.record(entry(local(2026, 1, 5), 1));
    await ledger.record(entry(lastOfJan, 0.25));
    await ledger.record(entry(firstOfFeb, 0.5));
    await ledger.record(entry(local(2026, 2, 2), 0.125));

    expect(await ledger.totals(lastOfJan)).toEqual({ today: 0.25, month: 1.25 });
    expect(await ledger.totals(firstOfFeb)).toEqual({ today: 0.5, month: 0.625 }); // the whole of February
    expect(await ledger.totals(local(2026, 2, 2, 18))).toEqual({ today: 0.125, month: 0.625 });
    // Same day and month number a year later is another month.
    expect(await ledger.totals(local(2027, 2, 1))).toEqual({ today: 0, month: 0 });
    expect(dayKey(lastOfJan)).toBe('2026-01-31');
    expect(dayKey(firstOfFeb)).toBe('2026-02-01');
    expect(monthKey(firstOfFeb)).toBe('2026-02');
  });

  it('keeps the last 500 entries and lists the last 20 newest first', async () => {
    const ledger = createLedger();
    const t = local(2026, 4, 1);
    for (let i = 0; i < LEDGER_LIMITS.maxEntries + 10; i++) await ledger.record(entry(t + i, 0.001, `site${i}.com`));
    const stored = (await fakeBrowser.storage.local.get('ledger')).ledger as { entries: LedgerEntry[] };
    expect(stored.entries).toHaveLength(500);
    expect(stored.entries[0]!.target).toBe('site10.com');
    const recent = await ledger.recent();
    expect(recent).toHaveLength(20);
    expect(recent[0]!.target).toBe('site509.com');
    expect(recent[19]!.target).toBe('site490.com');
    // The day total still counts every call, not only the kept entries.
    expect((await ledger.totals(t)).today).toBe(0.51);
  });

  it('keeps per-day totals for the last 400 days', async () => {
    const ledger = createLedger();
    const start = local(2025, 1, 1);
    for (let d = 0; d < 410; d++) await ledger.record(entry(start + d * 86_400_000 + 3_600_000, 1));
    const stored = (await fakeBrowser.storage.local.get('ledger')).ledger as { days: Record<string, number> };
    const days = Object.keys(stored.days).sort();
    expect(days).toHaveLength(400);
    expect(days[0]).toBe(dayKey(start + 10 * 86_400_000 + 3_600_000));
  });

  it('survives a new ledger object (persisted)', async () => {
    const t = local(2026, 6, 1);
    await createLedger().record(entry(t, 0.02003));
    expect((await createLedger().totals(t)).today).toBe(0.02003);
  });

  it('concurrent records are all counted', async () => {
    const ledger = createLedger();
    const t = local(2026, 6, 1);
    await Promise.all(Array.from({ length: 30 }, (_, i) => ledger.record(entry(t + i, 0.01))));
    expect((await ledger.totals(t)).today).toBe(0.3);
    expect(await ledger.recent(100)).toHaveLength(30);
  });
});
