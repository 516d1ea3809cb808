import type { Outcome } from '@/lib/errors';
import type { BulkEndpoint, BulkPage, BulkParams } from './bulk';
import { ENDPOINTS, type Endpoint, type EndpointModel, type EndpointParams, type PaidEndpoint } from './endpoints';

export type { Endpoint } from './endpoints';

/** API path of each endpoint, relative to the provider base (from the endpoint table). */
export const ENDPOINT_PATH = Object.fromEntries(
  Object.entries(ENDPOINTS).map(([name, row]) => [name, row.path]),
) as Record<Endpoint, string>;

/** A successful answer: the mapped data, what it cost (the response's `cost`, USD) and how many rows came back. */
export interface ApiAnswer<T> {
  data: T;
  cost: number;
  rows: number;
}

/** One paid endpoint's call: its params in, its model out. */
export type EndpointCall<E extends PaidEndpoint> = (
  params: EndpointParams<E>,
  signal?: AbortSignal,
) => Promise<Outcome<ApiAnswer<EndpointModel<E>>>>;

/**
 * What the worker uses to talk to a provider: one method per paid endpoint of the table, plus the
 * free account check. Implemented by createClient() in ./client.ts.
 */
/** One call of a bulk endpoint (./bulk.ts): ≤ 1,000 targets in, one item per target out. */
export type BulkCall = (endpoint: BulkEndpoint, params: BulkParams, signal?: AbortSignal) => Promise<Outcome<ApiAnswer<BulkPage>>>;

export type BacklinksClient = { [E in PaidEndpoint]: EndpointCall<E> } & {
  bulk: BulkCall;
  /** Free for DataForSEO and the sandbox (appendix/user_data). Not offered by AIsa: answers invalid-request. */
  account(signal?: AbortSignal): Promise<Outcome<ApiAnswer<EndpointModel<'account'>>>>;
};
