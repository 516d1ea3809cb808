/**
 * An ESTIMATE of what a request will cost, in USD, for budget checks before sending it.
 * DataForSEO charges per request plus per returned row; the documented examples match
 * $0.02 + $0.00003 × rows (a summary counts as one row; the account check is free).
 * Prices change: the real cost is always read from each response's `cost` field.
 * The endpoint table's rows (./endpoints.ts) take their `price` from here; pages import only this
 * file, not the table, so their bundles stay small. A new endpoint priced per row needs no change here.
 */
export const COST_PER_REQUEST = 0.02;
export const COST_PER_ROW = 0.00003;

/** `endpoint` is an endpoint name (lib/dataforseo/endpoints.ts); typed as a string so this file imports nothing. */
export function estimateCost(endpoint: string, expectedRows: number): number {
  if (endpoint === 'account') return 0;
  const rows = endpoint === 'profile' ? 1 : Math.max(0, Math.floor(Number.isFinite(expectedRows) ? expectedRows : 0));
  // Round away floating-point noise (0.02 + 0.00003 → 0.02003, not 0.020030000000000003).
  return Math.round((COST_PER_REQUEST + COST_PER_ROW * rows) * 1e8) / 1e8;
}
