/**
 * The Trend view's chart, as pure geometry (no DOM): series of values over periods → SVG path
 * data and bars in a fixed box. Tested in trendChart.test.ts; TrendView draws the result.
 */

export interface ChartBox {
  width: number;
  height: number;
  pad: number;
}

/** y of a value in the box, for a scale from min (default 0) to max (an empty scale: the baseline). */
export function yOf(value: number, max: number, box: ChartBox, min = 0): number {
  const inner = box.height - 2 * box.pad;
  const span = max - min;
  return span > 0 ? box.pad + inner - (Math.min(span, Math.max(0, value - min)) / span) * inner : box.pad + inner;
}

/** The smallest known value (0 when none): a line's scale starts there, so its changes show. */
export function minOf(...series: readonly (readonly (number | null)[])[]): number {
  let m = Infinity;
  for (const s of series) for (const v of s) if (v !== null && Number.isFinite(v) && v < m) m = v;
  return m === Infinity ? 0 : m;
}

/** x of the i-th of n points (a single point sits in the middle). */
export function xOf(i: number, n: number, box: ChartBox): number {
  const inner = box.width - 2 * box.pad;
  return n <= 1 ? box.pad + inner / 2 : box.pad + (i / (n - 1)) * inner;
}

/** A line through the known values ("M x y L x y …"); an unknown value breaks the line. */
export function linePath(values: readonly (number | null)[], max: number, box: ChartBox, min = 0): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${xOf(i, values.length, box).toFixed(1)} ${yOf(v, max, box, min).toFixed(1)} `;
    pen = true;
  });
  return d.trim();
}

/** The largest known value (0 when none), for a shared scale. */
export function maxOf(...series: readonly (readonly (number | null)[])[]): number {
  let m = 0;
  for (const s of series) for (const v of s) if (v !== null && Number.isFinite(v) && v > m) m = v;
  return m;
}

/** Bars for new (up from the middle) and lost (down from the middle) per period. */
export function newLostBars(
  added: readonly (number | null)[],
  lost: readonly (number | null)[],
  box: ChartBox,
): { x: number; width: number; up: number; down: number; mid: number }[] {
  const n = Math.max(added.length, lost.length);
  const max = maxOf(added, lost);
  const mid = box.height / 2;
  const half = mid - box.pad;
  const slot = (box.width - 2 * box.pad) / Math.max(1, n);
  return Array.from({ length: n }, (_, i) => {
    const a = added[i] ?? 0;
    const l = lost[i] ?? 0;
    return {
      x: box.pad + i * slot + slot * 0.15,
      width: Math.max(1, slot * 0.7),
      up: max > 0 ? (Math.max(0, a) / max) * half : 0,
      down: max > 0 ? (Math.max(0, l) / max) * half : 0,
      mid,
    };
  });
}

/** One period of the Trend chart, from either the timeseries pair or the monthly history. */
export interface TrendPoint {
  date: string | null;
  referringDomains: number | null;
  backlinks: number | null;
  newReferringDomains: number | null;
  lostReferringDomains: number | null;
}

interface FigurePoint {
  date: string | null;
  referringDomains: number | null;
  backlinks: number | null;
}
interface NewLostPoint {
  date: string | null;
  newReferringDomains: number | null;
  lostReferringDomains: number | null;
}

/**
 * The timeseries pair joined by date (both endpoints group the same range the same way; a period
 * one of them lacks gets null counts rather than a neighbour's).
 */
export function joinTimeseries(figures: readonly FigurePoint[], counts: readonly NewLostPoint[]): TrendPoint[] {
  const byDate = new Map<string, NewLostPoint>();
  for (const c of counts) if (c.date !== null) byDate.set(c.date, c);
  return figures.map((f) => {
    const c = f.date === null ? undefined : byDate.get(f.date);
    return {
      date: f.date,
      referringDomains: f.referringDomains,
      backlinks: f.backlinks,
      newReferringDomains: c?.newReferringDomains ?? null,
      lostReferringDomains: c?.lostReferringDomains ?? null,
    };
  });
}

/** Where each point sits (for the hover targets), the unknown ones left out. */
export function pointSpots(values: readonly (number | null)[], box: ChartBox, min: number, max: number): { i: number; x: number; y: number }[] {
  const out: { i: number; x: number; y: number }[] = [];
  values.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) out.push({ i, x: xOf(i, values.length, box), y: yOf(v, max, box, min) });
  });
  return out;
}

/** The new (or lost) backlinks a list of periods counts; null when a period's count is unknown. */
export function periodTotal(points: readonly { newBacklinks: number | null; lostBacklinks: number | null }[], which: 'new' | 'lost'): number | null {
  let sum = 0;
  for (const p of points) {
    const v = which === 'new' ? p.newBacklinks : p.lostBacklinks;
    if (v === null || !Number.isFinite(v)) return null;
    sum += Math.max(0, v);
  }
  return sum;
}

/**
 * How a period is named: a month as "yyyy-mm" (the API dates it by its last day, which for the
 * current month is in the future), a week or day by its date; '' when unknown.
 */
export function periodLabel(date: string | null, group: string): string {
  if (date === null) return '';
  return group === 'month' ? date.slice(0, 7) : date;
}
