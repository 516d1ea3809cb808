import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storeCredentials } from '../credentials';
import type { Request } from '../messages';
import { STORAGE_FULL_MESSAGE } from './budget';
import { createLedger } from './ledger';
import { createLookupService } from './service';
import { cost, fakeClient, gate, profileParams, type FakeClientOptions } from './test-helpers';

/** The paid-call pipeline with the persistent ledger: reserve before the call, settle after. */
const T0 = new Date(2026, 5, 10, 9, 0, 0).getTime();
const CREDS = { provider: 'dataforseo', login: 'me@example.com', password: 'pw-0123456789abcdef' } as const;
const profile = (value = 'example.com'): Request => ({ type: 'profile', params: profileParams(value), mode: 'normal' });

function setup(opts: FakeClientOptions = {}) {
  const client = fakeClient(opts);
  const service = createLookupService({ clientFor: vi.fn(() => client), now: () => T0, random: () => 0 });
  return { service, client };
}

describe('paid-call pipeline under faults', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await storeCredentials(CREDS);
  });

  it('storage full: no paid call is made, and the reply says so with the fix', async () => {
    const { service, client } = setup();
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    const reply = await service.handle(profile());
    set.mockRestore();
    expect(client.total()).toBe(0);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.message).toBe(STORAGE_FULL_MESSAGE);
  });

  it('a call in flight is already counted (reserved) before the API answers, and settled with its cost after', async () => {
    const g = gate();
    const { service } = setup({ gate: g.wait });
    const pending = service.handle(profile('held-site.com'));
    await vi.waitFor(async () => {
      const open = await createLedger().summary(T0);
      expect(open.committedToday).toBeGreaterThan(0);
    });
    // What a stopped worker would leave: the estimate counts today although nothing is settled.
    expect((await createLedger().totals(T0)).today).toBe(0);
    g.open();
    const reply = await pending;
    expect(reply.ok).toBe(true);
    const after = await createLedger().summary(T0);
    expect(after.today).toBe(cost(1));
    expect(after.committedToday).toBe(cost(1));
  });

  it('a failed call releases its reservation: nothing is counted', async () => {
    const { service } = setup({ error: { kind: 'server', message: 'Internal error', retryable: true } as never });
    const reply = await service.handle(profile('broken-site.com'));
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.kind).toBe('server'); // the API's error, not a refusal before the call
    await vi.waitFor(async () => expect((await createLedger().summary(T0)).committedToday).toBe(0));
  });

  it('a charge left open by a stopped worker counts against the budget and shows as unconfirmed in Spend', async () => {
    await fakeBrowser.storage.local.set({
      ledger: {
        entries: [],
        days: {},
        open: {
          r1: { id: 'r1', at: T0 - 1000, estimate: 0.05, session: 'a-stopped-worker', provider: 'dataforseo', endpoint: 'backlinks', target: 'example.com' },
        },
      },
    });
    const { service, client } = setup();
    const spend = await service.handle({ type: 'spend' });
    expect(spend.ok).toBe(true);
    if (spend.ok) expect(spend.data).toMatchObject({ unconfirmed: 0.05, unconfirmedCount: 1, writeFailure: null });
    await service.handle({ type: 'saveSettings', patch: { dailyBudget: 0.06 } });
    const reply = await service.handle(profile());
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.kind).toBe('budget');
    expect(client.total()).toBe(0);
  });
});
