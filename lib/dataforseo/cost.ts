import { COST_PER_REQUEST, COST_PER_ROW, ENDPOINTS, type Endpoint } from './endpoints';

/**
 * An ESTIMATE of what a request will cost, in USD, for budget checks before sending it: the
 * endpoint row's price (./endpoints.ts). Prices change: the real cost is always read from each
 * response's `cost` field.
 */
export { COST_PER_REQUEST, COST_PER_ROW };

export function estimateCost(endpoint: Endpoint, expectedRows: number): number {
  return ENDPOINTS[endpoint].price(expectedRows);
}
