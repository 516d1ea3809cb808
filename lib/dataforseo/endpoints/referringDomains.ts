import { cacheHours, endpointRow, pricedPerRow, type CsvItem, type CsvValue } from '@/lib/dataforseo/endpointRow';

/** One item of the page (its schema is in ./referringDomains.schema.ts, which adds the endpoint's types). */
type ReferringDomain = CsvItem<'referringDomains'>;

/** Sorts the Referring domains list offers (the API's order_by fields are in the schema module). */
export const REFERRING_DOMAIN_SORTS = ['rank', 'backlinks', 'firstSeen', 'referringPages'] as const;
export type ReferringDomainSort = (typeof REFERRING_DOMAIN_SORTS)[number];

export const REFERRING_DOMAIN_COLUMNS = [
  'Referring domain',
  'Rank',
  'Backlinks',
  'Dofollow backlinks',
  'Referring pages',
  'Spam score',
  'Country',
  'First seen',
  'Lost date',
] as const;

/** Dofollow backlinks: all backlinks minus the nofollow ones (null when either is unknown). */
export function dofollowBacklinks(d: Pick<ReferringDomain, 'backlinks' | 'nofollowBacklinks'>): number | null {
  return d.backlinks == null || d.nofollowBacklinks == null ? null : Math.max(0, d.backlinks - d.nofollowBacklinks);
}

export function referringDomainRow(d: ReferringDomain): CsvValue[] {
  return [d.domain, d.rank, d.backlinks, dofollowBacklinks(d), d.referringPages, d.spamScore, d.country, d.firstSeen, d.lostDate];
}

/** backlinks/referring_domains/live: one row per domain linking to the target. */
export const row = endpointRow({
  name: 'referringDomains',
  path: 'backlinks/referring_domains/live',
  paid: true,
  expectedRows: (params) => params.limit,
  price: pricedPerRow('referringDomains'),
  cacheTtlMs: cacheHours,
  csv: { columns: REFERRING_DOMAIN_COLUMNS, row: referringDomainRow },
  example: {
    target: { scope: 'domain', value: 'example.com', display: 'example.com' },
    options: { includeSubdomains: true, includeIndirectLinks: true, excludeInternalBacklinks: true, statusType: 'live', rankScale: 'one_hundred' },
    limit: 100,
    offset: 0,
    sort: 'rank',
    dir: 'desc',
    filters: { text: '', minRank: null },
  },
});
