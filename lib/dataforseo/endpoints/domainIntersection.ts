import { cacheHours, endpointRow, pricedPerRow, type CsvItem, type CsvValue } from '@/lib/dataforseo/endpointRow';

/** One item of the page (its schema is in ./domainIntersection.schema.ts, which adds the endpoint's types). */
type IntersectionDomain = CsvItem<'domainIntersection'>;

/** At most 20 targets (the user's site and up to 19 others) and 10 excluded targets a call. */
export const MAX_INTERSECTION_TARGETS = 20;
export const MAX_EXCLUDE_TARGETS = 10;

export const INTERSECTION_COLUMNS = ['Referring domain', 'Rank', 'Targets linked', 'Backlinks per target', 'First seen'] as const;

export function intersectionRow(d: IntersectionDomain): CsvValue[] {
  const per = d.links
    .filter((l) => l.backlinks !== null)
    .map((l) => `${l.target ?? '?'}: ${l.backlinks}`)
    .join('; ');
  return [d.domain, d.rank, d.intersections, per, d.firstSeen];
}

/** backlinks/domain_intersection/live: domains linking to several targets (the link gap with exclude_targets). */
export const row = endpointRow({
  name: 'domainIntersection',
  path: 'backlinks/domain_intersection/live',
  paid: true,
  expectedRows: (params) => params.limit,
  price: pricedPerRow('domainIntersection'),
  cacheTtlMs: cacheHours,
  csv: { columns: INTERSECTION_COLUMNS, row: intersectionRow },
  example: {
    target: { scope: 'domain', value: 'example.com', display: 'example.com' },
    moreTargets: [{ scope: 'domain', value: 'example.org', display: 'example.org' }],
    excludeTargets: [],
    mode: 'all',
    options: { includeSubdomains: true, includeIndirectLinks: true, excludeInternalBacklinks: true, statusType: 'live', rankScale: 'one_hundred' },
    limit: 100,
    offset: 0,
  },
});
