import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storeCredentials } from '@/lib/credentials';
import type { Request } from '@/lib/messages';
import { storageFailureMessage } from './budget';
import { formatMoney } from '@/lib/format';
import { createLedger } from './ledger';
import { createLookupService } from './service';
import { cost, fakeClient, gate, profileParams, type FakeClientOptions } from '@/tests/helpers/lookup';

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
    if (!reply.ok) expect(reply.error.message).toBe(storageFailureMessage('storage-full'));
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

describe('no silent re-buy after the worker stopped', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await storeCredentials(CREDS);
  });

  /** A worker instance: its own ledger session, its own client. */
  const made: ReturnType<typeof createLookupService>[] = [];
  function worker(session: string, opts: FakeClientOptions = {}) {
    const client = fakeClient(opts);
    const service = createLookupService({ clientFor: vi.fn(() => client), now: () => T0, random: () => 0, session });
    made.push(service);
    return { service, client };
  }

  it('stopped mid-call: the page’s re-ask buys nothing and says the check was charged and lost; only a refresh (the click) buys it again', async () => {
    const g = gate();
    const first = worker('worker-1', { gate: g.wait });
    void first.service.handle(profile('lost-site.com')); // never answers: the worker is stopped here
    await vi.waitFor(async () => expect((await createLedger().summary(T0)).committedToday).toBeGreaterThan(0));
    expect(first.client.total()).toBe(1);

    const second = worker('worker-2');
    const again = await second.service.handle(profile('lost-site.com'));
    expect(second.client.total()).toBe(0);
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.kind).toBe('answer-lost');
      expect(again.error.message).toBe(
        `This check was charged (${formatMoney(cost(1))}) but its answer was lost when the browser stopped the extension. ` +
          `Nothing more was spent. Check again to fetch it (about ${formatMoney(cost(1))}).`,
      );
    }
    // A cacheOnly look (side panel) buys nothing either.
    const look = await second.service.handle({ ...profile('lost-site.com'), mode: 'cacheOnly' } as Request);
    expect(!look.ok && look.error.kind).toBe('answer-lost');
    // The unconfirmed charge counts in Spend.
    const spend = await second.service.handle({ type: 'spend' });
    expect(spend.ok && spend.data).toMatchObject({ unconfirmed: cost(1), unconfirmedCount: 1, today: 0 });

    const click = await second.service.handle({ ...profile('lost-site.com'), mode: 'refresh' } as Request);
    expect(click.ok).toBe(true);
    expect(second.client.total()).toBe(1);
    // Now the answer is there: the next look is a free hit, never "lost" again.
    const hit = await second.service.handle(profile('lost-site.com'));
    expect(hit.ok && hit.meta.fromCache).toBe(true);
    expect(second.client.total()).toBe(1);
    const after = await second.service.handle({ type: 'spend' });
    expect(after.ok && after.data).toMatchObject({ today: cost(1), unconfirmed: cost(1) });
  });

  it('stopped right after the answer was stored, before the ledger was settled: the re-ask is a free hit and the charge is settled from the cache', async () => {
    const first = worker('worker-1');
    // The ledger write that settles never completes: the worker is stopped in it.
    const real = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    let writes = 0;
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      const touchesLedger = 'ledger' in (items as object);
      if (touchesLedger && ++writes === 2) return new Promise<void>(() => undefined); // 1 = reserve, 2 = settle
      return real(items);
    });
    void first.service.handle(profile('stored-site.com'));
    await vi.waitFor(() => expect(writes).toBe(2));
    set.mockRestore();
    expect(first.client.total()).toBe(1);
    expect((await createLedger({ session: 'worker-2' }).summary(T0)).unconfirmedCount).toBe(1);

    const second = worker('worker-2');
    const again = await second.service.handle(profile('stored-site.com'));
    expect(again.ok && again.meta.fromCache).toBe(true);
    expect(second.client.total()).toBe(0);
    const spend = await second.service.handle({ type: 'spend' });
    expect(spend.ok && spend.data).toMatchObject({ today: cost(1), unconfirmed: 0, unconfirmedCount: 0 });
    expect(spend.ok && spend.data.recent).toHaveLength(1);
  });

  it('the reply does not wait for the settling write once the answer is stored with its cost; a stop in that write is settled from the cache', async () => {
    const first = worker('worker-1');
    const real = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    let writes = 0;
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      if ('ledger' in (items as object) && ++writes === 2) return new Promise<void>(() => undefined); // the settle never lands
      return real(items);
    });
    try {
      const reply = await first.service.handle(profile('behind-site.com'));
      expect(reply.ok && reply.meta).toMatchObject({ fromCache: false, cost: cost(1), spentToday: cost(1) });
      expect(writes).toBe(2);
    } finally {
      set.mockRestore();
    }
    const second = worker('worker-2');
    const again = await second.service.handle(profile('behind-site.com'));
    expect(again.ok && again.meta.fromCache).toBe(true);
    expect(second.client.total()).toBe(0);
    const spend = await second.service.handle({ type: 'spend' });
    expect(spend.ok && spend.data).toMatchObject({ today: cost(1), unconfirmedCount: 0 });
  });

  it('the answer is stored with its reservation before the ledger is settled, and the history line comes after the reply', async () => {
    // Earlier tests' after-reply work (history lines) is done: a history request waits for it.
    await Promise.all(made.splice(0).map((s) => s.handle({ type: 'history' })));
    // …and the late work of services other tests made without this file's helper has landed too.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const order: string[] = [];
    const realSet = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      // A history write counts when it carries this check's line (a first read may migrate what an
      // earlier test left: that write is not this check's).
      const written = items as Record<string, unknown>;
      order.push(...Object.keys(written).filter((k) => !k.endsWith('$') && (k !== 'history' || JSON.stringify(written[k]).includes('ordered-site.com'))));
      return realSet(items);
    });
    const { IDBObjectStore } = await import('fake-indexeddb');
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      order.push(`idb:${this.name}`);
      return put.apply(this, args);
    } as typeof put;
    try {
      const { service } = worker('worker-1');
      const reply = await service.handle(profile('ordered-site.com'));
      order.push('reply');
      expect(reply.ok).toBe(true);
      await service.handle({ type: 'history' });
    } finally {
      IDBObjectStore.prototype.put = put;
      vi.restoreAllMocks();
    }
    expect(order, order.join(',')).toEqual(['ledger', 'idb:entries', 'idb:index', 'ledger', 'reply', 'history']);
  });

  it('askWithRetry sends a refresh again as normal: the second try can only hit the cache or say the answer was lost', async () => {
    const { withoutRefresh, retryMode } = await import('@/lib/ask');
    const r = { ...profile('x.com'), mode: 'refresh' } as Request;
    expect(withoutRefresh(r)).toMatchObject({ mode: 'normal' });
    expect(withoutRefresh({ type: 'spend' })).toEqual({ type: 'spend' });
    expect(retryMode({ kind: 'answer-lost' })).toBe('refresh');
    expect(retryMode({ kind: 'internal' })).toBe('normal');
  });
});

describe('reconciling unconfirmed charges', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await storeCredentials(CREDS);
    await fakeBrowser.storage.local.set({
      ledger: {
        entries: [{ at: T0 - 5000, provider: 'dataforseo', endpoint: 'profile', target: 'a.com', cost: 0.02, rows: 1 }],
        days: {},
        open: {
          r1: { id: 'r1', at: T0 - 1000, estimate: 0.05, session: 'a-stopped-worker', provider: 'dataforseo', endpoint: 'backlinks', target: 'b.com' },
        },
      },
    });
  });

  it('checkSpend compares DataForSEO’s figure for today (free) with the ledger and says what it can tell', async () => {
    const { service, client } = setup();
    const reply = await service.handle({ type: 'checkSpend' });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.data).toMatchObject({ today: 0.02, unconfirmedToday: 0.05, unconfirmedCount: 1 });
    expect(reply.meta.cost).toBe(0);
    expect(client.calls.account).toBe(1);
    expect(client.total()).toBe(1); // only the free account call
    expect(reply.data.providerToday).toBe(0);
    expect(reply.data.summary).toContain('This extension recorded $0.0200, plus $0.0500 unconfirmed.');
    expect(reply.data.summary).toMatch(/most likely they were not charged/);
    // Spend still counts the charge until the user resolves it.
    const spend = await service.handle({ type: 'spend' });
    expect(spend.ok && spend.data.unconfirmed).toBe(0.05);
  });

  it('the sentence: nothing left for the unconfirmed ones, part of them, or all of them', async () => {
    const { spendCheckSentence } = await import('./reconcile');
    expect(spendCheckSentence(0.02, 'UTC', 0.02, 0.05, 'dataforseo')).toMatch(/most likely they were not charged/);
    expect(spendCheckSentence(0.04, 'UTC', 0.02, 0.05, 'dataforseo')).toMatch(/At most \$0\.0200 of the unconfirmed charges/);
    expect(spendCheckSentence(0.5, 'UTC', 0.02, 0.05, 'dataforseo')).toMatch(/probably charged/);
    expect(spendCheckSentence(null, null, 0.02, 0.05, 'dataforseo')).toMatch(/did not report/);
  });

  it('the user’s word: "not charged" drops them, "charged" records them at the estimate, flagged', async () => {
    const a = setup().service;
    const dropped = await a.handle({ type: 'resolveUnconfirmed', charged: false });
    expect(dropped.ok && dropped.data).toMatchObject({ unconfirmed: 0, unconfirmedCount: 0, today: 0.02 });

    fakeBrowser.reset();
    await storeCredentials(CREDS);
    await fakeBrowser.storage.local.set({
      ledger: { entries: [], days: {}, open: { r1: { id: 'r1', at: T0 - 1000, estimate: 0.05, session: 'gone', provider: 'dataforseo', endpoint: 'backlinks', target: 'b.com' } } },
    });
    const b = setup().service;
    const charged = await b.handle({ type: 'resolveUnconfirmed', charged: true });
    expect(charged.ok && charged.data).toMatchObject({ unconfirmed: 0, today: 0.05, flaggedCount: 1 });
  });
});
