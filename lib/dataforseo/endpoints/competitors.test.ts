import { describe, expect, it } from 'vitest';
import { competitors, validateCompetitors } from '@/tests/sandbox/research';
import { ENDPOINTS } from '@/lib/dataforseo/endpoints';
import { CSV_COLUMNS } from '@/lib/dataforseo/endpoints.csv';
import type { Task } from '@/lib/dataforseo/envelope.schema';
import { row } from './competitors';
import { buildCompetitorsBody, schema, type CompetitorsParams } from './competitors.schema';

const SEED = 'backlink-lens';
const params = (patch: Partial<CompetitorsParams> = {}): CompetitorsParams => ({ ...structuredClone(row.example), ...patch });

describe('competitors: request', () => {
  it('sends the documented fields only, most shared domains first', () => {
    expect(buildCompetitorsBody(params())).toEqual({
      ok: true,
      value: [
        {
          target: 'example.com',
          main_domain: true,
          exclude_large_domains: true,
          exclude_internal_backlinks: true,
          rank_scale: 'one_hundred',
          limit: 100,
          offset: 0,
          order_by: ['intersections,desc', 'target,asc'],
        },
      ],
    });
    const byRank = buildCompetitorsBody(params({ sort: 'rank' }));
    expect(byRank.ok && byRank.value[0].order_by[0]).toBe('rank,desc');
  });

  it.each([
    ['a limit of 0', params({ limit: 0 }), /between 1 and 1000/],
    ['an offset past 20,000', params({ offset: 20_001 }), /between 0 and 20000/],
    ['a www. domain', params({ target: { scope: 'domain', value: 'www.example.com', display: 'x' } }), /www/],
    ['an unknown sort', params({ sort: 'name' as never }), /Unknown sort/],
  ])('refuses %s', (_n, p, message) => {
    const out = buildCompetitorsBody(p);
    expect(!out.ok && out.error.message).toMatch(message);
  });
});

describe('competitors: the sandbox answer', () => {
  it('accepts the body; items map to domain, rank and shared domains, most shared first', () => {
    const body = buildCompetitorsBody(params());
    if (!body.ok) throw new Error(body.error.message);
    const answer = competitors(SEED, validateCompetitors(body.value[0] as never));
    const data = schema.toData({ status_code: 20000, result: [answer.result] } as Task, params());
    if (!data.ok) throw new Error('not ok');
    const items = data.value.data.items;
    expect(items.length).toBe(answer.rows);
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]!.domain).not.toBe('example.com');
    const shared = items.map((c) => c.intersections ?? 0);
    expect([...shared].sort((a, b) => b - a)).toEqual(shared);
    expect(schema.model.safeParse(data.value.data).success).toBe(true);
  }, 120_000); // the sandbox generates ten competitors' data sets on first use

  it('drifting fields map to null; junk items are dropped', () => {
    const data = schema.toData({ status_code: 20000, result: [{ total_count: '2', items: [{ target: 'a.example', rank: '5', intersections: 'many' }, 7] }] } as Task, params());
    expect(data.ok && data.value.data).toEqual({ totalCount: 2, items: [{ domain: 'a.example', rank: 5, intersections: null }] });
  });

  it('is priced per row; CSV has one cell per column', () => {
    expect(ENDPOINTS.competitors.price(ENDPOINTS.competitors.expectedRows(params({ limit: 10 })))).toBe(0.0203);
    expect(CSV_COLUMNS.competitors.row({ domain: 'a', rank: 1, intersections: 2 })).toHaveLength(CSV_COLUMNS.competitors.columns.length);
  });
});
