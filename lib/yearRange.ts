/**
 * The one-year range up to today (UTC days "yyyy-mm-dd"), on its own so the popup's sparkline
 * takes these few lines and not the whole of trendRange.ts (re-exported there).
 */

/** "yyyy-mm-dd" of a time (UTC). */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The default range: one year up to today. */
export function defaultRange(now: number): { dateFrom: string; dateTo: string } {
  const d = new Date(now);
  const from = Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate());
  return { dateFrom: isoDay(from), dateTo: isoDay(now) };
}
