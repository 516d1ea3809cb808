import { describe, expect, it } from 'vitest';
import { sparkline } from './sparkline';

describe('popup sparkline', () => {
  it('draws from the lowest value at the bottom to the highest at the top, ending on the last value', () => {
    const s = sparkline([10, 20, 15], 42, 12);
    expect(s.d).toBe('M1.0 11.0 L21.0 1.0 L41.0 6.0');
    expect(s.last).toEqual({ x: 41, y: 6, value: 15 });
  });

  it('breaks at an unknown value and keeps the last known one as the end', () => {
    const s = sparkline([1, null, 3, null], 42, 12);
    expect(s.d).toBe('M1.0 11.0 M27.7 1.0');
    expect(s.last?.value).toBe(3);
  });

  it('a flat series sits in the middle; no values, no line', () => {
    expect(sparkline([5, 5], 42, 12).d).toBe('M1.0 6.0 L41.0 6.0');
    expect(sparkline([5], 42, 12).d).toBe('M21.0 6.0');
    expect(sparkline([null, Number.NaN], 42, 12)).toEqual({ d: '', last: null });
  });
});

describe('the trend in checks', () => {
  it('adds the price of a year by month to the estimate only when on (13 rows, as the endpoint row expects)', async () => {
    const { trendEstimate } = await import('@/lib/lookup/checkTab');
    const { estimateCost } = await import('./dataforseo/cost');
    const { defaultRange, periodCount } = await import('./trendRange');
    const { YEAR_MONTHS } = await import('@/lib/lookup/checkTab');
    const months = (now: number) => periodCount(defaultRange(now).dateFrom, defaultRange(now).dateTo, 'month');
    expect(months(Date.UTC(2026, 0, 1))).toBe(YEAR_MONTHS);
    expect(months(Date.UTC(2026, 4, 31))).toBe(YEAR_MONTHS);
    // 29 February: a year back rolls to 1 March, 12 months; the estimate stays an upper bound.
    expect(months(Date.UTC(2024, 1, 29))).toBeLessThan(YEAR_MONTHS);
    expect(trendEstimate({ includeTrendInChecks: false })).toBe(0);
    expect(trendEstimate({ includeTrendInChecks: true })).toBe(estimateCost('timeseriesSummary', 13));
    expect(trendEstimate({ includeTrendInChecks: true })).toBeGreaterThan(0);
  });
});
