import { z } from 'zod/mini';
import { HISTORY_MIN_DATE } from '@/lib/trendRange';
import { t } from '@/lib/i18n';
import type { EndpointSchemaRow } from '@/lib/dataforseo/endpointRow.schema';
import { v } from '@/lib/dataforseo/map';
import { refuse } from '@/lib/dataforseo/requests/checks';
import { finish } from '@/lib/dataforseo/requests/builder';
import { list, num, str } from '@/lib/dataforseo/fields.schema';
import { parseFirst } from '@/lib/dataforseo/envelope.schema';
import { DaySchema, LookupTargetSchema, RankScaleSchema, pointDay, trendRange, trendTarget } from '@/lib/dataforseo/trend.schema';

declare module '../endpointRow' {
  interface EndpointTypes {
    backlinkHistory: { params: HistoryParams; model: History; paid: true };
  }
}

export const HistoryParamsSchema = z.object({
  target: LookupTargetSchema,
  rankScale: RankScaleSchema,
  dateFrom: DaySchema,
  dateTo: DaySchema,
});
export type HistoryParams = z.infer<typeof HistoryParamsSchema>;

const n = z.nullable(z.number());
export const HistoryPointSchema = z.object({
  /** Last day of the month (today for the current month), "yyyy-mm-dd". */
  date: z.nullable(z.string()),
  rank: n,
  backlinks: n,
  referringDomains: n,
  referringMainDomains: n,
  referringPages: n,
  /** New / lost per month: documented as 0 before May 2021. */
  newBacklinks: n,
  lostBacklinks: n,
  newReferringDomains: n,
  lostReferringDomains: n,
});
export type HistoryPoint = z.infer<typeof HistoryPointSchema>;
export const HistorySchema = z.object({ points: z.array(HistoryPointSchema) });
export type History = z.infer<typeof HistorySchema>;

export const HistoryResultSchema = z.looseObject({
  target: str(),
  date_from: str(),
  date_to: str(),
  items_count: num(),
  items: list({
    type: str(),
    date: str(),
    rank: num(),
    backlinks: num(),
    new_backlinks: num(),
    lost_backlinks: num(),
    new_referring_domains: num(),
    lost_referring_domains: num(),
    referring_domains: num(),
    referring_main_domains: num(),
    referring_pages: num(),
  }),
});
type Result = z.infer<typeof HistoryResultSchema>;
type Item = NonNullable<NonNullable<Result['items']>[number]>;

export function mapHistory(r: Result | null): History {
  return {
    points: (r?.items ?? [])
      .filter((x): x is Item => x !== null)
      .map((p) => ({
        date: pointDay(p.date),
        rank: v(p.rank),
        backlinks: v(p.backlinks),
        referringDomains: v(p.referring_domains),
        referringMainDomains: v(p.referring_main_domains),
        referringPages: v(p.referring_pages),
        newBacklinks: v(p.new_backlinks),
        lostBacklinks: v(p.lost_backlinks),
        newReferringDomains: v(p.new_referring_domains),
        lostReferringDomains: v(p.lost_referring_domains),
      })),
  };
}

export interface HistoryTask {
  target: string;
  date_from: string;
  date_to: string;
  rank_scale: string;
}

export function buildHistoryBody(params: HistoryParams, now = Date.now()) {
  // History is kept per domain: "target: domain … without https:// and www."; a subdomain or page has none.
  if (params.target.scope !== 'domain')
    return {
      ok: false as const,
      error: refuse(t('errHistoryDomainOnly')),
    };
  const target = trendTarget(params.target, 'errTrendPageHistory');
  if (!target.ok) return target;
  const range = trendRange(params.dateFrom, params.dateTo, now, HISTORY_MIN_DATE);
  if (!range.ok) return range;
  return finish('backlinkHistory', { target: target.value, ...range.value, rank_scale: params.rankScale } satisfies HistoryTask);
}

export const schema: EndpointSchemaRow<'backlinkHistory'> = {
  name: 'backlinkHistory',
  build: (params) => buildHistoryBody(params),
  toData: (task) => {
    const data = mapHistory(parseFirst(HistoryResultSchema, task));
    return { ok: true, value: { data, rows: data.points.length } };
  },
  model: HistorySchema,
  params: HistoryParamsSchema,
};
