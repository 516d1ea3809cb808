import { describe, expect, it } from 'vitest';
import type { BulkFigures } from '@/lib/bulk';
import type { LinkReport, PageLink } from '@/lib/links/report';
import { csvRows, figureKey, figuresByKey, outboundRows, tallies } from './logic';

const pl = (href: string, domain: string | null, extra: Partial<PageLink> = {}): PageLink => ({
  href,
  text: 'x',
  kind: 'follow',
  hidden: false,
  internal: false,
  domain,
  domainDisplay: domain,
  page: domain ? href : null,
  refusal: null,
  ...extra,
});

const report = (links: PageLink[]): LinkReport => ({
  tabId: 1,
  pageUrl: 'https://shop.com/',
  pageDomain: 'shop.com',
  scannedAt: 0,
  elapsedMs: 1,
  counts: { total: links.length, follow: 0, nofollow: 0, ugc: 0, sponsored: 0, internal: 0, external: 0, hidden: 0, unsupported: 0 },
  skipped: { script: 1, mail: 2, phone: 0, fragment: 3, other: 0 },
  dropped: { tooLong: 0, overLimit: 0 },
  links,
});

const figures = (target: string, rank: number): BulkFigures => ({ target, rank, referringDomains: 10, referringDomainsNofollow: 1, backlinks: null, spamScore: 3, fetchedAt: '2026-01-01T00:00:00Z' });

describe('outboundRows', () => {
  const links = [
    pl('https://shop.com/a', 'shop.com', { internal: true }),
    pl('https://b.org/1', 'b.org'),
    pl('https://xn--mnchen-3ya.de/', 'xn--mnchen-3ya.de', { domainDisplay: 'münchen.de', kind: 'nofollow' }),
    pl('https://www.b.org/2', 'b.org', { kind: 'ugc', hidden: true }),
    pl('https://b.org/1', 'b.org'),
    pl('http://10.0.0.1/', null),
  ];

  it('groups external, lookup-able links by domain, most links first, with kinds', () => {
    expect(outboundRows(report(links), 'domains')).toEqual([
      { target: 'b.org', display: 'b.org', links: 3, kinds: { follow: 2, nofollow: 0, ugc: 1, sponsored: 0 }, hidden: 1 },
      { target: 'xn--mnchen-3ya.de', display: 'münchen.de', links: 1, kinds: { follow: 0, nofollow: 1, ugc: 0, sponsored: 0 }, hidden: 0 },
    ]);
  });

  it('or by page (duplicates once)', () => {
    expect(outboundRows(report(links), 'pages').map((r) => [r.target, r.links])).toEqual([
      ['https://b.org/1', 2],
      ['https://xn--mnchen-3ya.de/', 1],
      ['https://www.b.org/2', 1],
    ]);
  });
});

describe('figures and CSV', () => {
  it('figureKey names a root page by its host without www, like the bulk answer', () => {
    expect(figureKey('https://www.b.org/')).toBe('b.org');
    expect(figureKey('https://b.org/x?y=1')).toBe('https://b.org/x?y=1');
    expect(figureKey('B.org')).toBe('b.org');
  });

  it('csvRows: one row per link with its domain’s figures; internal links get none', () => {
    const f = figuresByKey([figures('b.org', 400)]);
    const rows = csvRows([pl('https://b.org/1', 'b.org'), pl('https://shop.com/', 'shop.com', { internal: true })], f, 'domains');
    expect(rows).toEqual([
      ['https://b.org/1', 'x', 'follow', false, false, 'b.org', 400, 10, 3, '2026-01-01T00:00:00Z'],
      ['https://shop.com/', 'x', 'follow', true, false, 'shop.com', null, null, null, null],
    ]);
  });

  it('tallies adds the links that are not web links', () => {
    expect(tallies(report([])).find((t) => t.label === 'Not web links')?.value).toBe(6);
  });
});
