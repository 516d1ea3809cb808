import { CSV_ENDPOINTS, ENDPOINTS, type CsvColumns, type CsvEndpoint, type CsvItem } from './endpoints';

/**
 * The CSV columns of each endpoint with a CSV export, from its row (./endpoints/<name>.ts), zod-free.
 * Only the CSV export, which pages load on demand, imports this.
 */

export type { CsvColumns, CsvItem, CsvValue } from './endpoints';
export { ANCHOR_COLUMNS, anchorRow } from './endpoints/anchors';
export { BACKLINK_COLUMNS, backlinkRow } from './endpoints/backlinks';

export const CSV_COLUMNS = Object.fromEntries(CSV_ENDPOINTS.map((e) => [e, ENDPOINTS[e].csv])) as {
  [E in CsvEndpoint]: CsvColumns<CsvItem<E>>;
};
