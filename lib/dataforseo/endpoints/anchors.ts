import { cacheHours, endpointRow, pricedPerRow, type CsvValue } from '@/lib/dataforseo/endpointRow';
import type { Anchor } from '@/lib/model';

export const ANCHOR_COLUMNS = [
  'Anchor',
  'Backlinks',
  'Referring domains',
  'Referring pages',
  'Rank',
  'Spam score',
  'Broken backlinks',
  'First seen',
  'Lost date',
] as const;

export function anchorRow(a: Anchor): CsvValue[] {
  return [a.anchor, a.backlinks, a.referringDomains, a.referringPages, a.rank, a.backlinksSpamScore, a.brokenBacklinks, a.firstSeen, a.lostDate];
}

/** backlinks/anchors/live: the anchor texts linking to the site, one row per anchor. */
export const row = endpointRow({
  name: 'anchors',
  path: 'backlinks/anchors/live',
  paid: true,
  expectedRows: (params) => params.limit,
  price: pricedPerRow('anchors'),
  cacheTtlMs: cacheHours,
  csv: { columns: ANCHOR_COLUMNS, row: anchorRow },
  example: {
    target: { scope: 'domain', value: 'example.com', display: 'example.com' },
    options: { includeSubdomains: true, includeIndirectLinks: true, excludeInternalBacklinks: true, statusType: 'live', rankScale: 'one_hundred' },
    limit: 100,
    offset: 0,
    sort: 'backlinks',
    text: '',
  },
});
