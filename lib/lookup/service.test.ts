import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDB } from 'idb';
import { CACHE_DB } from '@/lib/storage/registry';
import { CACHE_LIMITS } from './cache';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storeCredentials } from '@/lib/credentials';
import { estimateCost } from '@/lib/dataforseo/cost';
import { appError } from '@/lib/errors';
import { replySchema, type LedgerEntry, type Request } from '@/lib/messages';
import { saveSettings } from '@/lib/settings/store';
import { createLookupService, type LookupService } from './service';
import { draftFromSaved } from '@/entrypoints/options/components/form';
import {
  anchorsParams,
  backlinksParams,
  cost,
  fakeClient,
  gate,
  makeAccount,
  profileParams,
  type FakeClient,
  type FakeClientOptions,
} from '@/tests/helpers/lookup';

const HOUR = 3_600_000;
const T0 = new Date(2026, 5, 10, 9, 0, 0).getTime();
const CREDS = { provider: 'dataforseo', login: 'me@example.com', password: 'pw-0123456789abcdef' } as const;

let clock = T0;
function setup(opts: FakeClientOptions = {}): { service: LookupService; client: FakeClient; clientFor: ReturnType<typeof vi.fn> } {
  const client = fakeClient(opts);
  const clientFor = vi.fn(() => client);
  const service = createLookupService({ clientFor, now: () => clock, random: () => 0 });
  made.push(service);
  return { service, client, clientFor };
}

// The history line is written after the reply: each test waits for its services' late work, so none
// lands in the next test's storage (a history request awaits that work).
const made: LookupService[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((s) => s.handle({ type: 'history' })));
});

async function ledgerEntries(): Promise<LedgerEntry[]> {
  const got = await fakeBrowser.storage.local.get('ledger');
  return (got.ledger as { entries: LedgerEntry[] } | undefined)?.entries ?? [];
}

/** Asks, then waits for the work the service does after its reply (the history line): a history request awaits it. */
async function askAndSettle<R extends Request>(service: LookupService, request: R) {
  const reply = await ask(service, request);
  await service.handle({ type: 'history' });
  return reply;
}

/** Every reply in these tests must also be in contract. */
async function ask<R extends Request>(service: LookupService, request: R) {
  const reply = await service.handle(request);
  expect(replySchema(request.type).safeParse(reply).success).toBe(true);
  return reply;
}

const profile = (value = 'example.com', mode: 'normal' | 'refresh' | 'cacheOnly' = 'normal'): Request => ({
  type: 'profile',
  params: profileParams(value),
  mode,
});

describe('lookup service', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    clock = T0;
    await storeCredentials(CREDS);
  });

  it('without credentials: no-credentials pointing to Options, nothing called or spent', async () => {
    await fakeBrowser.storage.local.remove('credentials');
    const { service, client } = setup();
    const reply = await ask(service, profile());
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.kind).toBe('no-credentials');
    expect(reply.error.message).toMatch(/Options/);
    expect(client.total()).toBe(0);
    expect(await ledgerEntries()).toHaveLength(0);
  });

  it.each(['127.0.0.1', 'localhost', 'www.example.com', 'https://example.com'])(
    'a target the API would reject (%s) is refused by the worker before any call',
    async (value) => {
      const { service, client } = setup();
      const reply = await ask(service, profile(value));
      expect(reply.ok).toBe(false);
      if (reply.ok) return;
      expect(reply.error.kind).toBe('unsupported-target');
      expect(client.total()).toBe(0);
      expect(await ledgerEntries()).toHaveLength(0);
    },
  );

  it('a miss calls the API, records the cost, and the same check then comes from the cache at no cost', async () => {
    const { service, client } = setup();
    const first = await ask(service, profile());
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.meta).toEqual({ cost: cost(1), fetchedAt: T0, fromCache: false, spentToday: cost(1), earlier: null, quote: { usd: cost(1), free: false } });
    // Written before the reply.
    expect(await ledgerEntries()).toEqual([
      { at: T0, provider: 'dataforseo', endpoint: 'profile', target: 'example.com', cost: cost(1), rows: 1 },
    ]);

    clock = T0 + 2 * HOUR;
    const second = await ask(service, profile());
    expect(second.ok && second.meta).toEqual({ cost: 0, fetchedAt: T0, fromCache: true, spentToday: cost(1), earlier: null, quote: { usd: cost(1), free: false } });
    expect(second.ok && second.data).toEqual(first.data);
    expect(client.calls.profile).toBe(1);
  });

  it('after the cache lifetime (settings.cacheHours) the API is called again', async () => {
    await saveSettings({ cacheHours: 1 });
    const { service, client } = setup();
    await ask(service, profile());
    clock = T0 + HOUR - 1;
    await ask(service, profile());
    expect(client.calls.profile).toBe(1);
    clock = T0 + HOUR;
    const again = await ask(service, profile());
    expect(again.ok && again.meta.fromCache).toBe(false);
    expect(client.calls.profile).toBe(2);
  });

  it('anchors and backlinks are cached per page of results', async () => {
    const { service, client } = setup();
    await ask(service, { type: 'anchors', params: anchorsParams(), mode: 'normal' });
    await ask(service, { type: 'anchors', params: anchorsParams(), mode: 'normal' });
    await ask(service, { type: 'backlinks', params: backlinksParams(), mode: 'normal' });
    await ask(service, { type: 'backlinks', params: { ...backlinksParams(), offset: 100 }, mode: 'normal' });
    await ask(service, { type: 'backlinks', params: backlinksParams(), mode: 'normal' });
    expect(client.calls).toMatchObject({ anchors: 1, backlinks: 2 });
  });

  it('refresh bypasses the cache and replaces the entry', async () => {
    const first = setup({ rank: 1 });
    await ask(first.service, profile());
    const second = setup({ rank: 2 }); // same storage; the API now reports another rank
    clock = T0 + 1000;
    const refreshed = await ask(second.service, profile('example.com', 'refresh'));
    expect(second.client.calls.profile).toBe(1);
    expect(refreshed.ok && (refreshed.data as { rank: number }).rank).toBe(2);
    clock = T0 + 2000;
    const normal = await ask(second.service, profile());
    expect(normal.ok && normal.meta).toMatchObject({ fromCache: true, fetchedAt: T0 + 1000 });
    expect(normal.ok && (normal.data as { rank: number }).rank).toBe(2);
    expect(second.client.calls.profile).toBe(1);
  });

  it('errors are never cached', async () => {
    const { service, client } = setup({
      error: (call) => (call === 1 ? appError('server', 'Internal error', true, { statusCode: 50000 }) : null),
    });
    const failed = await ask(service, profile());
    expect(!failed.ok && failed.error.kind).toBe('server');
    const ok = await ask(service, profile());
    expect(ok.ok && ok.meta.fromCache).toBe(false);
    expect(client.calls.profile).toBe(2);
    expect(await ledgerEntries()).toHaveLength(1);
  });

  it('cacheOnly never calls the API: a miss is not-cached and spends nothing', async () => {
    const { service, client } = setup();
    const miss = await ask(service, profile('example.com', 'cacheOnly'));
    expect(!miss.ok && miss.error.kind).toBe('not-cached');
    expect(client.total()).toBe(0);
    expect(await ledgerEntries()).toHaveLength(0);
    await ask(service, profile());
    const hit = await ask(service, profile('example.com', 'cacheOnly'));
    expect(hit.ok && hit.meta.fromCache).toBe(true);
    expect(client.total()).toBe(1);
  });

  it('a not-cached error carries the worker\'s quote of the call it offers (free on the sandbox)', async () => {
    const { service } = setup();
    const miss = await ask(service, profile('example.com', 'cacheOnly'));
    expect(!miss.ok && miss.error.quote).toEqual({ usd: estimateCost('profile', 1), free: false });
    await storeCredentials({ ...CREDS, provider: 'sandbox' });
    await saveSettings({ provider: 'sandbox' });
    const free = await ask(service, profile('example.org', 'cacheOnly'));
    expect(!free.ok && free.error.quote).toEqual({ usd: 0, free: true });
    const failed = await ask(setup({ error: () => appError('server', 'Internal error', true) }).service, profile('example.net'));
    expect(!failed.ok && failed.error.quote).toBeUndefined();
  });

  it('20 simultaneous identical checks make one call and one charge', async () => {
    const g = gate();
    const { service, client } = setup({ gate: g.wait });
    const replies = Array.from({ length: 20 }, () => service.handle(profile()));
    await new Promise((r) => setTimeout(r, 20));
    g.open();
    const all = await Promise.all(replies);
    expect(client.calls.profile).toBe(1);
    expect(all.every((r) => r.ok)).toBe(true);
    expect(all.filter((r) => r.ok && r.meta.cost > 0)).toHaveLength(1);
    expect(await ledgerEntries()).toHaveLength(1);
  });

  it('a check over the daily budget is refused before any call', async () => {
    const { service, client, clientFor } = setup();
    await ask(service, profile('first.com'));
    await saveSettings({ dailyBudget: 0.03 });
    const refused = await ask(service, profile('second.com'));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatchObject({ kind: 'budget', retryable: false });
    expect(refused.error.message).toContain('$0.0300');
    expect(refused.error.message).toContain('$0.0200');
    expect(refused.error.message).toContain('Options');
    expect(client.calls.profile).toBe(1);
    expect(clientFor).toHaveBeenCalledTimes(1);
    // A cached check still answers: it costs nothing.
    expect((await ask(service, profile('first.com'))).ok).toBe(true);
  });

  it('the budget counts checks still running', async () => {
    await saveSettings({ dailyBudget: 0.05 });
    const g = gate();
    const { service, client } = setup({ gate: g.wait });
    const replies = ['a.com', 'b.com', 'c.com'].map((t) => service.handle(profile(t)));
    await new Promise((r) => setTimeout(r, 20));
    g.open();
    const all = await Promise.all(replies);
    expect(client.calls.profile).toBe(2);
    expect(all.filter((r) => !r.ok && r.error.kind === 'budget')).toHaveLength(1);
  });

  it('the estimate uses the requested rows', async () => {
    await saveSettings({ dailyBudget: estimateCost('backlinks', 1000) - 0.001 });
    const { service, client } = setup();
    const big = await ask(service, { type: 'backlinks', params: { ...backlinksParams(), limit: 1000 }, mode: 'normal' });
    expect(!big.ok && big.error.kind).toBe('budget');
    const small = await ask(service, { type: 'backlinks', params: { ...backlinksParams(), limit: 10 }, mode: 'normal' });
    expect(small.ok).toBe(true);
    expect(client.calls.backlinks).toBe(1);
  });

  it('a worker restart (new service, same storage) serves from the cache without a call', async () => {
    const before = setup();
    await ask(before.service, profile());
    const after = setup();
    clock = T0 + 5 * 60_000;
    const reply = await ask(after.service, profile());
    expect(after.clientFor).not.toHaveBeenCalled();
    expect(after.client.total()).toBe(0);
    expect(reply.ok && reply.meta).toEqual({ cost: 0, fetchedAt: T0, fromCache: true, spentToday: cost(1), earlier: null, quote: { usd: cost(1), free: false } });
  });

  it('rate-limited calls are retried and charged once', async () => {
    const { service, client } = setup({
      error: (call) => (call === 1 ? appError('rate-limit', 'Too many', true, { statusCode: 40202, retryAfter: 0 }) : null),
    });
    const reply = await ask(service, profile());
    expect(reply.ok).toBe(true);
    expect(client.calls.profile).toBe(2);
    expect(await ledgerEntries()).toHaveLength(1);
  });

  it('an auth error is not retried', async () => {
    const { service, client } = setup({ error: appError('auth', 'Check your login', false, { statusCode: 40100 }) });
    const reply = await ask(service, profile());
    expect(!reply.ok && reply.error.kind).toBe('auth');
    expect(client.calls.profile).toBe(1);
  });

  it('two accounts do not share cached answers', async () => {
    const { service, client } = setup();
    await ask(service, profile());
    await storeCredentials({ ...CREDS, login: 'other@example.com' });
    await ask(service, profile());
    expect(client.calls.profile).toBe(2);
  });

  it('the sandbox is free: ledgered at $0 and never refused by the budget', async () => {
    await storeCredentials({ ...CREDS, provider: 'sandbox' });
    await saveSettings({ provider: 'sandbox', dailyBudget: 0 });
    const { service, clientFor } = setup();
    const reply = await ask(service, profile());
    expect(reply.ok && reply.meta.cost).toBe(0);
    expect(clientFor.mock.calls[0]![0]).toMatchObject({ provider: 'sandbox', login: CREDS.login });
    expect((await ledgerEntries())[0]).toMatchObject({ provider: 'sandbox', cost: 0 });
  });

  describe('history', () => {
    it('keeps the last 50 profile checks, newest first, one line per target', async () => {
      const { service } = setup();
      for (let i = 0; i < 55; i++) {
        clock = T0 + i * 1000;
        await ask(service, profile(`site${i}.com`));
      }
      clock = T0 + 60_000;
      await ask(service, profile('site54.com')); // again, from the cache
      const reply = await ask(service, { type: 'history' });
      expect(reply.ok).toBe(true);
      if (!reply.ok) return;
      const list = reply.data as Array<{ target: { value: string }; cached: boolean; rank: number | null }>;
      expect(list).toHaveLength(50);
      expect(list[0]!.target.value).toBe('site54.com');
      expect(list[49]!.target.value).toBe('site5.com');
      expect(list.every((h) => h.cached && h.rank === 42)).toBe(true);
    });

    it('tells whether each line is still cached', async () => {
      await saveSettings({ cacheHours: 1 });
      const { service } = setup();
      await ask(service, profile('old.com'));
      clock = T0 + 50 * 60_000;
      await ask(service, profile('new.com'));
      clock = T0 + 70 * 60_000;
      const reply = await ask(service, { type: 'history' });
      const list = reply.ok ? (reply.data as Array<{ target: { value: string }; cached: boolean }>) : [];
      expect(list.map((h) => [h.target.value, h.cached])).toEqual([
        ['new.com', true],
        ['old.com', false],
      ]);
    });

    it('a later check whose figures changed comes back with the earlier figures and their date, free', async () => {
      await saveSettings({ cacheHours: 1 });
      await askAndSettle(setup({ rank: 42 }).service, profile('moved.com'));
      clock = T0 + 2 * HOUR; // the cache entry has expired
      const { service, client } = setup({ rank: 47 });
      const second = await ask(service, profile('moved.com'));
      expect(client.calls.profile).toBe(1);
      expect(second.ok && second.meta.earlier).toEqual({
        fetchedAt: T0, rank: 42, backlinks: expect.any(Number), referringDomains: expect.any(Number), sameOptions: true, optionsDiffer: [],
      });
      // Reopened from the cache: the same comparison again, nothing spent.
      clock = T0 + 2 * HOUR + 60_000;
      const third = await ask(service, profile('moved.com'));
      expect(client.calls.profile).toBe(1);
      expect(third.ok && third.meta.earlier).toMatchObject({ fetchedAt: T0, rank: 42 });
      // Another scope of the same site has no earlier check.
      const other = await ask(service, { type: 'profile', params: { ...profileParams('moved.com'), target: { value: 'moved.com', display: 'moved.com', scope: 'host' } }, mode: 'normal' });
      expect(other.ok && other.meta.earlier).toBeNull();
    });

    it('a check with other options says so and names them', async () => {
      await askAndSettle(setup({ rank: 42 }).service, profile('opts.com'));
      clock = T0 + HOUR;
      const { service } = setup({ rank: 50 });
      const params = profileParams('opts.com');
      const reply = await ask(service, { type: 'profile', params: { ...params, options: { ...params.options, statusType: 'all' } }, mode: 'normal' });
      expect(reply.ok && reply.meta.earlier).toMatchObject({ fetchedAt: T0, rank: 42, sameOptions: false, optionsDiffer: ['statusType'] });
    });

    it('anchors, backlinks and failed checks are not history', async () => {
      const { service } = setup({ error: (call) => (call === 3 ? appError('server', 'x', true) : null) });
      await ask(service, { type: 'anchors', params: anchorsParams(), mode: 'normal' });
      await ask(service, { type: 'backlinks', params: backlinksParams(), mode: 'normal' });
      await ask(service, profile('fails.com'));
      const reply = await ask(service, { type: 'history' });
      expect(reply.ok && reply.data).toEqual([]);
    });
  });

  describe('testConnection', () => {
    it('DataForSEO: free account call, subscription date in the summary', async () => {
      const { service, client } = setup({ account: makeAccount('2026-12-01T00:00:00.000Z') });
      const reply = await ask(service, { type: 'testConnection', confirmPaid: false });
      expect(reply.ok).toBe(true);
      if (!reply.ok) return;
      expect(reply.data).toMatchObject({ provider: 'dataforseo', summary: 'Backlinks access active until 2026-12-01', cost: 0 });
      expect(reply.meta.cost).toBe(0);
      expect(client.calls).toMatchObject({ profile: 0, anchors: 0, backlinks: 0, account: 1 });
      expect(client.total()).toBe(1);
      expect(await ledgerEntries()).toHaveLength(0);
    });

    it('DataForSEO without a subscription date: pay-as-you-go', async () => {
      const { service } = setup({ account: makeAccount(null) });
      const reply = await ask(service, { type: 'testConnection', confirmPaid: false });
      expect(reply.ok && (reply.data as { summary: string }).summary).toBe(
        'No Backlinks subscription date reported (pay-as-you-go)',
      );
    });

    it('DataForSEO: the exact problem when the account call fails', async () => {
      const { service } = setup({ error: appError('auth', 'DataForSEO did not accept this login and API password.', false) });
      const reply = await ask(service, { type: 'testConnection', confirmPaid: false });
      expect(!reply.ok && reply.error).toMatchObject({ kind: 'auth', message: 'DataForSEO did not accept this login and API password.' });
    });

    it('AIsa without confirmation: refused, saying what a paid test costs', async () => {
      await storeCredentials({ provider: 'aisa', key: 'sk-aisa-0123456789abcdef0123' });
      await saveSettings({ provider: 'aisa' });
      const { service, client } = setup();
      const reply = await ask(service, { type: 'testConnection', confirmPaid: false });
      expect(!reply.ok && reply.error.kind).toBe('invalid-request');
      expect(!reply.ok && reply.error.message).toContain('$0.0200');
      expect(client.total()).toBe(0);
    });

    it('AIsa confirmed: one profile check of dataforseo.com, ledgered, not in the history', async () => {
      await storeCredentials({ provider: 'aisa', key: 'sk-aisa-0123456789abcdef0123' });
      await saveSettings({ provider: 'aisa' });
      const { service, client } = setup();
      const reply = await ask(service, { type: 'testConnection', confirmPaid: true });
      expect(reply.ok).toBe(true);
      expect(reply.ok && reply.meta.cost).toBe(cost(1));
      expect(client.calls.profile).toBe(1);
      expect(await ledgerEntries()).toMatchObject([{ provider: 'aisa', endpoint: 'profile', target: 'dataforseo.com' }]);
      const history = await ask(service, { type: 'history' });
      expect(history.ok && history.data).toEqual([]);
    });
  });

  describe('settings and credentials', () => {
    it('partial saves merge; an invalid value changes nothing', async () => {
      const { service } = setup();
      await ask(service, { type: 'saveSettings', patch: { cacheHours: 6 } });
      const reply = await ask(service, { type: 'saveSettings', patch: { dailyBudget: 2.5 } });
      expect(reply.ok && (reply.data as any).settings).toMatchObject({ cacheHours: 6, dailyBudget: 2.5, provider: 'dataforseo' });
      const bad = await service.handle({ type: 'saveSettings', patch: { cacheHours: -1 } } as Request);
      expect(!bad.ok && bad.error.kind).toBe('invalid-request');
      // The sentence names the setting and its bound.
      expect(!bad.ok && bad.error.message).toBe('These settings are not valid: The cache lifetime must be at least 0 hours. Nothing was changed.');
      const now = await ask(service, { type: 'getSettings' });
      expect(now.ok && (now.data as any).settings.cacheHours).toBe(6);
    });

    it('saveCredentials trims the login, sets the provider and shows only a hint', async () => {
      const { service } = setup();
      const reply = await ask(service, {
        type: 'saveCredentials',
        credentials: { provider: 'sandbox', login: '  new@example.com ', password: 'abcdefghijklmnop' },
      });
      expect(reply.ok && (reply.data as any)).toMatchObject({
        settings: { provider: 'sandbox' },
        credentials: { provider: 'sandbox', login: 'new@example.com', secretHint: '••••mnop', present: true },
      });
      const stored = (await fakeBrowser.storage.local.get('credentials')).credentials;
      expect(stored).toEqual({ provider: 'sandbox', login: 'new@example.com', password: 'abcdefghijklmnop' });
    });

    it('saveLogin keeps the saved password; refused without one', async () => {
      const { service } = setup();
      await ask(service, { type: 'saveLogin', login: 'changed@example.com' });
      expect((await fakeBrowser.storage.local.get('credentials')).credentials).toEqual({ ...CREDS, login: 'changed@example.com' });
      await ask(service, { type: 'forgetCredentials' });
      const refused = await ask(service, { type: 'saveLogin', login: 'x@example.com' });
      expect(!refused.ok && refused.error.kind).toBe('invalid-request');
    });

    it('saveLogin with a provider moves the saved login and password to the sandbox, and the provider in use with them', async () => {
      const { service } = setup();
      const reply = await ask(service, { type: 'saveLogin', login: CREDS.login, provider: 'sandbox' });
      expect(reply.ok && (reply.data as any)).toMatchObject({
        settings: { provider: 'sandbox' },
        credentials: { provider: 'sandbox', login: CREDS.login, present: true },
      });
      expect((await fakeBrowser.storage.local.get('credentials')).credentials).toEqual({ ...CREDS, provider: 'sandbox' });
      // The options form, built from what is stored, stays on the sandbox.
      expect(draftFromSaved((reply as any).data).provider).toBe('sandbox');
    });

    it('forgetCredentials removes them', async () => {
      const { service } = setup();
      const reply = await ask(service, { type: 'forgetCredentials' });
      expect(reply.ok && (reply.data as any).credentials).toEqual({ provider: null, login: null, secretHint: null, present: false });
      expect(await fakeBrowser.storage.local.get('credentials')).toEqual({});
    });
  });

  describe('resolveTarget', () => {
    it('reads an address as its domain, host and page targets: free, no call, no cache, no ledger', async () => {
      const { service, client } = setup();
      const reply = await ask(service, { type: 'resolveTarget', url: 'https://www.blog.example.co.uk/a/b?x=1#top' });
      expect(reply.ok).toBe(true);
      if (!reply.ok) return;
      expect(reply.data.site).toEqual({
        domain: { scope: 'domain', value: 'example.co.uk', display: 'example.co.uk' },
        host: { scope: 'host', value: 'blog.example.co.uk', display: 'blog.example.co.uk' },
        page: { scope: 'page', value: 'https://www.blog.example.co.uk/a/b?x=1', display: 'https://www.blog.example.co.uk/a/b?x=1' },
      });
      expect(reply.meta).toMatchObject({ cost: 0, fromCache: false, spentToday: 0 });
      expect(client.total()).toBe(0);
      expect(await ledgerEntries()).toHaveLength(0);
      const spend = await ask(service, { type: 'spend' });
      expect(spend.ok && spend.data.cache.entries).toBe(0);
    });

    it('needs no credentials; shared hosting suffixes are their own site, Unicode names are shown in Unicode', async () => {
      await fakeBrowser.storage.local.remove('credentials');
      const { service } = setup();
      const gh = await ask(service, { type: 'resolveTarget', url: 'https://alice.github.io/project/' });
      expect(gh.ok && gh.data.site.domain.value).toBe('alice.github.io');
      const idn = await ask(service, { type: 'resolveTarget', url: 'https://bücher.de/' });
      expect(idn.ok && idn.data.site.domain).toEqual({ scope: 'domain', value: 'xn--bcher-kva.de', display: 'bücher.de' });
    });

    it.each([
      ['chrome://settings/', 'Browser pages have no backlinks'],
      ['http://127.0.0.1:8080/', 'not per IP address'],
      ['http://localhost:3000/', 'your own computer'],
      ['mailto:a@example.com', 'writes an email'],
      ['', 'no web address'],
      [`https://example.com/${'a'.repeat(3000)}`, 'longer than 2,048 characters'],
    ])('refuses %s with the sentence to show (unsupported-target)', async (url, sentence) => {
      const { service, client } = setup();
      const reply = await ask(service, { type: 'resolveTarget', url });
      expect(reply.ok).toBe(false);
      if (reply.ok) return;
      expect(reply.error).toEqual({ kind: 'unsupported-target', message: expect.stringContaining(sentence), retryable: false });
      expect(client.total()).toBe(0);
    });
  });

  it('spend: today, month, recent calls and cache size; clearCache empties the cache', async () => {
    const { service, client } = setup();
    await ask(service, profile('a.com'));
    await ask(service, profile('b.com'));
    const spend = await ask(service, { type: 'spend' });
    expect(spend.ok && spend.data).toMatchObject({
      today: cost(1) * 2,
      month: cost(1) * 2,
      dailyBudget: null,
      recent: [{ target: 'b.com' }, { target: 'a.com' }],
      cache: { entries: 2, limitBytes: CACHE_LIMITS.maxBytes },
    });
    const cleared = await ask(service, { type: 'clearCache' });
    expect(cleared.ok && (cleared.data as any).cache.entries).toBe(0);
    expect(cleared.ok && (cleared.data as any).today).toBe(cost(1) * 2); // the ledger stays
    await ask(service, profile('a.com'));
    expect(client.calls.profile).toBe(3);
  });

  it('cost of a cache hit inside the service', async () => {
    const { service } = setup();
    const big = { type: 'backlinks', params: { ...backlinksParams(), limit: 1000 }, mode: 'normal' } as const;
    await service.handle(profile());
    await service.handle(big);
    const time = async (request: Request, n: number) => {
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        const r = await service.handle(request);
        if (!r.ok || !r.meta.fromCache) throw new Error('expected a cache hit');
      }
      return (performance.now() - start) / n;
    };
    await time(profile(), 20); // warm up
    const profileMs = await time(profile(), 500);
    const bigMs = await time(big, 50);
    console.log(`cache hit in the service: profile ${profileMs.toFixed(3)} ms, 1000-backlink page ${bigMs.toFixed(2)} ms (fake storage)`);
    expect(profileMs).toBeLessThan(20);
  });
});

describe('cache lifetime from the endpoint row', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    clock = T0;
    await storeCredentials(CREDS);
  });

  it('a paid answer is cached with expiresAt = fetch time + the row\'s lifetime (cacheHours)', async () => {
    await saveSettings({ cacheHours: 6 });
    const { service } = setup();
    expect((await ask(service, profile())).ok).toBe(true);
    const db = await openDB(CACHE_DB.name, CACHE_DB.version);
    const entries = await db.getAll('entries');
    db.close();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ endpoint: 'profile', fetchedAt: T0, expiresAt: T0 + 6 * HOUR });
  });
});

describe('warm(): what a starting worker reads ahead', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('reads the settings and credentials and opens the cache; the first request then reads only the ledger', async () => {
    await storeCredentials(CREDS);
    const service = createLookupService({ clientFor: () => fakeClient(), now: () => T0, random: () => 0 });
    made.push(service);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const opened = vi.spyOn(indexedDB, 'open');
    service.warm();
    await new Promise((r) => setTimeout(r, 20));
    const readAhead = get.mock.calls.length;
    expect(readAhead).toBeGreaterThan(0);
    expect(opened).toHaveBeenCalledWith(CACHE_DB.name, CACHE_DB.version);
    // The worker's first request: settings and credentials come from memory; only today's spend is read.
    get.mockClear();
    opened.mockClear();
    await service.handle({ type: 'getSettings' });
    expect(get.mock.calls.map((c) => c[0])).toEqual(['ledger']);
    expect(opened).not.toHaveBeenCalled();
  });
});
