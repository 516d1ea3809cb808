import { cacheHours, endpointRow, pricedPerRow } from '@/lib/dataforseo/endpointRow';
import { periodCount } from '@/lib/trendRange';

/** backlinks/timeseries_new_lost_summary/live: new and lost backlinks and referring domains per day, week or month. */
export const row = endpointRow({
  name: 'timeseriesNewLost',
  path: 'backlinks/timeseries_new_lost_summary/live',
  paid: true,
  expectedRows: (params) => periodCount(params.dateFrom, params.dateTo, params.group),
  price: pricedPerRow('timeseriesNewLost'),
  cacheTtlMs: cacheHours,
  example: {
    target: { scope: 'domain', value: 'example.com', display: 'example.com' },
    includeSubdomains: true,
    dateFrom: '2024-01-01',
    dateTo: '2024-12-31',
    group: 'month',
  },
});
