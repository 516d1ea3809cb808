/// <reference types="vite/client" />
import type { CsvEndpoint, Endpoint, EndpointRow, PaidEndpoint } from './endpointRow';

/**
 * THE endpoint table, zod-free, assembled from one module per endpoint (./endpoints/<name>.ts,
 * each exporting its `row`): API path, price estimate (the rule in ./cost.ts, which pages import
 * alone), cache lifetime rule, CSV columns. The worker-only half of each row (request builder,
 * result schema + mapper, model and params schemas) is ./endpoints/<name>.schema.ts, assembled by
 * ./endpoints.schema.ts. The client, the protocol, the cache, the service's dispatch and the CSV
 * export read these rows; adding an endpoint edits none of them.
 */

export type {
  CsvColumns,
  CsvEndpoint,
  CsvItem,
  CsvValue,
  Endpoint,
  EndpointModel,
  EndpointParams,
  EndpointRow,
  EndpointTypes,
  PaidEndpoint,
} from './endpointRow';

const modules = import.meta.glob<EndpointRow<Endpoint>>(['./endpoints/*.ts', '!./endpoints/*.schema.ts', '!./endpoints/*.test.ts'], {
  eager: true,
  import: 'row',
});

/** Each row module's file (for the table's tests: one row per file, named after it). */
export const ROW_FILES: Record<string, Endpoint> = Object.fromEntries(Object.entries(modules).map(([file, row]) => [file, row.name]));

export const ENDPOINTS = Object.fromEntries(Object.values(modules).map((row) => [row.name, row])) as { [E in Endpoint]: EndpointRow<E> };

/** Every endpoint name, in file order. */
export const ENDPOINT_NAMES = Object.keys(ENDPOINTS) as Endpoint[];

/** Endpoints that can spend money: the page-facing data requests of the protocol. */
export const PAID_ENDPOINTS: readonly PaidEndpoint[] = ENDPOINT_NAMES.filter((e): e is PaidEndpoint => ENDPOINTS[e].paid);

/** Endpoints with a CSV export. */
export const CSV_ENDPOINTS: readonly CsvEndpoint[] = ENDPOINT_NAMES.filter((e): e is CsvEndpoint => !!ENDPOINTS[e].csv);
