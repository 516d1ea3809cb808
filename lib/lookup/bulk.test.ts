import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BulkMetric } from '@/lib/bulk';
import { storeCredentials } from '@/lib/credentials';
import { appError } from '@/lib/errors';
import { replySchema, type LedgerEntry, type Request } from '@/lib/messages';
import { saveSettings } from '@/lib/settings/store';
import { bulkTargetOf, readTargets } from './bulkTargets';
import { createLookupService, type LookupService } from './service';
import { cost, fakeClient, fakeFigure, type FakeClient, type FakeClientOptions } from '@/tests/helpers/lookup';

const HOUR = 3_600_000;
const T0 = new Date(2026, 5, 10, 9, 0, 0).getTime();
const CREDS = { provider: 'dataforseo', login: 'me@example.com', password: 'pw-0123456789abcdef' } as const;
const ALL: BulkMetric[] = ['rank', 'referringDomains', 'backlinks', 'spamScore'];

let clock = T0;
function setup(opts: FakeClientOptions = {}): { service: LookupService; client: FakeClient } {
  const client = fakeClient(opts);
  const service = createLookupService({ clientFor: vi.fn(() => client), now: () => clock, random: () => 0 });
  return { service, client };
}

async function ledger(): Promise<{ entries: LedgerEntry[]; open: Record<string, { estimate: number; endpoint: string }> }> {
  const got = await fakeBrowser.storage.local.get('ledger');
  const l = got.ledger as { entries: LedgerEntry[]; open: Record<string, { estimate: number; endpoint: string }> } | undefined;
  return { entries: l?.entries ?? [], open: l?.open ?? {} };
}

async function ask<R extends Request>(service: LookupService, request: R) {
  const reply = await service.handle(request);
  expect(replySchema(request.type).safeParse(reply).success).toBe(true);
  return reply;
}

const sites = (n: number, prefix = 'site') => Array.from({ length: n }, (_, i) => `${prefix}${i}.com`);
const quote = (targets: string[], metrics: BulkMetric[] = ALL) => ({ type: 'bulkQuote' as const, targets, metrics });
const run = (targets: string[], maxPriceUsd: number, metrics: BulkMetric[] = ALL) => ({ type: 'bulkRun' as const, targets, metrics, maxPriceUsd });
const price = (...sizes: number[]) => Math.round(sizes.reduce((s, n) => s + cost(n), 0) * 1e6) / 1e6;

describe('list targets', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  https://www.Example.com/  ', 'example.com'],
    ['blog.example.co.uk', 'blog.example.co.uk'],
    ['https://example.com/pricing?utm_source=x&plan=pro', 'https://example.com/pricing?plan=pro'],
    ['http://example.com/a#frag', 'http://example.com/a'],
    ['bücher.de', 'xn--bcher-kva.de'],
  ])('%s is sent as %s', (text, target) => {
    expect(bulkTargetOf(text)).toEqual({ ok: true, target });
  });

  it.each(['localhost', '192.168.1.1', 'chrome://settings', 'mailto:a@b.c', 'not a domain', 'http://intranet/', 'file:///etc/passwd'])(
    '%s is refused with a sentence',
    (text) => {
      const t = bulkTargetOf(text);
      expect(t.ok).toBe(false);
      if (!t.ok) expect(t.reason.length).toBeGreaterThan(10);
    },
  );

  it('de-duplicates after normalizing, keeps first-seen order, skips blank lines', () => {
    const r = readTargets(['b.com', 'www.a.com', '', 'https://a.com/', 'B.COM', 'localhost']);
    expect(r.targets).toEqual(['b.com', 'a.com']);
    expect(r.refused.map((x) => x.text)).toEqual(['localhost']);
  });
});

describe('bulk quote and run', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    clock = T0;
    await storeCredentials(CREDS);
  });

  it('the quote is free: refused targets listed with the reason, 2,500 new targets → 3 calls per metric, priced per call', async () => {
    const { service, client } = setup();
    const reply = await ask(service, quote([...sites(2500), 'localhost', '10.0.0.1', 'site3.com']));
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(client.total()).toBe(0);
    expect((await ledger()).entries).toHaveLength(0);
    const q = reply.data;
    expect(q.targets).toHaveLength(2500);
    expect(q.refused.map((r) => r.text)).toEqual(['localhost', '10.0.0.1']);
    expect(q.perMetric).toEqual(ALL.map((metric) => ({ metric, cached: 0, toBuy: 2500, calls: 3 })));
    expect(q.calls).toBe(12);
    expect(q.priceUsd).toBeCloseTo(4 * price(1000, 1000, 500), 9);
    expect(q.buying).toEqual(q.targets);
  });

  it('runs 2,500 targets in 3 calls per metric of ≤ 1,000, refused ones never sent; each call reserved before and settled after', async () => {
    let seenOpen: number[] = [];
    const held: { entries: number; open: number }[] = [];
    const { service, client } = setup({
      gate: async () => {
        const l = await ledger();
        held.push({ entries: l.entries.length, open: Object.keys(l.open).length });
        seenOpen = Object.values(l.open).map((o) => o.estimate);
      },
    });
    const list = [...sites(2500), 'localhost', 'http://192.168.0.1/x'];
    const q = await ask(service, quote(list));
    if (!q.ok) throw new Error(q.error.message);
    const reply = await ask(service, run(list, q.data.priceUsd));
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const r = reply.data;
    expect(client.bulkLog).toHaveLength(12);
    for (const endpoint of ['bulkRanks', 'bulkReferringDomains', 'bulkBacklinks', 'bulkSpamScore'] as const) {
      const mine = client.bulkLog.filter((c) => c.endpoint === endpoint);
      expect(mine.map((c) => c.targets.length)).toEqual([1000, 1000, 500]);
      expect(mine.flatMap((c) => c.targets)).toEqual(sites(2500));
    }
    expect(client.bulkLog.flatMap((c) => c.targets).some((t) => t.includes('localhost') || t.includes('192.168'))).toBe(false);
    // Every call had its reservation in storage while it was in flight.
    expect(held).toHaveLength(12);
    for (const h of held) expect(h.open).toBeGreaterThanOrEqual(1);
    expect(seenOpen.length).toBeGreaterThanOrEqual(1);
    const l = await ledger();
    expect(Object.keys(l.open)).toHaveLength(0);
    expect(l.entries).toHaveLength(12);
    expect(l.entries.map((e) => e.rows).sort((a, b) => a - b)).toEqual([500, 500, 500, 500, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000]);
    expect(r.calls).toBe(12);
    expect(r.spentUsd).toBeCloseTo(q.data.priceUsd, 9);
    expect(r.estimatedUsd).toBeCloseTo(q.data.priceUsd, 9);
    expect(r.failed).toEqual([]);
    expect(r.refused).toHaveLength(2);
    expect(r.figures).toHaveLength(2500);
    const f = r.figures[7]!;
    expect(f).toMatchObject({
      target: 'site7.com',
      rank: fakeFigure('bulkRanks', 'site7.com'),
      referringDomains: fakeFigure('bulkReferringDomains', 'site7.com'),
      backlinks: fakeFigure('bulkBacklinks', 'site7.com') * 7,
      spamScore: fakeFigure('bulkSpamScore', 'site7.com') % 101,
      fetchedAt: new Date(T0).toISOString(),
    });
  });

  it('caches per target and metric: a second run sharing targets buys only the new ones, and costs nothing when all are cached', async () => {
    const { service, client } = setup();
    const first = await ask(service, run(sites(1500), 10));
    expect(first.ok).toBe(true);
    expect(client.bulkLog).toHaveLength(8);
    clock += HOUR;
    const list = [...sites(1500), ...sites(300, 'new')];
    const q = await ask(service, quote(list));
    if (!q.ok) throw new Error(q.error.message);
    expect(q.data.perMetric).toEqual(ALL.map((metric) => ({ metric, cached: 1500, toBuy: 300, calls: 1 })));
    expect(q.data.buying).toEqual(sites(300, 'new'));
    expect(q.data.priceUsd).toBeCloseTo(4 * cost(300), 9);
    const second = await ask(service, run(list, q.data.priceUsd));
    if (!second.ok) throw new Error(second.error.message);
    expect(client.bulkLog).toHaveLength(12);
    for (const c of client.bulkLog.slice(8)) expect(c.targets).toEqual(sites(300, 'new'));
    expect(second.data.figures).toHaveLength(1800);
    // The cached figures keep the time they were bought.
    expect(second.data.figures[0]!.fetchedAt).toBe(new Date(T0).toISOString());
    expect(second.data.figures[1700]!.fetchedAt).toBe(new Date(T0 + HOUR).toISOString());
    const third = await ask(service, run(list, 0));
    if (!third.ok) throw new Error(third.error.message);
    expect(client.bulkLog).toHaveLength(12);
    expect(third.data).toMatchObject({ calls: 0, spentUsd: 0 });
    expect(third.data.figures.map((x) => x.rank)).toEqual(second.data.figures.map((x) => x.rank));
  });

  it('only the asked metrics are bought; another metric of a cached target is bought on its own', async () => {
    const { service, client } = setup();
    await ask(service, run(sites(10), 1, ['rank']));
    expect(client.bulkLog.map((c) => c.endpoint)).toEqual(['bulkRanks']);
    const q = await ask(service, quote(sites(10), ['rank', 'spamScore']));
    if (!q.ok) throw new Error(q.error.message);
    expect(q.data.perMetric).toEqual([
      { metric: 'rank', cached: 10, toBuy: 0, calls: 0 },
      { metric: 'spamScore', cached: 0, toBuy: 10, calls: 1 },
    ]);
    const r = await ask(service, run(sites(10), q.data.priceUsd, ['rank', 'spamScore']));
    if (!r.ok) throw new Error(r.error.message);
    expect(client.bulkLog.map((c) => c.endpoint)).toEqual(['bulkRanks', 'bulkSpamScore']);
    expect(r.data.figures[0]).toMatchObject({ backlinks: null, referringDomains: null });
    expect(r.data.figures[0]!.rank).not.toBeNull();
  });

  it('figures expire with the cache-hours setting (0 caches nothing)', async () => {
    const { service, client } = setup();
    await saveSettings({ cacheHours: 1 });
    await ask(service, run(sites(5), 1, ['rank']));
    clock += HOUR + 1;
    const q = await ask(service, quote(sites(5), ['rank']));
    if (q.ok) expect(q.data.perMetric[0]).toMatchObject({ cached: 0, toBuy: 5 });
    await saveSettings({ cacheHours: 0 });
    await ask(service, run(sites(5), 1, ['rank']));
    await ask(service, run(sites(5), 1, ['rank']));
    expect(client.bulkLog).toHaveLength(3);
  });

  it('refuses a run whose price exceeds the confirmed one, before any call', async () => {
    const { service, client } = setup();
    const reply = await ask(service, run(sites(1001), price(1000, 1) * 4 - 0.00001));
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.message).toMatch(/more than the .* you confirmed.*Nothing was spent/);
    expect(client.bulkLog).toHaveLength(0);
    expect((await ledger()).entries).toHaveLength(0);
  });

  it('refuses a run the daily budget cannot take, before any call', async () => {
    await saveSettings({ dailyBudget: 0.05 });
    const { service, client } = setup();
    const reply = await ask(service, run(sites(100), 10));
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.kind).toBe('budget');
    expect(client.bulkLog).toHaveLength(0);
    expect(Object.keys((await ledger()).open)).toHaveLength(0);
  });

  it('a list with nothing accepted costs nothing and calls nothing', async () => {
    const { service, client } = setup();
    const reply = await ask(service, run(['localhost', 'chrome://newtab', ''], 0));
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.data).toMatchObject({ calls: 0, spentUsd: 0, figures: [], failed: [] });
    expect(reply.data.refused).toHaveLength(2);
    expect(client.bulkLog).toHaveLength(0);
  });

  it('without credentials: refused, nothing called', async () => {
    await fakeBrowser.storage.local.remove('credentials');
    const { service, client } = setup();
    const reply = await ask(service, quote(sites(3)));
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.kind).toBe('no-credentials');
    expect(client.bulkLog).toHaveLength(0);
  });

  it('a partial failure keeps what succeeded, names what failed, releases its reservation and charges nothing for it', async () => {
    const { service, client } = setup({
      // The second backlinks call fails.
      bulkError: (endpoint) => (endpoint === 'bulkBacklinks' && client.bulkLog.filter((c) => c.endpoint === 'bulkBacklinks').length === 2 ? appError('server', 'DataForSEO is having trouble (50000). Try again later.', true) : null),
    });
    const q = await ask(service, quote(sites(2500)));
    if (!q.ok) throw new Error(q.error.message);
    const reply = await ask(service, run(sites(2500), q.data.priceUsd));
    if (!reply.ok) throw new Error(reply.error.message);
    const r = reply.data;
    expect(r.failed).toEqual([{ metric: 'backlinks', message: 'DataForSEO is having trouble (50000). Try again later.' }]);
    // Backlinks: the first call succeeded, the second failed, the third was not tried.
    expect(client.bulkLog.filter((c) => c.endpoint === 'bulkBacklinks')).toHaveLength(2);
    expect(r.calls).toBe(10);
    expect(r.spentUsd).toBeCloseTo(3 * price(1000, 1000, 500) + cost(1000), 9);
    const l = await ledger();
    expect(l.entries).toHaveLength(10);
    expect(Object.keys(l.open)).toHaveLength(0);
    expect(r.figures[0]!.backlinks).not.toBeNull();
    expect(r.figures[1500]!.backlinks).toBeNull();
    expect(r.figures[1500]!.rank).not.toBeNull();
    // What succeeded is cached: a retry buys only the missing backlinks.
    const again = await ask(service, quote(sites(2500)));
    if (again.ok) expect(again.data.perMetric.find((m) => m.metric === 'backlinks')).toMatchObject({ cached: 1000, toBuy: 1500, calls: 2 });
  });

  it('an error that would fail every call (bad credentials) stops the run after the first', async () => {
    const { service, client } = setup({ bulkError: () => appError('auth', 'DataForSEO did not accept the login.', false) });
    const reply = await ask(service, run(sites(2500), 1));
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.data.calls).toBe(0);
    expect(reply.data.failed.map((f) => f.metric).sort()).toEqual([...ALL].sort());
    expect(client.bulkLog.length).toBeLessThanOrEqual(4);
    expect((await ledger()).entries).toHaveLength(0);
  });

  it('ranks are cached per rank scale: another scale buys again', async () => {
    const { service, client } = setup();
    await ask(service, run(sites(3), 1, ['rank']));
    await saveSettings({ rankScale: 'one_thousand' });
    const q = await ask(service, quote(sites(3), ['rank']));
    if (q.ok) expect(q.data.perMetric[0]).toMatchObject({ cached: 0, toBuy: 3 });
    expect(client.bulkLog).toHaveLength(1);
  });

  it('clearing the cache clears the bulk figures', async () => {
    const { service } = setup();
    await ask(service, run(sites(3), 1, ['rank']));
    await ask(service, { type: 'clearCache' });
    const q = await ask(service, quote(sites(3), ['rank']));
    if (q.ok) expect(q.data.perMetric[0]).toMatchObject({ cached: 0, toBuy: 3 });
  });
});
