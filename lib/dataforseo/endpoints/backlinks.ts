import { cacheHours, endpointRow, pricedPerRow, yesNo, type CsvValue } from '../endpointRow';
import type { Backlink } from '../../model';
import { DEFAULT_FILTERS } from '../../defaults';

export const BACKLINK_COLUMNS = [
  'Referring domain',
  'Referring page',
  'Page title',
  'Target URL',
  'Target status',
  'Anchor',
  'Link type',
  'Image alt',
  'Dofollow',
  'Attributes',
  'Backlink rank',
  'Page rank',
  'Domain rank',
  'Spam score',
  'First seen',
  'Last seen',
  'New',
  'Lost',
  'Broken',
  'Indirect',
  'Text before',
  'Text after',
  'Redirect path',
] as const;

export function backlinkRow(b: Backlink): CsvValue[] {
  return [
    b.domainFrom,
    b.urlFrom,
    b.pageFromTitle,
    b.urlTo,
    b.urlToStatusCode,
    b.anchor,
    b.itemType,
    b.alt,
    yesNo(b.dofollow),
    b.attributes.join(' '),
    b.rank,
    b.pageFromRank,
    b.domainFromRank,
    b.spamScore,
    b.firstSeen,
    b.lastSeen,
    yesNo(b.isNew),
    yesNo(b.isLost),
    yesNo(b.isBroken),
    yesNo(b.isIndirect),
    b.textPre,
    b.textPost,
    b.indirectPath.map((step) => [step.statusCode, step.url].filter((x) => x != null).join(' ')).join(' > '),
  ];
}

/** backlinks/backlinks/live: the links themselves, one row per link. */
export const row = endpointRow({
  name: 'backlinks',
  path: 'backlinks/backlinks/live',
  paid: true,
  expectedRows: (params) => params.limit,
  price: pricedPerRow('backlinks'),
  cacheTtlMs: cacheHours,
  csv: { columns: BACKLINK_COLUMNS, row: backlinkRow },
  example: {
    target: { scope: 'domain', value: 'example.com', display: 'example.com' },
    options: { includeSubdomains: true, includeIndirectLinks: true, excludeInternalBacklinks: true, statusType: 'live', rankScale: 'one_hundred' },
    limit: 100,
    offset: 0,
    searchAfterToken: null,
    sort: 'rank',
    dir: 'desc',
    mode: 'as_is',
    filters: { ...DEFAULT_FILTERS },
  },
});
