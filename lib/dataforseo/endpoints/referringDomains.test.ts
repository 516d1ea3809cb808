import { describe, expect, it } from 'vitest';
import { referringDomains, validateReferringDomains } from '@/tests/sandbox/research';
import { summaryOf } from '@/tests/sandbox/bulk';
import { ENDPOINTS } from '@/lib/dataforseo/endpoints';
import { CSV_COLUMNS } from '@/lib/dataforseo/endpoints.csv';
import type { Task } from '@/lib/dataforseo/envelope.schema';
import { dofollowBacklinks, row } from './referringDomains';
import { buildReferringDomainsBody, mapReferringDomain, schema, type ReferringDomainsParams } from './referringDomains.schema';

const SEED = 'backlink-lens';
const params = (patch: Partial<ReferringDomainsParams> = {}): ReferringDomainsParams => ({ ...structuredClone(row.example), ...patch });
const task = (result: unknown): Task => ({ status_code: 20000, result: [result] });

/** The sandbox's answer to the body the builder sends. */
function sandboxAnswer(p: ReferringDomainsParams) {
  const built = buildReferringDomainsBody(p);
  if (!built.ok) throw new Error(built.error.message);
  return referringDomains(SEED, validateReferringDomains(built.value[0] as unknown as Record<string, unknown>));
}

describe('referring_domains: request', () => {
  it('sends the documented fields: target, flags, limit/offset, order_by with a tiebreaker, filters', () => {
    const built = buildReferringDomainsBody(params({ sort: 'backlinks', dir: 'asc', limit: 50, offset: 100, filters: { text: '50%_off', minRank: 30 } }));
    expect(built).toEqual({
      ok: true,
      value: [
        {
          target: 'example.com',
          include_subdomains: true,
          include_indirect_links: true,
          exclude_internal_backlinks: true,
          backlinks_status_type: 'live',
          rank_scale: 'one_hundred',
          limit: 50,
          offset: 100,
          order_by: ['backlinks,asc', 'domain,asc'],
          filters: [['domain', 'ilike', '%50\\%\\_off%'], 'and', ['rank', '>=', 30]],
        },
      ],
    });
  });

  it('sends no filters when none are set, and no rank filter for a minimum of 0', () => {
    const built = buildReferringDomainsBody(params({ filters: { text: '  ', minRank: 0 } }));
    expect(built.ok && 'filters' in built.value[0]).toBe(false);
  });

  it.each([
    ['a limit of 0', params({ limit: 0 }), /number of rows must be between 1 and 1000/],
    ['a limit over 1000', params({ limit: 1001 }), /between 1 and 1000/],
    ['an offset past 20,000', params({ offset: 20_001 }), /offset must be between 0 and 20000/],
    ['a rank above the scale', params({ filters: { text: '', minRank: 101 } }), /No domain has a rank above 100/],
    ['a negative rank', params({ filters: { text: '', minRank: -1 } }), /0 or more/],
    ['a text of 201 characters', params({ filters: { text: 'x'.repeat(201), minRank: null } }), /at most 200 characters/],
    ['a domain with a scheme', params({ target: { scope: 'domain', value: 'https://example.com', display: 'x' } }), /scheme/],
  ])('refuses %s with a sentence, before any call', (_name, p, message) => {
    const built = buildReferringDomainsBody(p);
    expect(built.ok).toBe(false);
    if (!built.ok) {
      expect(built.error.kind).toBe('invalid-request');
      expect(built.error.message).toMatch(message);
    }
  });

  it('a rank up to 1000 is allowed on the 0–1000 scale', () => {
    const p = params({ filters: { text: '', minRank: 500 } });
    p.options.rankScale = 'one_thousand';
    expect(buildReferringDomainsBody(p).ok).toBe(true);
  });
});

describe('referring_domains: the sandbox answer, parsed and mapped', () => {
  it('takes the builder body; total and backlinks equal the summary; items map with every field', () => {
    const answer = sandboxAnswer(params({ limit: 1000 }));
    const out = schema.toData(task(answer.result), params());
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const page = out.value.data;
    const summary = summaryOf(SEED, 'example.com');
    expect(page.totalCount).toBe(summary.referring_domains);
    expect(out.value.rows).toBe(page.items.length);
    expect(page.items.length).toBe(answer.rows);
    const first = page.items[0]!;
    expect(first.domain).toMatch(/\./);
    expect(first.firstSeen).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(schema.model.safeParse(page).success).toBe(true);
    // Sorted by rank, descending (the default sort).
    const ranks = page.items.map((d) => d.rank ?? 0);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
  });

  it('pages by offset: the second page continues the first', () => {
    const all = sandboxAnswer(params({ limit: 20 })).result.items as { domain: string }[];
    const second = sandboxAnswer(params({ limit: 10, offset: 10 })).result.items as { domain: string }[];
    expect(second.map((d) => d.domain)).toEqual(all.slice(10).map((d) => d.domain));
  });

  it('drifting fields: numbers as strings, nulls, unknown fields, a non-object item, no result', () => {
    const out = schema.toData(
      task({
        total_count: '3',
        items: [
          { domain: 'a.example', rank: '12', backlinks: 10, referring_links_attributes: { nofollow: 4 }, referring_links_countries: { US: 3, DE: 7 }, first_seen: '2021-01-02 03:04:05 +00:00', new_field: { x: 1 } },
          { domain: null, rank: 'n/a', backlinks: null, first_seen: 'yesterday' },
          { domain: 'c.example', backlinks: 5, referring_links_attributes: null },
          'junk',
        ],
      }),
      params(),
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.data.totalCount).toBe(3);
    expect(out.value.data.items).toHaveLength(3);
    expect(out.value.data.items[0]).toMatchObject({ domain: 'a.example', rank: 12, backlinks: 10, nofollowBacklinks: 4, country: 'DE', firstSeen: '2021-01-02T03:04:05.000Z' });
    expect(out.value.data.items[1]).toMatchObject({ domain: null, rank: null, backlinks: null, nofollowBacklinks: null, country: null, firstSeen: null });
    // An explicit null map (the sandbox's answer for a domain without attributed links): no nofollow links.
    expect(out.value.data.items[2]).toMatchObject({ domain: 'c.example', backlinks: 5, nofollowBacklinks: 0 });
    expect(schema.model.safeParse(out.value.data).success).toBe(true);
    const empty = schema.toData({ status_code: 20000, result: null }, params());
    expect(empty).toEqual({ ok: true, value: { data: { totalCount: null, items: [] }, rows: 0 } });
  });

  it('a map without a nofollow entry means no nofollow backlinks; dofollow = backlinks − nofollow', () => {
    const d = mapReferringDomain({ domain: 'b.example', backlinks: 9, referring_links_attributes: {} });
    expect(d.nofollowBacklinks).toBe(0);
    expect(dofollowBacklinks(d)).toBe(9);
    expect(dofollowBacklinks({ backlinks: 9, nofollowBacklinks: null })).toBeNull();
  });
});

describe('referring_domains: row', () => {
  it('is priced per row, cached for the cache hours, and exports one cell per column', () => {
    expect(ENDPOINTS.referringDomains.price(ENDPOINTS.referringDomains.expectedRows(params()))).toBe(0.023);
    expect(ENDPOINTS.referringDomains.cacheTtlMs({ cacheHours: 2 })).toBe(7_200_000);
    const item = mapReferringDomain({ domain: '=cmd', rank: 1, backlinks: 2 });
    expect(CSV_COLUMNS.referringDomains.row(item)).toHaveLength(CSV_COLUMNS.referringDomains.columns.length);
  });
});
