import { estimateCost } from './cost';

/**
 * The shape of one endpoint row, zod-free. Each endpoint lives in its own modules under
 * ./endpoints/: `<name>.ts` (this row: path, price, cache rule, CSV columns) and `<name>.schema.ts`
 * (worker only: request builder, result schema + mapper, model and params schemas). The schema
 * module adds the endpoint to `EndpointTypes` by declaration merging:
 *
 *   declare module '../endpointRow' {
 *     interface EndpointTypes { referringDomains: { params: …; model: …; paid: true; csv: true } }
 *   }
 *
 * ./endpoints.ts and ./endpoints.schema.ts assemble the tables from the files (import.meta.glob),
 * so adding an endpoint edits no shared file.
 */

/**
 * What each endpoint is asked with (`void`: no params), what it answers, whether it can spend money
 * and whether its pages export CSV. Empty here: every endpoint module adds its entry.
 */
// biome-ignore lint/suspicious/noEmptyInterface: declaration merging, every endpoint module adds its entry
export interface EndpointTypes {}

interface EndpointEntry {
  params: unknown;
  model: unknown;
  paid: boolean;
  csv?: true;
}

/** The endpoints the extension uses, by the names the user sees. */
export type Endpoint = keyof EndpointTypes & string;
type Entry<E extends Endpoint> = EndpointTypes[E] extends EndpointEntry ? EndpointTypes[E] : never;
export type EndpointParams<E extends Endpoint> = Entry<E>['params'];
export type EndpointModel<E extends Endpoint> = Entry<E>['model'];

/** Endpoints that can spend money: the page-facing data requests of the protocol. */
export type PaidEndpoint = { [E in Endpoint]: Entry<E>['paid'] extends true ? E : never }[Endpoint];
/** Endpoints with a CSV export. */
export type CsvEndpoint = { [E in Endpoint]: Entry<E> extends { csv: true } ? E : never }[Endpoint];

/** A spreadsheet cell before escaping (lib/csv.ts neutralizes it). */
export type CsvValue = string | number | boolean | null | undefined;

/** One item of a CSV endpoint's page. */
export type CsvItem<E extends Endpoint> = EndpointModel<E> extends { items: readonly (infer I)[] } ? I : never;

export interface CsvColumns<Item> {
  columns: readonly string[];
  row: (item: Item) => CsvValue[];
}

interface RowBase<E extends Endpoint> {
  /** The endpoint's name (its key in `EndpointTypes`). */
  name: E;
  /** API path, relative to the provider base. */
  path: string;
  /** Whether a call can spend money (paid calls go through the budget, the ledger and the cache). */
  paid: Entry<E>['paid'];
  /** Result rows the price estimate assumes for these params. */
  expectedRows: (params: EndpointParams<E>) => number;
  /** ESTIMATE in USD for a call expecting that many rows (the real cost is read from each response). */
  price: (expectedRows: number) => number;
  /** How long an answer may be reused (ms) under the settings; 0 or less: never cached. */
  cacheTtlMs: (settings: { cacheHours: number }) => number;
  /** Valid params (used by the table's tests and as documentation). */
  example: EndpointParams<E>;
}

/** A row; an endpoint marked `csv: true` in `EndpointTypes` must give its CSV columns. */
export type EndpointRow<E extends Endpoint> = RowBase<E> &
  (E extends CsvEndpoint ? { csv: CsvColumns<CsvItem<E>> } : { csv?: undefined });

/** Identity, so a row module is checked against its own endpoint's types. */
export function endpointRow<E extends Endpoint>(row: EndpointRow<E>): EndpointRow<E> {
  return row;
}

const HOUR_MS = 3_600_000;

/** The paid rows' usual cache rule: the user's "cache hours". */
export const cacheHours = (settings: { cacheHours: number }) => settings.cacheHours * HOUR_MS;

/** The usual price rule of ./cost.ts for an endpoint. */
export const pricedPerRow = (name: string) => (rows: number) => estimateCost(name, rows);

/** "yes" / "no" / "" for a CSV cell. */
export const yesNo = (v: boolean | null | undefined): CsvValue => (v == null ? '' : v ? 'yes' : 'no');
