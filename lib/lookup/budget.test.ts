import { beforeEach, describe, expect, it } from 'vitest';
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
