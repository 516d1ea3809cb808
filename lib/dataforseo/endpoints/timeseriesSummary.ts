import { cacheHours, endpointRow, pricedPerRow } from '@/lib/dataforseo/endpointRow';
import { periodCount } from '@/lib/trendRange';

/** backlinks/timeseries_summary/live: backlinks, referring domains and rank per day, week or month. */
export const row = endpointRow({
  name: 'timeseriesSummary',
  path: 'backlinks/timeseries_summary/live',
  paid: true,
  expectedRows: (params) => periodCount(params.dateFrom, params.dateTo, params.group),
  price: pricedPerRow('timeseriesSummary'),
  cacheTtlMs: cacheHours,
  example: {
    target: { scope: 'domain', value: 'example.com', display: 'example.com' },
    includeSubdomains: true,
    rankScale: 'one_hundred',
    dateFrom: '2024-01-01',
    dateTo: '2024-12-31',
    group: 'month',
  },
});
