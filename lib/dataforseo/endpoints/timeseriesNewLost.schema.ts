import { z } from 'zod/mini';
import { TIMESERIES_MIN_DATE } from '@/lib/trendRange';
import type { EndpointSchemaRow } from '@/lib/dataforseo/endpointRow.schema';
import { v } from '@/lib/dataforseo/map';
import { finish } from '@/lib/dataforseo/requests/builder';
import { list, num, str } from '@/lib/dataforseo/fields.schema';
import { parseFirst } from '@/lib/dataforseo/envelope.schema';
import { DaySchema, GroupRangeSchema, LookupTargetSchema, pointDay, trendRange, trendTarget } from '@/lib/dataforseo/trend.schema';

declare module '../endpointRow' {
  interface EndpointTypes {
    timeseriesNewLost: { params: TimeseriesNewLostParams; model: TimeseriesNewLost; paid: true };
  }
}

/** As timeseries_summary without rank_scale (the endpoint has none). */
export const TimeseriesNewLostParamsSchema = z.object({
  target: LookupTargetSchema,
  includeSubdomains: z.boolean(),
  dateFrom: DaySchema,
  dateTo: DaySchema,
  group: GroupRangeSchema,
});
export type TimeseriesNewLostParams = z.infer<typeof TimeseriesNewLostParamsSchema>;

const n = z.nullable(z.number());
export const NewLostPointSchema = z.object({
  date: z.nullable(z.string()),
  newBacklinks: n,
  lostBacklinks: n,
  newReferringDomains: n,
  lostReferringDomains: n,
  newReferringMainDomains: n,
  lostReferringMainDomains: n,
});
export type NewLostPoint = z.infer<typeof NewLostPointSchema>;
export const TimeseriesNewLostSchema = z.object({ group: z.nullable(z.string()), points: z.array(NewLostPointSchema) });
export type TimeseriesNewLost = z.infer<typeof TimeseriesNewLostSchema>;

export const TimeseriesNewLostResultSchema = z.looseObject({
  target: str(),
  date_from: str(),
  date_to: str(),
  group_range: str(),
  items_count: num(),
  items: list({
    type: str(),
    date: str(),
    new_backlinks: num(),
    lost_backlinks: num(),
    new_referring_domains: num(),
    lost_referring_domains: num(),
    new_referring_main_domains: num(),
    lost_referring_main_domains: num(),
  }),
});
type Result = z.infer<typeof TimeseriesNewLostResultSchema>;
type Item = NonNullable<NonNullable<Result['items']>[number]>;

export function mapTimeseriesNewLost(r: Result | null): TimeseriesNewLost {
  return {
    group: v(r?.group_range),
    points: (r?.items ?? [])
      .filter((x): x is Item => x !== null)
      .map((p) => ({
        date: pointDay(p.date),
        newBacklinks: v(p.new_backlinks),
        lostBacklinks: v(p.lost_backlinks),
        newReferringDomains: v(p.new_referring_domains),
        lostReferringDomains: v(p.lost_referring_domains),
        newReferringMainDomains: v(p.new_referring_main_domains),
        lostReferringMainDomains: v(p.lost_referring_main_domains),
      })),
  };
}

export interface TimeseriesNewLostTask {
  target: string;
  date_from: string;
  date_to: string;
  group_range: string;
  include_subdomains: boolean;
}

export function buildTimeseriesNewLostBody(params: TimeseriesNewLostParams, now = Date.now()) {
  const target = trendTarget(params.target, 'errTrendPageNewLost');
  if (!target.ok) return target;
  const range = trendRange(params.dateFrom, params.dateTo, now, TIMESERIES_MIN_DATE);
  if (!range.ok) return range;
  const task: TimeseriesNewLostTask = {
    target: target.value,
    ...range.value,
    group_range: params.group,
    include_subdomains: params.target.scope === 'host' ? false : params.includeSubdomains,
  };
  return finish('timeseriesNewLost', task);
}

export const schema: EndpointSchemaRow<'timeseriesNewLost'> = {
  name: 'timeseriesNewLost',
  build: (params) => buildTimeseriesNewLostBody(params),
  toData: (task) => {
    const data = mapTimeseriesNewLost(parseFirst(TimeseriesNewLostResultSchema, task));
    return { ok: true, value: { data, rows: data.points.length } };
  },
  model: TimeseriesNewLostSchema,
  params: TimeseriesNewLostParamsSchema,
};
