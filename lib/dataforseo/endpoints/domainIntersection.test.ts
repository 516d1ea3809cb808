import { describe, expect, it } from 'vitest';
import { competitors, domainIntersection, validateCompetitors, validateIntersection } from '@/tests/sandbox/research';
import type { LookupTarget } from '@/lib/params.schema';
import { CSV_COLUMNS } from '@/lib/dataforseo/endpoints.csv';
import type { Task } from '@/lib/dataforseo/envelope.schema';
import { row } from './domainIntersection';
import { buildDomainIntersectionBody, schema, type DomainIntersectionParams } from './domainIntersection.schema';
import { buildCompetitorsBody } from './competitors.schema';
import { row as competitorsRow } from './competitors';

const SEED = 'backlink-lens';
const site = (value: string): LookupTarget => ({ scope: 'domain', value, display: value });
const params = (patch: Partial<DomainIntersectionParams> = {}): DomainIntersectionParams => ({ ...structuredClone(row.example), ...patch });

function answer(p: DomainIntersectionParams) {
  const body = buildDomainIntersectionBody(p);
  if (!body.ok) throw new Error(body.error.message);
  const result = domainIntersection(SEED, validateIntersection(body.value[0] as never)).result;
  const data = schema.toData({ status_code: 20000, result: [result] } as Task, p);
  if (!data.ok) throw new Error('not ok');
  return data.value.data;
}

describe('domain_intersection: request', () => {
  it('numbers the targets, lists the excluded ones, most intersections first', () => {
    const out = buildDomainIntersectionBody(params({ moreTargets: [site('b.example'), site('c.example')], excludeTargets: [site('mine.example')], mode: 'partial' }));
    expect(out).toEqual({
      ok: true,
      value: [
        {
          targets: { '1': 'example.com', '2': 'b.example', '3': 'c.example' },
          exclude_targets: ['mine.example'],
          intersection_mode: 'partial',
          include_subdomains: true,
          include_indirect_links: true,
          exclude_internal_backlinks: true,
          backlinks_status_type: 'live',
          rank_scale: 'one_hundred',
          limit: 100,
          offset: 0,
          order_by: ['intersections_count,desc'],
        },
      ],
    });
  });

  it.each([
    ['21 targets', params({ moreTargets: Array.from({ length: 20 }, (_, i) => site(`s${i}.example`)) }), /At most 20 sites/],
    ['11 excluded', params({ excludeTargets: Array.from({ length: 11 }, (_, i) => site(`x${i}.example`)) }), /At most 10 sites can be left out/],
    ['a site twice', params({ moreTargets: [site('Example.com')] }), /listed twice/],
    ['a site compared and left out (all mode)', params({ excludeTargets: [site('example.org')] }), /can only come back empty/],
    ['a bad target', params({ moreTargets: [site('https://x.example')] }), /scheme/],
    ['a limit over 1000', params({ limit: 5000 }), /between 1 and 1000/],
  ])('refuses %s with a sentence, at no cost', (_n, p, message) => {
    const out = buildDomainIntersectionBody(p);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error.kind).toBe('invalid-request');
      expect(out.error.message).toMatch(message);
    }
  });
});

describe('domain_intersection: the sandbox answer', () => {
  it('a competitor pair: total equals competitors’ shared count; every item links to both', () => {
    const comp = buildCompetitorsBody({ ...structuredClone(competitorsRow.example), limit: 1 });
    if (!comp.ok) throw new Error('refused');
    const top = competitors(SEED, validateCompetitors(comp.value[0] as never)).result.items as { target: string; intersections: number }[];
    const rival = top[0]!;
    const data = answer(params({ moreTargets: [site(rival.target)], limit: 1000 }));
    expect(data.totalCount).toBe(rival.intersections);
    for (const d of data.items) {
      expect(d.intersections).toBe(2);
      expect(d.links.map((l) => l.target)).toEqual(['example.com', rival.target]);
      expect(d.links.every((l) => (l.backlinks ?? 0) > 0)).toBe(true);
    }
    expect(schema.model.safeParse(data).success).toBe(true);
  }, 120_000); // the sandbox generates ten competitors' data sets on first use

  it('the link gap: domains linking to a competitor minus those linking to the site', () => {
    const rivalOnly = answer(params({ target: site('example.org'), moreTargets: [], excludeTargets: [site('example.com')], limit: 1000 }));
    const both = answer(params({ target: site('example.org'), moreTargets: [site('example.com')], limit: 1000 }));
    const gap = new Set(rivalOnly.items.map((d) => d.domain));
    for (const d of both.items) expect(gap.has(d.domain)).toBe(false);
  });

  it('drifting fields: a missing per-target object is "does not link", junk is dropped', () => {
    const data = schema.toData(
      {
        status_code: 20000,
        result: [
          {
            targets: { '1': 'example.com', '2': 'example.org' },
            total_count: 1,
            items: [{ domain_intersection: { '1': { target: 'ref.example', rank: '40', backlinks: 3, first_seen: '2022-02-02 00:00:00 +00:00' }, '2': null }, summary: { intersections_count: '1' } }, 'x', null],
          },
        ],
      } as Task,
      params(),
    );
    expect(data.ok && data.value.data.items).toEqual([
      { domain: 'ref.example', rank: 40, intersections: 1, firstSeen: '2022-02-02T00:00:00.000Z', links: [{ target: 'example.com', backlinks: 3 }, { target: 'example.org', backlinks: null }] },
    ]);
    if (data.ok) expect(CSV_COLUMNS.domainIntersection.row(data.value.data.items[0]!)).toEqual(['ref.example', 40, 1, 'example.com: 3', '2022-02-02T00:00:00.000Z']);
  });
});
