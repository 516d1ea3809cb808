/// <reference types="vite/client" />
import { z } from 'zod/mini';
import { ENDPOINT_NAMES, PAID_ENDPOINTS, type Endpoint, type EndpointParams, type PaidEndpoint } from './endpoints';
import type { EndpointSchemaRow } from './endpointRow.schema';

/**
 * The worker-only half of the endpoint table (./endpoints.ts has the zod-free half), assembled from
 * one module per endpoint (./endpoints/<name>.schema.ts, each exporting its `schema`): the request
 * builder, the result schema + mapper (task → model), the model schema the cache checks entries
 * against, and — for the paid data requests — the params schema of the protocol.
 * Pages never import this file (it pulls in zod).
 */

export type { EndpointSchemaRow } from './endpointRow.schema';

const modules = import.meta.glob<EndpointSchemaRow<Endpoint>>('./endpoints/*.schema.ts', { eager: true, import: 'schema' });

/** Each schema module's file (for the table's tests). */
export const SCHEMA_FILES: Record<string, Endpoint> = Object.fromEntries(Object.entries(modules).map(([file, row]) => [file, row.name]));

/** The endpoint names as a zod enum (as stored in the cache and the ledger). */
export const EndpointSchema = z.enum(ENDPOINT_NAMES as [Endpoint, ...Endpoint[]]);

export const ENDPOINT_SCHEMAS = Object.fromEntries(Object.values(modules).map((row) => [row.name, row])) as {
  [E in Endpoint]: EndpointSchemaRow<E>;
};

/** What a page sends as `params` of each paid data request; lib/messages.ts builds the requests from it. */
export const PARAMS_SCHEMAS = Object.fromEntries(
  PAID_ENDPOINTS.map((e) => [e, (ENDPOINT_SCHEMAS[e] as EndpointSchemaRow<PaidEndpoint>).params]),
) as { [E in PaidEndpoint]: z.ZodMiniType<EndpointParams<E>> };
