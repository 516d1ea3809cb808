import { describe, expect, it } from 'vitest';
import { trend, validateTrend } from '@/tests/sandbox/trends';
import { summaryOf } from '@/tests/sandbox/bulk';
import { isoDay } from '@/lib/trendRange';
import { ENDPOINTS } from '@/lib/dataforseo/endpoints';
import type { Task } from '@/lib/dataforseo/envelope.schema';
import { row } from './timeseriesSummary';
import { buildTimeseriesSummaryBody, schema, type TimeseriesSummaryParams } from './timeseriesSummary.schema';

const SEED = 'backlink-lens';
const NOW = Date.UTC(2026, 11, 2, 18, 0);
const params = (patch: Partial<TimeseriesSummaryParams> = {}): TimeseriesSummaryParams => ({ ...structuredClone(row.example), ...patch });
const built = (p: TimeseriesSummaryParams) => buildTimeseriesSummaryBody(p, NOW);

describe('timeseries_summary: request', () => {
  it('sends target, dates, group_range, include_subdomains and rank_scale, and nothing else', () => {
    expect(built(params({ group: 'week' }))).toEqual({
      ok: true,
      value: [{ target: 'example.com', date_from: '2024-01-01', date_to: '2024-12-31', group_range: 'week', include_subdomains: true, rank_scale: 'one_hundred' }],
    });
    const host = built(params({ target: { scope: 'host', value: 'blog.example.com', display: 'blog.example.com' } }));
    expect(host.ok && host.value[0].include_subdomains).toBe(false);
  });

  it.each([
    ['a page', params({ target: { scope: 'page', value: 'https://example.com/a', display: 'x' } }), /whole domains and subdomains only/],
    ['a range ending after today', params({ dateTo: '2026-12-03' }), /ends after today \(2026-12-02\)/],
    ['a range in the future', params({ dateFrom: '2027-01-01', dateTo: '2027-02-01' }), /starts after today/],
    ['a start after the end', params({ dateFrom: '2024-06-01', dateTo: '2024-05-01' }), /start date is after the end date/],
    ['a start before 2019-01-30', params({ dateFrom: '2019-01-29' }), /from 2019-01-30 on/],
    ['an impossible date', params({ dateFrom: '2024-02-30' }), /not a date/],
  ])('refuses %s with a sentence, at no cost', (_n, p, message) => {
    const out = built(p);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error.kind).toBe('invalid-request');
      expect(out.error.message).toMatch(message);
    }
  });

  it('estimates one row per period', () => {
    expect(ENDPOINTS.timeseriesSummary.expectedRows(params())).toBe(12);
    expect(ENDPOINTS.timeseriesSummary.expectedRows(params({ group: 'day' }))).toBe(366);
    expect(ENDPOINTS.timeseriesSummary.price(12)).toBe(0.02036);
  });
});

describe('timeseries_summary: the sandbox answer', () => {
  it('one point per month; the latest point of a range ending today equals the summary', () => {
    const p = params({ dateFrom: '2025-12-02', dateTo: isoDay(NOW) });
    const out = built(p);
    if (!out.ok) throw new Error(out.error.message);
    const t = out.value[0] as unknown as Record<string, unknown>;
    const answer = trend(SEED, 'timeseries_summary', validateTrend('timeseries_summary', t, NOW), NOW);
    const data = schema.toData({ status_code: 20000, result: [answer.result] } as Task, p);
    if (!data.ok) throw new Error(data.error.message);
    const points = data.value.data.points;
    expect(points).toHaveLength(13);
    expect(data.value.rows).toBe(answer.rows);
    expect(points[0]!.date).toBe('2025-12-31');
    const last = points.at(-1)!;
    const summary = summaryOf(SEED, 'example.com');
    expect(last.backlinks).toBe(summary.backlinks);
    expect(last.referringDomains).toBe(summary.referring_domains);
    expect(schema.model.safeParse(data.value.data).success).toBe(true);
  });

  it('drifting fields: strings for numbers, nulls, junk items, an unreadable date', () => {
    const data = schema.toData(
      { status_code: 20000, result: [{ group_range: 'month', items: [{ date: '2024-01-31 00:00:00 +00:00', backlinks: '12', referring_domains: null }, null, { date: 'soon', rank: {} }] }] } as Task,
      params(),
    );
    if (!data.ok) throw new Error('not ok');
    expect(data.value.data.points).toEqual([
      expect.objectContaining({ date: '2024-01-31', backlinks: 12, referringDomains: null }),
      expect.objectContaining({ date: null, rank: null }),
    ]);
    expect(schema.toData({ status_code: 20000, result: [] } as Task, params())).toEqual({ ok: true, value: { data: { group: null, points: [] }, rows: 0 } });
  });
});
