import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBudget } from './budget';
import { createLedger } from './ledger';

const NOW = new Date(2026, 2, 3, 10).getTime();

describe('budget', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('no cap: always allowed', async () => {
    const budget = createBudget(createLedger());
    expect((await budget.reserve({ estimate: 1e6, dailyBudget: null, now: NOW })).ok).toBe(true);
  });

  it('refuses a call that would cross the cap, saying the cap, today’s spend and what to do', async () => {
    const ledger = createLedger();
    await ledger.record({ at: NOW - 1000, provider: 'dataforseo', endpoint: 'profile', target: 'a.com', cost: 0.98, rows: 1 });
    const budget = createBudget(ledger);
    expect((await budget.reserve({ estimate: 0.02, dailyBudget: 1, now: NOW })).ok).toBe(true); // exactly at the cap
    const refused = await budget.reserve({ estimate: 0.02003, dailyBudget: 1, now: NOW });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.kind).toBe('budget');
    expect(refused.error.retryable).toBe(false);
    expect(refused.error.message).toContain('$1.00'); // the cap
    expect(refused.error.message).toContain('$0.9800'); // today's spend
    expect(refused.error.message).toContain('raise or remove the daily budget in Options');
  });

  it('calls in progress count against the cap until released', async () => {
    const budget = createBudget(createLedger());
    const a = await budget.reserve({ estimate: 0.4, dailyBudget: 1, now: NOW });
    const b = await budget.reserve({ estimate: 0.4, dailyBudget: 1, now: NOW });
    expect(a.ok && b.ok).toBe(true);
    expect((await budget.reserve({ estimate: 0.4, dailyBudget: 1, now: NOW })).ok).toBe(false);
    if (a.ok) a.value.release();
    expect((await budget.reserve({ estimate: 0.4, dailyBudget: 1, now: NOW })).ok).toBe(true);
  });

  it('yesterday’s spend does not count today', async () => {
    const ledger = createLedger();
    await ledger.record({ at: NOW - 86_400_000, provider: 'dataforseo', endpoint: 'profile', target: 'a.com', cost: 5, rows: 1 });
    expect((await createBudget(ledger).reserve({ estimate: 0.5, dailyBudget: 1, now: NOW })).ok).toBe(true);
  });
});

describe('budget with persistent reservations', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('reserve → settle: the ledger holds the charge and nothing stays open', async () => {
    const ledger = createLedger();
    const budget = createBudget(ledger);
    const meta = { provider: 'dataforseo' as const, endpoint: 'profile' as const, target: 'a.com' };
    const r = await budget.reserve({ estimate: 0.02, dailyBudget: 1, now: NOW, meta });
    if (!r.ok) throw new Error('refused');
    expect(budget.pending()).toBe(0.02);
    expect(await r.value.settle(0.02003, { rows: 1, at: NOW })).toMatchObject({ ok: true, cost: 0.02003 });
    expect(budget.pending()).toBe(0);
    r.value.release(); // a finally after settle is harmless
    expect(await ledger.summary(NOW)).toMatchObject({ today: 0.02003, committedToday: 0.02003, inProgress: 0 });
  });

  it('a reservation that cannot be written refuses the call, saying so', async () => {
    const budget = createBudget(createLedger());
    const spy = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    const r = await budget.reserve({ estimate: 0.02, dailyBudget: null, now: NOW });
    spy.mockRestore();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.storageFailure).toBe('storage-full');
    expect(r.error.message).toContain('clear the cache');
    expect(budget.pending()).toBe(0);
  });
});
