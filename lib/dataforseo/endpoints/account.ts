import { endpointRow, pricedPerRow } from '@/lib/dataforseo/endpointRow';

/** appendix/user_data: the free account check (never cached). */
export const row = endpointRow({
  name: 'account',
  path: 'appendix/user_data',
  paid: false,
  expectedRows: () => 0,
  price: pricedPerRow('account'),
  cacheTtlMs: () => 0,
  example: undefined,
});
