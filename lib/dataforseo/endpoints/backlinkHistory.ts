import { cacheHours, endpointRow, pricedPerRow } from '@/lib/dataforseo/endpointRow';
import { periodCount } from '@/lib/trendRange';

/** backlinks/history/live: monthly snapshots of a domain's backlink profile. */
export const row = endpointRow({
  name: 'backlinkHistory',
  path: 'backlinks/history/live',
  paid: true,
  expectedRows: (params) => periodCount(params.dateFrom, params.dateTo, 'month'),
  price: pricedPerRow('backlinkHistory'),
  cacheTtlMs: cacheHours,
  example: {
    target: { scope: 'domain', value: 'example.com', display: 'example.com' },
    rankScale: 'one_hundred',
    dateFrom: '2024-01-01',
    dateTo: '2024-12-31',
  },
});
