import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { saveSettings } from '@/lib/settings/store';
import { MAX_SERP_URLS } from './hosts';
import { isSerpSender, parseSerpRequest, serpTargets } from './guard';
import { handleSerpMessage, serpInvalid, serpNotConfirmed, serpOff, serpRefused } from './worker';

const SERP = 'https://www.google.com/search?q=shoes';
const tabSender = (over: object = {}) => ({ id: fakeBrowser.runtime.id, url: SERP, frameId: 0, tab: { id: 7, url: SERP }, ...over }) as any;
const yes = async () => true;
const no = async () => false;

function fakeService(priceUsd = 0.04, calls = 4) {
  const handle = vi.fn(async (r: any) => {
    if (r.type === 'bulkQuote') return { ok: true, data: { targets: r.targets, refused: [], perMetric: [], calls, priceUsd, buying: r.targets }, meta: {} };
    if (r.type === 'bulkRun') {
      if (r.maxPriceUsd + 1e-9 < priceUsd) return { ok: false, error: { kind: 'invalid-request', message: 'more than confirmed', retryable: false } };
      return {
        ok: true,
        data: {
          figures: r.targets.map((t: string, i: number) => ({ target: t, rank: 100 + i, referringDomains: 10 + i, referringDomainsNofollow: 1, backlinks: 1000 + i, spamScore: i, fetchedAt: null })),
          refused: [], calls, spentUsd: priceUsd, estimatedUsd: priceUsd, failed: [],
        },
        meta: {},
      };
    }
    throw new Error(`unexpected ${r.type}`);
  });
  return { handle } as any;
}

beforeEach(() => fakeBrowser.reset());

describe('isSerpSender', () => {
  it('takes our registered script in the top frame of a Google results tab', async () => {
    expect(await isSerpSender(tabSender(), yes)).toBe(true);
  });
  it.each([
    ['another extension', { id: 'other-id' }],
    ['no tab', { tab: undefined }],
    ['a subframe', { frameId: 3 }],
    ['a page that is not a results page', { url: 'https://www.google.com/maps', tab: { id: 7, url: 'https://www.google.com/maps' } }],
    ['an unlisted Google host', { url: 'https://www.google.evil.example/search?q=a', tab: { id: 7 } }],
    ['plain http', { url: 'http://www.google.com/search?q=a', tab: { id: 7 } }],
  ])('refuses %s', async (_, over) => {
    expect(await isSerpSender(tabSender(over), yes)).toBe(false);
  });
  it('refuses when the script is not registered (setting turned off)', async () => {
    expect(await isSerpSender(tabSender(), no)).toBe(false);
  });
});

describe('parseSerpRequest', () => {
  it('takes 1..100 addresses and a step', () => {
    expect(parseSerpRequest({ type: 'serpFigures', urls: ['https://a.example.com/'], step: 'quote' })).not.toBeNull();
    expect(parseSerpRequest({ type: 'serpFigures', urls: Array(MAX_SERP_URLS).fill('https://a.example.com/'), step: 'run' })).not.toBeNull();
  });
  it.each([
    ['too many', { type: 'serpFigures', urls: Array(MAX_SERP_URLS + 1).fill('https://a.example.com/'), step: 'quote' }],
    ['none', { type: 'serpFigures', urls: [], step: 'quote' }],
    ['an unknown step', { type: 'serpFigures', urls: ['https://a.example.com/'], step: 'buyAll' }],
    ['a huge ceiling', { type: 'serpFigures', urls: ['https://a.example.com/'], step: 'run', maxPriceUsd: 1e6 }],
    ['non-strings', { type: 'serpFigures', urls: [42], step: 'quote' }],
  ])('refuses %s', (_, m) => {
    expect(parseSerpRequest(m)).toBeNull();
  });
});

describe('serpTargets', () => {
  it('maps result URLs to their domains, once each, and refuses what the target rules refuse', () => {
    const { domains, byUrl } = serpTargets(['https://www.shop.example.com/a', 'https://shop.example.com/b', 'http://localhost/x', 'javascript:alert(1)', 'https://news.example.org/']);
    expect(domains).toEqual(['shop.example.com', 'news.example.org']);
    expect(byUrl.get('https://www.shop.example.com/a')).toBe('shop.example.com');
    expect(byUrl.get('http://localhost/x')).toBeNull();
    expect(byUrl.get('javascript:alert(1)')).toBeNull();
  });
});

describe('handleSerpMessage', () => {
  const urls = ['https://one.example.com/a', 'https://two.example.net/', 'https://one.example.com/b'];

  it('refuses a foreign sender without asking the service', async () => {
    const service = fakeService();
    const reply = await handleSerpMessage({ type: 'serpFigures', urls, step: 'run' }, tabSender({ frameId: 1 }), service, yes);
    expect(reply).toMatchObject({ ok: false, error: { message: serpRefused() } });
    expect(service.handle).not.toHaveBeenCalled();
  });
  it('refuses while the setting is off, and a request out of contract', async () => {
    const service = fakeService();
    expect(await handleSerpMessage({ type: 'serpFigures', urls, step: 'quote' }, tabSender(), service, yes)).toMatchObject({ error: { message: serpOff() } });
    await saveSettings({ serpFigures: true });
    expect(await handleSerpMessage({ type: 'serpFigures', urls: 'x', step: 'quote' }, tabSender(), service, yes)).toMatchObject({ error: { message: serpInvalid() } });
    expect(service.handle).not.toHaveBeenCalled();
  });
  it('quotes one bulk plan for the page’s distinct domains', async () => {
    await saveSettings({ serpFigures: true });
    const service = fakeService(0.04, 4);
    const reply = await handleSerpMessage({ type: 'serpFigures', urls, step: 'quote' }, tabSender(), service, yes);
    expect(reply).toEqual({ ok: true, step: 'quote', mode: 'ask', priceUsd: 0.04, calls: 4 });
    expect(service.handle).toHaveBeenCalledWith({ type: 'bulkQuote', targets: ['one.example.com', 'two.example.net'], metrics: ['rank', 'referringDomains', 'backlinks', 'spamScore'] });
  });
  it('in ask mode, buys nothing without the confirmed price', async () => {
    await saveSettings({ serpFigures: true, serpMode: 'ask' });
    const service = fakeService();
    const reply = await handleSerpMessage({ type: 'serpFigures', urls, step: 'run' }, tabSender(), service, yes);
    expect(reply).toMatchObject({ ok: false, error: { message: serpNotConfirmed() } });
    expect(service.handle.mock.calls.map((c: any) => c[0].type)).toEqual(['bulkQuote']);
  });
  it('in ask mode, the confirmed price is the ceiling of the run; figures come back per URL', async () => {
    await saveSettings({ serpFigures: true, serpMode: 'ask' });
    const service = fakeService(0.04);
    const reply = await handleSerpMessage({ type: 'serpFigures', urls, step: 'run', maxPriceUsd: 0.04 }, tabSender(), service, yes);
    expect(reply).toMatchObject({ ok: true, step: 'run', calls: 4, spentUsd: 0.04 });
    if (!reply.ok || reply.step !== 'run') throw new Error('no figures');
    expect(reply.figures.map((f) => [f.url, f.domain, f.rank])).toEqual([
      ['https://one.example.com/a', 'one.example.com', 100],
      ['https://two.example.net/', 'two.example.net', 101],
      ['https://one.example.com/b', 'one.example.com', 100],
    ]);
    const low = await handleSerpMessage({ type: 'serpFigures', urls, step: 'run', maxPriceUsd: 0.01 }, tabSender(), fakeService(0.04), yes);
    expect(low.ok).toBe(false);
  });
  it('in auto mode, runs at the quoted price (the daily budget applies in bulkRun)', async () => {
    await saveSettings({ serpFigures: true, serpMode: 'auto' });
    const service = fakeService(0.04);
    const reply = await handleSerpMessage({ type: 'serpFigures', urls, step: 'run', maxPriceUsd: 99 }, tabSender(), service, yes);
    expect(reply.ok).toBe(true);
    expect(service.handle.mock.calls[1][0]).toMatchObject({ type: 'bulkRun', maxPriceUsd: 0.04 });
  });
  it('a page with nothing to buy runs free, even in ask mode', async () => {
    await saveSettings({ serpFigures: true, serpMode: 'ask' });
    const service = fakeService(0, 0);
    const reply = await handleSerpMessage({ type: 'serpFigures', urls, step: 'run' }, tabSender(), service, yes);
    expect(reply.ok).toBe(true);
    expect(service.handle.mock.calls[1][0]).toMatchObject({ type: 'bulkRun', maxPriceUsd: 0 });
  });
});
