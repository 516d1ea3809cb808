import { describe, expect, it } from 'vitest';
import { HISTORY_MIN_DATE, periodCount, periodStart, rangeProblem, TIMESERIES_MIN_DATE, trendPlan } from './trendRange';

const NOW = Date.UTC(2026, 4, 31, 15, 0); // 2026-05-31

describe('trend ranges', () => {
  it('3 months, 1 year and 2 years end today on the timeseries endpoints with the chosen grouping', () => {
    expect(trendPlan('3m', 'week', 'domain', NOW)).toEqual({ source: 'timeseries', dateFrom: '2026-02-28', dateTo: '2026-05-31', group: 'week' });
    expect(trendPlan('1y', 'month', 'host', NOW)).toEqual({ source: 'timeseries', dateFrom: '2025-05-31', dateTo: '2026-05-31', group: 'month' });
    expect(trendPlan('2y', 'month', 'page', NOW)).toEqual({ source: 'timeseries', dateFrom: '2024-05-31', dateTo: '2026-05-31', group: 'month' });
    const leap = Date.UTC(2024, 4, 31);
    expect(trendPlan('3m', 'month', 'domain', leap)).toMatchObject({ dateFrom: '2024-02-29' });
  });

  it('every timeseries range is one the API takes (no refused call)', () => {
    for (const span of ['3m', '1y', '2y'] as const) {
      const p = trendPlan(span, 'month', 'domain', NOW);
      if (p.source !== 'timeseries') throw new Error(span);
      expect(rangeProblem(p.dateFrom, p.dateTo, NOW, TIMESERIES_MIN_DATE)).toBeNull();
    }
  });

  it('"all" asks the monthly history from its first day for a domain, and nothing for a subdomain or page', () => {
    const all = trendPlan('all', 'week', 'domain', NOW);
    expect(all).toEqual({ source: 'history', dateFrom: HISTORY_MIN_DATE, dateTo: '2026-05-31', group: 'month' });
    // 2019-01-01 is before the timeseries endpoints' first day: that is why the history answers "all".
    expect(rangeProblem(HISTORY_MIN_DATE, '2026-05-31', NOW, TIMESERIES_MIN_DATE)).toMatch(/2019-01-30/);
    expect(periodCount(HISTORY_MIN_DATE, '2026-05-31', 'month')).toBe(89);
    for (const scope of ['host', 'page']) {
      const p = trendPlan('all', 'month', scope, NOW);
      expect(p.source).toBe('unavailable');
      if (p.source === 'unavailable') expect(p.reason).toMatch(/whole domains only/);
    }
  });

  it('New & lost periods start 30 days, 90 days or a year back, today included', () => {
    expect(periodStart('30d', NOW)).toBe('2026-05-02');
    expect(periodStart('90d', NOW)).toBe('2026-03-03');
    expect(periodStart('1y', NOW)).toBe('2025-05-31');
    expect(periodCount(periodStart('30d', NOW), '2026-05-31', 'day')).toBe(30);
    expect(periodCount(periodStart('90d', NOW), '2026-05-31', 'day')).toBe(90);
  });
});
