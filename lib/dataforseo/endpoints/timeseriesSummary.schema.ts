import { z } from 'zod/mini';
import { TIMESERIES_MIN_DATE } from '@/lib/trendRange';
import type { EndpointSchemaRow } from '@/lib/dataforseo/endpointRow.schema';
import { v } from '@/lib/dataforseo/map';
import { finish } from '@/lib/dataforseo/requests/builder';
import { list, num, str } from '@/lib/dataforseo/fields.schema';
import { parseFirst } from '@/lib/dataforseo/envelope.schema';
import { DaySchema, GroupRangeSchema, LookupTargetSchema, RankScaleSchema, pointDay, trendRange, trendTarget } from '@/lib/dataforseo/trend.schema';

declare module '../endpointRow' {
  interface EndpointTypes {
    timeseriesSummary: { params: TimeseriesSummaryParams; model: TimeseriesSummary; paid: true };
  }
}

export const TimeseriesSummaryParamsSchema = z.object({
  target: LookupTargetSchema,
  includeSubdomains: z.boolean(),
  rankScale: RankScaleSchema,
  dateFrom: DaySchema,
  dateTo: DaySchema,
  group: GroupRangeSchema,
});
export type TimeseriesSummaryParams = z.infer<typeof TimeseriesSummaryParamsSchema>;

const n = z.nullable(z.number());
export const SummaryPointSchema = z.object({
  /** Last day of the period ("yyyy-mm-dd"); null when the API sent no readable date. */
  date: z.nullable(z.string()),
  rank: n,
  backlinks: n,
  backlinksNofollow: n,
  referringDomains: n,
  referringDomainsNofollow: n,
  referringMainDomains: n,
  referringPages: n,
});
export type SummaryPoint = z.infer<typeof SummaryPointSchema>;
export const TimeseriesSummarySchema = z.object({ group: z.nullable(z.string()), points: z.array(SummaryPointSchema) });
export type TimeseriesSummary = z.infer<typeof TimeseriesSummarySchema>;

export const TimeseriesSummaryResultSchema = z.looseObject({
  target: str(),
  date_from: str(),
  date_to: str(),
  group_range: str(),
  items_count: num(),
  items: list({
    type: str(),
    date: str(),
    rank: num(),
    backlinks: num(),
    backlinks_nofollow: num(),
    referring_pages: num(),
    referring_pages_nofollow: num(),
    referring_domains: num(),
    referring_domains_nofollow: num(),
    referring_main_domains: num(),
    referring_main_domains_nofollow: num(),
    referring_ips: num(),
    referring_subnets: num(),
  }),
});
type Result = z.infer<typeof TimeseriesSummaryResultSchema>;
type Item = NonNullable<NonNullable<Result['items']>[number]>;

export function mapTimeseriesSummary(r: Result | null): TimeseriesSummary {
  return {
    group: v(r?.group_range),
    points: (r?.items ?? [])
      .filter((x): x is Item => x !== null)
      .map((p) => ({
        date: pointDay(p.date),
        rank: v(p.rank),
        backlinks: v(p.backlinks),
        backlinksNofollow: v(p.backlinks_nofollow),
        referringDomains: v(p.referring_domains),
        referringDomainsNofollow: v(p.referring_domains_nofollow),
        referringMainDomains: v(p.referring_main_domains),
        referringPages: v(p.referring_pages),
      })),
  };
}

export interface TimeseriesSummaryTask {
  target: string;
  date_from: string;
  date_to: string;
  group_range: string;
  include_subdomains: boolean;
  rank_scale: string;
}

export function buildTimeseriesSummaryBody(params: TimeseriesSummaryParams, now = Date.now()) {
  const target = trendTarget(params.target, 'errTrendPageSummary');
  if (!target.ok) return target;
  const range = trendRange(params.dateFrom, params.dateTo, now, TIMESERIES_MIN_DATE);
  if (!range.ok) return range;
  const task: TimeseriesSummaryTask = {
    target: target.value,
    ...range.value,
    group_range: params.group,
    // A host (subdomain) scope is that host alone.
    include_subdomains: params.target.scope === 'host' ? false : params.includeSubdomains,
    rank_scale: params.rankScale,
  };
  return finish('timeseriesSummary', task);
}

export const schema: EndpointSchemaRow<'timeseriesSummary'> = {
  name: 'timeseriesSummary',
  build: (params) => buildTimeseriesSummaryBody(params),
  toData: (task) => {
    const data = mapTimeseriesSummary(parseFirst(TimeseriesSummaryResultSchema, task));
    return { ok: true, value: { data, rows: data.points.length } };
  },
  model: TimeseriesSummarySchema,
  params: TimeseriesSummaryParamsSchema,
};
