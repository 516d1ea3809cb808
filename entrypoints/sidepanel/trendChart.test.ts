import { describe, expect, it } from 'vitest';
import { linePath, maxOf, minOf, newLostBars, xOf, yOf } from './trendChart';

const box = { width: 100, height: 50, pad: 5 };

describe('trend chart geometry', () => {
  it('places values on a 0…max scale inside the padding', () => {
    expect(yOf(0, 10, box)).toBe(45);
    expect(yOf(10, 10, box)).toBe(5);
    expect(yOf(5, 0, box)).toBe(45);
    expect(xOf(0, 3, box)).toBe(5);
    expect(xOf(2, 3, box)).toBe(95);
    expect(xOf(0, 1, box)).toBe(50);
  });

  it('draws a line through known values and breaks it at an unknown one', () => {
    expect(linePath([0, 10, null, 5], 10, box)).toBe('M5.0 45.0 L35.0 5.0 M95.0 25.0');
    expect(linePath([], 10, box)).toBe('');
    // From min to max: the lowest point at the bottom, the highest at the top.
    expect(minOf([null, 4, 2], [3])).toBe(2);
    expect(minOf([null])).toBe(0);
    expect(linePath([100, 110], 110, box, 100)).toBe('M5.0 45.0 L95.0 5.0');
  });

  it('scales new and lost bars to the larger of the two', () => {
    expect(maxOf([1, null, 7], [3])).toBe(7);
    const bars = newLostBars([10, 0], [5, null], box);
    expect(bars).toHaveLength(2);
    expect(bars[0]).toMatchObject({ up: 20, down: 10, mid: 25 });
    expect(bars[1]).toMatchObject({ up: 0, down: 0 });
  });
});

describe('trend points', () => {
  it('joins the counts to the figures by date; a period without counts gets nulls, not a neighbour', async () => {
    const { joinTimeseries } = await import('./trendChart');
    const joined = joinTimeseries(
      [
        { date: '2026-01-31', referringDomains: 10, backlinks: 100 },
        { date: '2026-02-28', referringDomains: 12, backlinks: 110 },
        { date: null, referringDomains: 13, backlinks: 111 },
      ],
      [{ date: '2026-02-28', newReferringDomains: 3, lostReferringDomains: 1 }],
    );
    expect(joined).toEqual([
      { date: '2026-01-31', referringDomains: 10, backlinks: 100, newReferringDomains: null, lostReferringDomains: null },
      { date: '2026-02-28', referringDomains: 12, backlinks: 110, newReferringDomains: 3, lostReferringDomains: 1 },
      { date: null, referringDomains: 13, backlinks: 111, newReferringDomains: null, lostReferringDomains: null },
    ]);
  });

  it('puts a hover point on every known value, at the line’s coordinates', async () => {
    const { pointSpots } = await import('./trendChart');
    expect(pointSpots([0, null, 10], box, 0, 10)).toEqual([
      { i: 0, x: 5, y: 45 },
      { i: 2, x: 95, y: 5 },
    ]);
  });
});

describe('period totals', () => {
  it('sums the chosen kind; an unknown count makes the total unknown (not zero)', async () => {
    const { periodTotal } = await import('./trendChart');
    const pts = [
      { newBacklinks: 3, lostBacklinks: 0 },
      { newBacklinks: 2, lostBacklinks: 0 },
    ];
    expect(periodTotal(pts, 'new')).toBe(5);
    expect(periodTotal(pts, 'lost')).toBe(0);
    expect(periodTotal([{ newBacklinks: null, lostBacklinks: 0 }], 'new')).toBeNull();
    expect(periodTotal([], 'new')).toBe(0);
  });
});

describe('period labels', () => {
  it('names a month by its month, a week by its last day', async () => {
    const { periodLabel } = await import('./trendChart');
    expect(periodLabel('2026-12-31', 'month')).toBe('2026-12');
    expect(periodLabel('2026-12-06', 'week')).toBe('2026-12-06');
    expect(periodLabel(null, 'month')).toBe('');
  });
});
