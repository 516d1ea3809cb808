import type { BulkFigures, BulkMetric, BulkQuote, BulkRunResult } from '@/lib/bulk';
import { MAX_BULK_CALL_TARGETS, MAX_BULK_TARGETS } from '@/lib/bulk';
import { t } from '@/lib/i18n';

/**
 * The "list of sites" page's logic, without the view (zod-free; unit tested beside it): reading a
 * pasted or imported list into texts, the batches a confirmed quote is run in, merging the batches'
 * answers, and sorting, filtering and exporting the results table.
 */

/** Longest text sent per entry: one more than an address may be, so a longer one is refused as too long. */
export const MAX_TEXT = 2049;

/** Header names an imported CSV may use for the column of sites. */
const SITE_COLUMNS = ['site', 'sites', 'domain', 'domains', 'url', 'urls', 'target', 'targets', 'website', 'websites', 'address', 'page', 'host'];

/** Pasted text or a .txt file: one site per line (commas, semicolons, tabs and spaces also separate). */
export function textsFromPlain(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => t.slice(0, MAX_TEXT));
}

/**
 * The rows of a CSV file (already split by papaparse): the column headed like a site column
 * (site, domain, url, …) if there is one, else the first column; empty cells are skipped.
 */
export function textsFromRows(rows: readonly (readonly unknown[])[]): string[] {
  if (rows.length === 0) return [];
  const header = rows[0]!.map((c) => (typeof c === 'string' ? c.trim().toLowerCase() : ''));
  const named = header.findIndex((h) => SITE_COLUMNS.includes(h));
  const col = Math.max(named, 0);
  const body = named >= 0 ? rows.slice(1) : rows;
  const out: string[] = [];
  for (const row of body) {
    const cell = row[col];
    if (typeof cell !== 'string') continue;
    const t = cell.trim();
    if (t !== '') out.push(t.slice(0, MAX_TEXT));
  }
  return out;
}

/** The sentence for a list too long to quote, or null. */
export function tooManyMessage(count: number): string | null {
  if (count <= MAX_BULK_TARGETS) return null;
  return t('bulkTooMany', count.toLocaleString('en-US'), MAX_BULK_TARGETS.toLocaleString('en-US'));
}

/**
 * The runs a confirmed quote is made of: the targets with something to buy, ≤ 1,000 a run (so each
 * run is one call per metric at most, exactly as quoted), then the fully cached rest in one run
 * that costs nothing. One run per batch lets the page show progress between them.
 */
export function batchesOf(quote: Pick<BulkQuote, 'targets' | 'buying'>): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < quote.buying.length; i += MAX_BULK_CALL_TARGETS) out.push(quote.buying.slice(i, i + MAX_BULK_CALL_TARGETS));
  const buying = new Set(quote.buying);
  const rest = quote.targets.filter((t) => !buying.has(t));
  if (rest.length) out.push(rest);
  return out;
}

/** What the confirmed price leaves for the next batch: the confirmed one minus what earlier batches took. */
export function remainingPrice(confirmed: number, done: readonly Pick<BulkRunResult, 'spentUsd' | 'estimatedUsd'>[]): number {
  const used = done.reduce((sum, r) => sum + Math.max(r.spentUsd, r.estimatedUsd), 0);
  return Math.max(0, Math.round((confirmed - used) * 1e6) / 1e6);
}

/** The table's columns, in order, for the metrics asked: `title` is shown (translated), `header` heads the CSV column (a file format: English). */
export interface Column {
  key: keyof BulkFigures;
  title: string;
  header: string;
  numeric: boolean;
}

const METRIC_COLUMNS: { [M in BulkMetric]: () => Column[] } = {
  rank: () => [{ key: 'rank', title: t('bulkMetricRank'), header: 'Rank', numeric: true }],
  referringDomains: () => [
    { key: 'referringDomains', title: t('bulkMetricRefDomains'), header: 'Referring domains', numeric: true },
    { key: 'referringDomainsNofollow', title: t('bulkColNofollow'), header: 'Nofollow domains', numeric: true },
  ],
  backlinks: () => [{ key: 'backlinks', title: t('bulkMetricBacklinks'), header: 'Backlinks', numeric: true }],
  spamScore: () => [{ key: 'spamScore', title: t('bulkMetricSpam'), header: 'Spam score', numeric: true }],
};

export function columnsFor(metrics: readonly BulkMetric[]): Column[] {
  return [
    { key: 'target', title: t('bulkColSite'), header: 'Site', numeric: false },
    ...(['rank', 'referringDomains', 'backlinks', 'spamScore'] as const).filter((m) => metrics.includes(m)).flatMap((m) => METRIC_COLUMNS[m]()),
    { key: 'fetchedAt', title: t('bulkColFetched'), header: 'Fetched', numeric: false },
  ];
}

export interface View {
  sort: keyof BulkFigures;
  dir: 'asc' | 'desc';
  filter: string;
}

/** The rows shown: filtered by the text (part of the site), sorted (missing figures last). */
export function viewRows(rows: readonly BulkFigures[], view: View): BulkFigures[] {
  const needle = view.filter.trim().toLowerCase();
  const kept = needle ? rows.filter((r) => r.target.toLowerCase().includes(needle)) : [...rows];
  const sign = view.dir === 'asc' ? 1 : -1;
  const key = view.sort;
  return kept
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      const x = a.row[key];
      const y = b.row[key];
      if (x === null && y === null) return a.i - b.i;
      if (x === null) return 1;
      if (y === null) return -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return c !== 0 ? sign * c : a.i - b.i;
    })
    .map((x) => x.row);
}

/** One table cell as shown (and exported): a number as digits, a missing figure as empty. */
export function cellText(row: BulkFigures, col: Column): string {
  const v = row[col.key];
  if (v === null || v === undefined) return '';
  if (col.key === 'fetchedAt') return String(v).slice(0, 16).replace('T', ' ');
  return String(v);
}

/** The header and rows of the CSV of what the table shows (same rows, order and cells). */
export function tableCells(rows: readonly BulkFigures[], columns: readonly Column[]): { header: string[]; cells: string[][] } {
  return { header: columns.map((c) => c.header), cells: rows.map((r) => columns.map((c) => cellText(r, c))) };
}

/** The figures of every batch in the quote's order (a later answer for a target replaces an earlier one). */
export function mergeFigures(order: readonly string[], answers: readonly BulkFigures[][]): BulkFigures[] {
  const byTarget = new Map<string, BulkFigures>();
  for (const list of answers) for (const f of list) byTarget.set(f.target, f);
  const out: BulkFigures[] = [];
  for (const t of order) {
    const f = byTarget.get(t);
    if (f) out.push(f);
  }
  return out;
}
