import type { Account, AnchorsPage, BacklinksPage, Profile } from '../model';
import type { AnchorsParams, BacklinksParams, ProfileParams } from '../params.schema';
import { BULK_ROWS, type BulkPage, type BulkParams } from './bulk';
import { estimateCost } from './cost';

/**
 * THE endpoint table, zod-free: one row per endpoint with its API path, price estimate (the rule
 * in ./cost.ts, which pages import alone), cache lifetime rule and whether it exports CSV. The CSV
 * columns are in ./endpoints.csv.ts (only the lazily loaded export needs them); the worker-only half
 * of each row (request builder, result schema + mapper, model schema) is in ./endpoints.schema.ts.
 * The client, the protocol, the cache, the service's dispatch and the CSV export read these rows.
 */

/** What each endpoint is asked with (`void`: no params) and what it answers. */
export interface EndpointTypes {
  profile: { params: ProfileParams; model: Profile };
  anchors: { params: AnchorsParams; model: AnchorsPage };
  backlinks: { params: BacklinksParams; model: BacklinksPage };
  account: { params: void; model: Account };
  // The bulk rows (./bulk.ts): many targets a call, one item per target.
  bulkRanks: { params: BulkParams; model: BulkPage };
  bulkReferringDomains: { params: BulkParams; model: BulkPage };
  bulkBacklinks: { params: BulkParams; model: BulkPage };
  bulkSpamScore: { params: BulkParams; model: BulkPage };
}

/** The endpoints the extension uses, by the names the user sees. */
export type Endpoint = keyof EndpointTypes;
export type EndpointParams<E extends Endpoint> = EndpointTypes[E]['params'];
export type EndpointModel<E extends Endpoint> = EndpointTypes[E]['model'];

export interface EndpointRow<E extends Endpoint> {
  /** API path, relative to the provider base. */
  path: string;
  /** Whether a call can spend money (paid calls go through the budget, the ledger and the cache). */
  paid: boolean;
  /** Result rows the price estimate assumes for these params. */
  expectedRows: (params: EndpointParams<E>) => number;
  /** ESTIMATE in USD for a call expecting that many rows (the real cost is read from each response). */
  price: (expectedRows: number) => number;
  /** How long an answer may be reused (ms) under the settings; 0 or less: never cached. */
  cacheTtlMs: (settings: { cacheHours: number }) => number;
  /** Whether a page of its items can be exported as CSV (columns: ./endpoints.csv.ts, loaded on demand). */
  csv?: true;
}

const HOUR_MS = 3_600_000;

const cacheHours = (settings: { cacheHours: number }) => settings.cacheHours * HOUR_MS;

export const ENDPOINTS: { [E in Endpoint]: EndpointRow<E> } = {
  profile: {
    path: 'backlinks/summary/live',
    paid: true,
    expectedRows: () => 1,
    price: (rows) => estimateCost('profile', rows),
    cacheTtlMs: cacheHours,
  },
  anchors: {
    path: 'backlinks/anchors/live',
    paid: true,
    expectedRows: (params) => params.limit,
    price: (rows) => estimateCost('anchors', rows),
    cacheTtlMs: cacheHours,
    csv: true,
  },
  backlinks: {
    path: 'backlinks/backlinks/live',
    paid: true,
    expectedRows: (params) => params.limit,
    price: (rows) => estimateCost('backlinks', rows),
    cacheTtlMs: cacheHours,
    csv: true,
  },
  account: {
    path: 'appendix/user_data',
    paid: false,
    expectedRows: () => 0,
    price: (rows) => estimateCost('account', rows),
    cacheTtlMs: () => 0,
  },
  ...BULK_ROWS,
};

/** Every endpoint name, in table order. */
export const ENDPOINT_NAMES = Object.keys(ENDPOINTS) as Endpoint[];

/**
 * Endpoints that can spend money on one target: the page-facing data requests of the protocol.
 * The bulk rows are paid too, but pages reach them only through bulkQuote/bulkRun (./bulk.ts).
 */
export type PaidEndpoint = 'profile' | 'anchors' | 'backlinks';
export const PAID_ENDPOINTS = ['profile', 'anchors', 'backlinks'] as const satisfies readonly PaidEndpoint[];

/** Endpoints with a CSV export. */
export type CsvEndpoint = 'anchors' | 'backlinks';
