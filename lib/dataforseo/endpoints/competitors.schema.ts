import { z } from 'zod/mini';
import { LookupTargetSchema, RankScaleSchema } from '@/lib/params.schema';
import type { EndpointSchemaRow } from '@/lib/dataforseo/endpointRow.schema';
import { v } from '@/lib/dataforseo/map';
import { LIMIT_MAX, LIMIT_MIN, OFFSET_MAX } from '@/lib/dataforseo/requests/limits';
import { checkEnum, checkInt } from '@/lib/dataforseo/requests/checks';
import { common, finish } from '@/lib/dataforseo/requests/builder';
import { list, num, str } from '@/lib/dataforseo/fields.schema';
import { parseFirst } from '@/lib/dataforseo/envelope.schema';
import { COMPETITOR_SORTS } from './competitors';

declare module '../endpointRow' {
  interface EndpointTypes {
    competitors: { params: CompetitorsParams; model: CompetitorsPage; paid: true; csv: true };
  }
}

export const CompetitorsParamsSchema = z.object({
  target: LookupTargetSchema,
  excludeInternalBacklinks: z.boolean(),
  rankScale: RankScaleSchema,
  limit: z.number().check(z.int()),
  offset: z.number().check(z.int()),
  /** Always descending: most shared referring domains, or highest rank, first. */
  sort: z.enum(COMPETITOR_SORTS),
});
export type CompetitorsParams = z.infer<typeof CompetitorsParamsSchema>;

const n = z.nullable(z.number());
export const CompetitorSchema = z.object({
  /** The competing site (the API's `target` of the item). */
  domain: z.nullable(z.string()),
  rank: n,
  /** Referring domains it shares with the target ("backlink intersections"). */
  intersections: n,
});
export type Competitor = z.infer<typeof CompetitorSchema>;
export const CompetitorsPageSchema = z.object({ totalCount: n, items: z.array(CompetitorSchema) });
export type CompetitorsPage = z.infer<typeof CompetitorsPageSchema>;

export const CompetitorsResultSchema = z.looseObject({
  target: str(),
  total_count: num(),
  items_count: num(),
  items: list({ type: str(), target: str(), rank: num(), intersections: num() }),
});
type Result = z.infer<typeof CompetitorsResultSchema>;
type Item = NonNullable<NonNullable<Result['items']>[number]>;

export function mapCompetitorsPage(r: Result | null): CompetitorsPage {
  return {
    totalCount: v(r?.total_count),
    items: (r?.items ?? [])
      .filter((x): x is Item => x !== null)
      .map((c) => ({ domain: v(c.target), rank: v(c.rank), intersections: v(c.intersections) })),
  };
}

export interface CompetitorsTask {
  target: string;
  main_domain: boolean;
  exclude_large_domains: boolean;
  exclude_internal_backlinks: boolean;
  rank_scale: string;
  limit: number;
  offset: number;
  order_by: string[];
}

const SORT_RULE = { intersections: 'intersections,desc', rank: 'rank,desc' } as const;

export function buildCompetitorsBody(params: CompetitorsParams) {
  // The target rule (domain, subdomain or page) is the shared one; the other shared flags do not apply here.
  const base = common(params.target, {
    includeSubdomains: true,
    includeIndirectLinks: true,
    excludeInternalBacklinks: params.excludeInternalBacklinks,
    statusType: 'live',
    rankScale: params.rankScale,
  });
  if (!base.ok) return base;
  const rule = (SORT_RULE as Record<string, string>)[params.sort];
  if (!rule) return { ok: false as const, error: checkEnum('errFieldSort', params.sort, Object.keys(SORT_RULE))! };
  const limitError = checkInt('errFieldRows', params.limit, LIMIT_MIN, LIMIT_MAX);
  if (limitError) return { ok: false as const, error: limitError };
  const offsetError = checkInt('errFieldOffset', params.offset, 0, OFFSET_MAX);
  if (offsetError) return { ok: false as const, error: offsetError };
  const task: CompetitorsTask = {
    target: base.value.target,
    // The documented defaults, sent so the answer does not change if the defaults do.
    main_domain: true,
    exclude_large_domains: true,
    exclude_internal_backlinks: params.excludeInternalBacklinks,
    rank_scale: params.rankScale,
    limit: params.limit,
    offset: params.offset,
    order_by: [rule, 'target,asc'],
  };
  return finish('competitors', task);
}

export const schema: EndpointSchemaRow<'competitors'> = {
  name: 'competitors',
  build: buildCompetitorsBody,
  toData: (task) => {
    const page = mapCompetitorsPage(parseFirst(CompetitorsResultSchema, task));
    return { ok: true, value: { data: page, rows: page.items.length } };
  },
  model: CompetitorsPageSchema,
  params: CompetitorsParamsSchema,
};
