import { describe, expect, it } from 'vitest';
import { trend, validateTrend } from '@/tests/sandbox/trends';
import { summaryOf } from '@/tests/sandbox/bulk';
import { isoDay } from '@/lib/trendRange';
import { ENDPOINTS } from '@/lib/dataforseo/endpoints';
import type { Task } from '@/lib/dataforseo/envelope.schema';
import { row } from './backlinkHistory';
import { buildHistoryBody, schema, type HistoryParams } from './backlinkHistory.schema';

const SEED = 'backlink-lens';
const NOW = Date.UTC(2026, 11, 2, 18, 0);
const params = (patch: Partial<HistoryParams> = {}): HistoryParams => ({ ...structuredClone(row.example), ...patch });

describe('history: request', () => {
  it('sends target, dates and rank_scale', () => {
    expect(buildHistoryBody(params(), NOW)).toEqual({
      ok: true,
      value: [{ target: 'example.com', date_from: '2024-01-01', date_to: '2024-12-31', rank_scale: 'one_hundred' }],
    });
  });

  it.each([
    ['a page', params({ target: { scope: 'page', value: 'https://example.com/a', display: 'x' } }), /whole domains only/],
    ['a subdomain', params({ target: { scope: 'host', value: 'blog.example.com', display: 'x' } }), /whole domains only/],
    ['a start before 2019-01-01', params({ dateFrom: '2018-12-31' }), /from 2019-01-01 on/],
    ['a range in the future', params({ dateFrom: '2027-01-01', dateTo: '2027-03-01' }), /starts after today/],
  ])('refuses %s with a sentence, at no cost', (_n, p, message) => {
    const out = buildHistoryBody(p, NOW);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.message).toMatch(message);
  });

  it('estimates one row per month', () => {
    expect(ENDPOINTS.backlinkHistory.expectedRows(params())).toBe(12);
  });
});

describe('history: the sandbox answer', () => {
  it('monthly points; the point dated today equals the summary', () => {
    const p = params({ dateFrom: '2026-01-01', dateTo: isoDay(NOW) });
    const body = buildHistoryBody(p, NOW);
    if (!body.ok) throw new Error(body.error.message);
    const answer = trend(SEED, 'history', validateTrend('history', body.value[0] as never, NOW), NOW);
    const data = schema.toData({ status_code: 20000, result: [answer.result] } as Task, p);
    if (!data.ok) throw new Error('not ok');
    const points = data.value.data.points;
    expect(points).toHaveLength(12);
    expect(points[0]!.date).toBe('2026-01-31');
    expect(points.at(-1)!.date).toBe('2026-12-02');
    expect(points.at(-1)!.referringDomains).toBe(summaryOf(SEED, 'example.com').referring_domains);
    expect(schema.model.safeParse(data.value.data).success).toBe(true);
  });

  it('drifting fields map to null; no result is an empty history', () => {
    const data = schema.toData({ status_code: 20000, result: [{ items: [{ date: null, backlinks: '7', new_backlinks: [] }] }] } as Task, params());
    expect(data.ok && data.value.data.points[0]).toMatchObject({ date: null, backlinks: 7, newBacklinks: null });
    expect(schema.toData({ status_code: 20000, result: null } as Task, params())).toEqual({ ok: true, value: { data: { points: [] }, rows: 0 } });
  });
});
