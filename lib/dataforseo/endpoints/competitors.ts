import { cacheHours, endpointRow, pricedPerRow, type CsvItem, type CsvValue } from '@/lib/dataforseo/endpointRow';

/** One item of the page (its schema is in ./competitors.schema.ts, which adds the endpoint's types). */
type Competitor = CsvItem<'competitors'>;

export const COMPETITOR_SORTS = ['intersections', 'rank'] as const;

export const COMPETITOR_COLUMNS = ['Competitor', 'Rank', 'Shared referring domains'] as const;

export function competitorRow(c: Competitor): CsvValue[] {
  return [c.domain, c.rank, c.intersections];
}

/** backlinks/competitors/live: sites sharing referring domains with the target. */
export const row = endpointRow({
  name: 'competitors',
  path: 'backlinks/competitors/live',
  paid: true,
  expectedRows: (params) => params.limit,
  price: pricedPerRow('competitors'),
  cacheTtlMs: cacheHours,
  csv: { columns: COMPETITOR_COLUMNS, row: competitorRow },
  example: {
    target: { scope: 'domain', value: 'example.com', display: 'example.com' },
    excludeInternalBacklinks: true,
    rankScale: 'one_hundred',
    limit: 100,
    offset: 0,
    sort: 'intersections',
  },
});
