import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach } from 'vitest';
import { classifyReport } from './classify';
import { reportSchemas } from './report.schema';

const RawLinkReportSchema = reportSchemas().RawLinkReportSchema;
import { MAX_HREF, MAX_LINKS, MAX_TEXT, type RawLink, type RawLinkReport } from './report';
import { LINKS_MESSAGES, createLinksService, reportKey, type LinksServiceDeps } from './service';
import { getLinksView, setLinksView } from './handoff';
import { REFUSAL_MESSAGES } from '@/lib/target/refusals';

const link = (href: string, extra: Partial<RawLink> = {}): RawLink => ({ href, host: new URL(href).hostname, rel: [], text: 't', hidden: false, ...extra });

function raw(links: RawLink[], extra: Partial<RawLinkReport> = {}): RawLinkReport {
  return {
    version: 1,
    url: 'https://www.shop.co.uk/p',
    host: 'www.shop.co.uk',
    links,
    skipped: { script: 1, mail: 0, phone: 0, fragment: 2, other: 0 },
    dropped: { tooLong: 0, overLimit: 0 },
    elapsedMs: 12,
    ...extra,
  };
}

describe('RawLinkReportSchema (the page’s report is untrusted)', () => {
  it('accepts a report within the bounds', () => {
    expect(RawLinkReportSchema.safeParse(raw([link('https://a.com/')])).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ['not an object', 'links'],
    ['another version', { ...raw([]), version: 2 }],
    ['more than MAX_LINKS links', raw(Array.from({ length: MAX_LINKS + 1 }, (_, i) => link(`https://d${i}.com/`)))],
    ['an href past MAX_HREF', raw([link(`https://a.com/${'x'.repeat(MAX_HREF)}`)])],
    ['a text past MAX_TEXT', raw([link('https://a.com/', { text: 'x'.repeat(MAX_TEXT + 1) })])],
    ['an unknown rel token', raw([{ ...link('https://a.com/'), rel: ['noopener'] } as unknown as RawLink])],
    ['a negative count', raw([], { skipped: { script: -1, mail: 0, phone: 0, fragment: 0, other: 0 } })],
    ['a fractional count', raw([], { dropped: { tooLong: 0.5, overLimit: 0 } })],
    ['a huge count', raw([], { dropped: { tooLong: 1e12, overLimit: 0 } })],
    ['a missing field', { ...raw([]), skipped: undefined }],
    ['hidden as a string', raw([{ ...link('https://a.com/'), hidden: 'no' } as unknown as RawLink])],
    ['more characters than a report may hold', raw(Array.from({ length: 1100 }, (_, i) => link(`https://d${i}.com/${'y'.repeat(1900)}`, { text: 'z'.repeat(MAX_TEXT) })))],
  ])('refuses %s', (_name, value) => {
    expect(RawLinkReportSchema.safeParse(value).success).toBe(false);
  });
});

describe('classifyReport', () => {
  it('decides internal links by registrable domain (co.uk, www, subdomains), kinds by rel, and counts them', () => {
    const r = classifyReport(
      raw([
        link('https://shop.co.uk/a'),
        link('https://blog.shop.co.uk/b', { rel: ['nofollow'] }),
        link('https://other.co.uk/c?utm_source=x#frag', { rel: ['nofollow', 'ugc'] }),
        link('https://alice.github.io/', { rel: ['sponsored'], hidden: true }),
        link('https://bob.github.io/x'),
        link('http://192.168.1.1/admin'),
      ]),
      7,
      'https://www.shop.co.uk/p',
      1000,
    );
    expect(r.pageDomain).toBe('shop.co.uk');
    expect(r.links.map((l) => [l.internal, l.kind, l.domain, l.page])).toEqual([
      [true, 'follow', 'shop.co.uk', 'https://shop.co.uk/a'],
      [true, 'nofollow', 'shop.co.uk', 'https://blog.shop.co.uk/b'],
      [false, 'ugc', 'other.co.uk', 'https://other.co.uk/c'],
      [false, 'sponsored', 'alice.github.io', 'https://alice.github.io/'],
      [false, 'follow', 'bob.github.io', 'https://bob.github.io/x'],
      [false, 'follow', null, null],
    ]);
    expect(r.links[5]?.refusal).toBe(REFUSAL_MESSAGES.ip);
    expect(r.counts).toEqual({ total: 6, follow: 3, nofollow: 1, ugc: 1, sponsored: 1, internal: 2, external: 4, hidden: 1, unsupported: 1 });
    expect(r.skipped).toEqual({ script: 1, mail: 0, phone: 0, fragment: 2, other: 0 });
    expect(r).toMatchObject({ tabId: 7, scannedAt: 1000, elapsedMs: 12 });
  });

  it('on a page without a public domain, internal means the same host', () => {
    const r = classifyReport(raw([link('http://localhost:3000/x'), link('https://a.com/')], { url: 'http://localhost:3000/' }), 1, undefined, 0);
    expect(r.pageDomain).toBeNull();
    expect(r.links.map((l) => l.internal)).toEqual([true, false]);
  });
});

describe('createLinksService', () => {
  beforeEach(() => fakeBrowser.reset());

  function deps(inject: () => Promise<unknown>): LinksServiceDeps {
    const area = fakeBrowser.storage.session;
    return {
      inject,
      tabUrl: async () => 'https://www.shop.co.uk/p',
      now: () => 5000,
      store: {
        get: async (k) => (await area.get(k))[k],
        set: (k, v) => area.set({ [k]: v }),
        remove: (k) => area.remove(k),
      },
      setView: setLinksView,
    };
  }

  it('keeps the checked report per tab, marks the scan ready and hands the report to the panel', async () => {
    const svc = createLinksService(deps(async () => raw([link('https://a.com/'), link('https://shop.co.uk/')])));
    const got = await svc.scan(3);
    expect(got.ok && got.value.counts).toMatchObject({ total: 2, internal: 1, external: 1 });
    expect(await getLinksView(3)).toEqual({ tabId: 3, state: 'ready', message: null, at: 5000 });
    const report = await svc.report(3);
    expect(report.ok && report.value.links.map((l) => l.domain)).toEqual(['a.com', 'shop.co.uk']);
    expect((await svc.report(4)).ok).toBe(false);
    await svc.forget(3);
    expect((await svc.report(3)).ok).toBe(false);
  });

  it('a tab it may not read, or a report out of contract, keeps nothing and says why', async () => {
    const denied = createLinksService(deps(async () => Promise.reject(new Error('Cannot access contents of the page'))));
    const a = await denied.scan(3);
    expect(!a.ok && a.error.message).toBe(LINKS_MESSAGES.noAccess);
    expect(await getLinksView(3)).toMatchObject({ state: 'error', message: LINKS_MESSAGES.noAccess });

    const hostile = createLinksService(deps(async () => ({ ...raw([]), links: 'lots' })));
    const b = await hostile.scan(3);
    expect(!b.ok && b.error.message).toBe(LINKS_MESSAGES.unreadable);
    expect((await fakeBrowser.storage.session.get(reportKey(3)))[reportKey(3)]).toBeUndefined();
  });

  it('a stored report that was tampered with is not handed out', async () => {
    await fakeBrowser.storage.session.set({ [reportKey(9)]: { tabId: 9, links: [{ href: 5 }] } });
    const svc = createLinksService(deps(async () => raw([])));
    expect((await svc.report(9)).ok).toBe(false);
  });
});
