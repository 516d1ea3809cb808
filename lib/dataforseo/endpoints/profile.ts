import { cacheHours, endpointRow, pricedPerRow } from '@/lib/dataforseo/endpointRow';

/** backlinks/summary/live: the site's backlink profile (one row). */
export const row = endpointRow({
  name: 'profile',
  path: 'backlinks/summary/live',
  paid: true,
  expectedRows: () => 1,
  price: pricedPerRow('profile'),
  cacheTtlMs: cacheHours,
  example: {
    target: { scope: 'domain', value: 'example.com', display: 'example.com' },
    options: { includeSubdomains: true, includeIndirectLinks: true, excludeInternalBacklinks: true, statusType: 'live', rankScale: 'one_hundred' },
  },
});
