import { describe, expect, it } from 'vitest';
import { trend, validateTrend } from '@/tests/sandbox/trends';
import { isoDay } from '@/lib/trendRange';
import { ENDPOINTS } from '@/lib/dataforseo/endpoints';
import type { Task } from '@/lib/dataforseo/envelope.schema';
import { row } from './timeseriesNewLost';
import { buildTimeseriesNewLostBody, schema, type TimeseriesNewLostParams } from './timeseriesNewLost.schema';
import { buildTimeseriesSummaryBody } from './timeseriesSummary.schema';

const SEED = 'backlink-lens';
const NOW = Date.UTC(2026, 11, 2, 18, 0);
const params = (patch: Partial<TimeseriesNewLostParams> = {}): TimeseriesNewLostParams => ({ ...structuredClone(row.example), ...patch });

describe('timeseries_new_lost_summary: request', () => {
  it('sends no rank_scale (the endpoint has none)', () => {
    expect(buildTimeseriesNewLostBody(params(), NOW)).toEqual({
      ok: true,
      value: [{ target: 'example.com', date_from: '2024-01-01', date_to: '2024-12-31', group_range: 'month', include_subdomains: true }],
    });
  });

  it.each([
    ['a page', params({ target: { scope: 'page', value: 'https://example.com/', display: 'x' } }), /not for a single page/],
    ['a future end', params({ dateTo: '2030-01-01' }), /ends after today/],
    ['a start before 2019-01-30', params({ dateFrom: '2018-12-31' }), /2019-01-30/],
  ])('refuses %s', (_n, p, message) => {
    const out = buildTimeseriesNewLostBody(p, NOW);
    expect(!out.ok && out.error.message).toMatch(message);
  });

  it('estimates one row per full week', () => {
    // 2024-01-01 is a Monday; 2024-12-31 a Tuesday: 53 weeks touched.
    expect(ENDPOINTS.timeseriesNewLost.expectedRows(params({ group: 'week' }))).toBe(53);
  });
});

describe('timeseries_new_lost_summary: the sandbox answer', () => {
  it('new − lost per period equals the change of the summary series', () => {
    const p = params({ dateFrom: '2026-06-01', dateTo: isoDay(NOW) });
    const body = buildTimeseriesNewLostBody(p, NOW);
    const sum = buildTimeseriesSummaryBody({ ...p, rankScale: 'one_hundred' }, NOW);
    if (!body.ok || !sum.ok) throw new Error('refused');
    const nl = trend(SEED, 'timeseries_new_lost_summary', validateTrend('timeseries_new_lost_summary', body.value[0] as never, NOW), NOW);
    const ts = trend(SEED, 'timeseries_summary', validateTrend('timeseries_summary', sum.value[0] as never, NOW), NOW);
    const data = schema.toData({ status_code: 20000, result: [nl.result] } as Task, p);
    if (!data.ok) throw new Error('not ok');
    const points = data.value.data.points;
    const figures = (ts.result.items as { backlinks: number }[]).map((x) => x.backlinks);
    expect(points).toHaveLength(figures.length);
    for (let i = 1; i < points.length; i++) expect(points[i]!.newBacklinks! - points[i]!.lostBacklinks!).toBe(figures[i]! - figures[i - 1]!);
    expect(schema.model.safeParse(data.value.data).success).toBe(true);
  });

  it('drifting fields map to null', () => {
    const data = schema.toData({ status_code: 20000, result: [{ items: [{ date: '2024-01-07 00:00:00 +00:00', new_backlinks: '3', lost_backlinks: 'x' }] }] } as Task, params());
    expect(data.ok && data.value.data.points[0]).toMatchObject({ date: '2024-01-07', newBacklinks: 3, lostBacklinks: null, newReferringDomains: null });
  });
});
