/**
 * The popup's sparkline as pure geometry (no DOM, no zod): a year of referring domains → the SVG
 * path of a line from its lowest to its highest value, and where its last point sits. Our own,
 * not a chart library: the popup has a gzip budget and this is a few hundred bytes.
 */

/** A line through the known values in a w × h box (1 px inset); an unknown value breaks it. */
export function sparkline(values: readonly (number | null)[], w: number, h: number): { d: string; last: { x: number; y: number; value: number } | null } {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return { d: '', last: null };
  const min = Math.min(...known);
  const span = Math.max(...known) - min;
  const n = values.length;
  let d = '';
  let pen = false;
  let last: { x: number; y: number; value: number } | null = null;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    const x = n <= 1 ? w / 2 : 1 + (i / (n - 1)) * (w - 2);
    // A flat series sits in the middle.
    const y = span > 0 ? 1 + (1 - (v - min) / span) * (h - 2) : h / 2;
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)} `;
    pen = true;
    last = { x, y, value: v };
  });
  return { d: d.trim(), last };
}
