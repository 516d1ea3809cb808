import { unparse } from 'papaparse';
import type { Anchor, Backlink } from './model';
import type { CsvEndpoint } from './dataforseo/endpoints';
import { ANCHOR_COLUMNS, BACKLINK_COLUMNS, CSV_COLUMNS, anchorRow, backlinkRow, type CsvItem } from './dataforseo/endpoints.csv';
import type { LookupTarget } from './params.schema';

/**
 * CSV export of what the side panel has loaded. Every cell is API text and therefore untrusted:
 * a cell that a spreadsheet would read as a formula is neutralized by a leading single quote.
 * This module pulls in papaparse, so pages load it on demand (`await import('…/lib/csv')`).
 */

/** Characters that make Excel, LibreOffice or Google Sheets start a formula (or DDE) at the start of a cell. */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * Same trigger after leading whitespace, format or bidi characters, which some spreadsheets skip (or
 * do not show) before reading the cell: C0 spaces, NBSP, the U+2000 spaces, zero-width and line/paragraph
 * separators, narrow/medium spaces, ideographic space, BOM, word joiner, Mongolian vowel separator,
 * soft hyphen and every bidi mark or control.
 */
const FORMULA_AFTER_SPACE =
  /^[\u0009-\u000D\u0020\u00A0\u00AD\u061C\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u2064\u2066-\u2069\u3000\uFEFF]+[=+\-@\t\r]/;

export type Cell = string | number | boolean | null | undefined;

/** One cell as text, neutralized against formula injection. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return FORMULA_START.test(text) || FORMULA_AFTER_SPACE.test(text) ? `'${text}` : text;
}

/** UTF-8 byte order mark, so spreadsheets read the file as UTF-8. */
export const BOM = '\uFEFF';

/**
 * A CSV document: BOM, header row, then one row per record, each line ended by CRLF, every cell neutralized.
 * Quotes, commas and line breaks inside cells are quoted by papaparse.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const body = unparse(
    {
      fields: header.map(csvCell),
      data: rows.map((row) => header.map((_, i) => csvCell(row[i]))),
    },
    { newline: '\r\n', quotes: false, header: true },
  );
  // papaparse ends a header-only document with a line break and a fuller one without: always end with one.
  return BOM + body.replace(/(\r\n)?$/, '\r\n');
}

/** Column definitions live beside the endpoint table (lib/dataforseo/endpoints.csv.ts). */
export { ANCHOR_COLUMNS, BACKLINK_COLUMNS, anchorRow, backlinkRow };

/** A CSV document of one endpoint's items, with that endpoint row's columns. */
export function endpointCsv<E extends CsvEndpoint>(endpoint: E, items: readonly CsvItem<E>[]): string {
  const csv = CSV_COLUMNS[endpoint];
  return toCsv(csv.columns, items.map(csv.row));
}

export function backlinksCsv(items: readonly Backlink[]): string {
  return endpointCsv('backlinks', items);
}

export function anchorsCsv(items: readonly Anchor[]): string {
  return endpointCsv('anchors', items);
}

/** The target as a safe file-name part: scheme dropped, anything but letters, digits, `.`, `_`, `-` becomes `-`. */
export function fileNamePart(target: Pick<LookupTarget, 'value'>): string {
  const cleaned = target.value
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[^a-z0-9._-]+/gi, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  const short = cleaned.slice(0, 100).replace(/[-.]+$/, '');
  return short || 'target';
}

/** Local calendar date as YYYY-MM-DD. */
export function isoDay(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/** `backlinks-<target>-<YYYY-MM-DD>.csv` (or `anchors-…`). */
export function csvFileName(kind: CsvEndpoint, target: Pick<LookupTarget, 'value'>, date: Date = new Date()): string {
  return `${kind}-${fileNamePart(target)}-${isoDay(date)}.csv`;
}

/** Hand the text to the browser as a download (Blob URL + a clicked `<a download>`). */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start reading the Blob before it goes.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
