import { z } from 'zod/mini';
import { t } from '@/lib/i18n';
import { LookupTargetSchema, QueryOptionsSchema } from '@/lib/params.schema';
import type { EndpointSchemaRow } from '@/lib/dataforseo/endpointRow.schema';
import { apiDateToIso, v } from '@/lib/dataforseo/map';
import { LIMIT_MAX, LIMIT_MIN, OFFSET_MAX } from '@/lib/dataforseo/requests/limits';
import { checkEnum, checkInt, refuse } from '@/lib/dataforseo/requests/checks';
import { andAll, containsPattern } from '@/lib/dataforseo/requests/filters';
import { common, finish, textOf } from '@/lib/dataforseo/requests/builder';
import type { CommonTask, FilterExpr } from '@/lib/dataforseo/requests/tasks';
import { list, num, str } from '@/lib/dataforseo/fields.schema';
import { parseFirst } from '@/lib/dataforseo/envelope.schema';
import { ReferringStats } from '@/lib/dataforseo/results.schema';
import { REFERRING_DOMAIN_SORTS } from './referringDomains';

declare module '../endpointRow' {
  interface EndpointTypes {
    referringDomains: { params: ReferringDomainsParams; model: ReferringDomainsPage; paid: true; csv: true };
  }
}

// --- params (what a page sends) -----------------------------------------------------------------

export const ReferringDomainsParamsSchema = z.object({
  target: LookupTargetSchema,
  options: QueryOptionsSchema,
  limit: z.number().check(z.int()),
  offset: z.number().check(z.int()),
  sort: z.enum(REFERRING_DOMAIN_SORTS),
  dir: z.enum(['desc', 'asc']),
  filters: z.object({
    /** Case-insensitive substring of the referring domain; '' for none. */
    text: z.string().check(z.maxLength(200)),
    /** Only domains of at least this rank (on the chosen rank scale); null for any. */
    minRank: z.nullable(z.number()),
  }),
});
export type ReferringDomainsParams = z.infer<typeof ReferringDomainsParamsSchema>;

// --- model (what is cached and sent to pages) ----------------------------------------------------

const n = z.nullable(z.number());
const s = z.nullable(z.string());

export const ReferringDomainSchema = z.object({
  domain: s,
  rank: n,
  backlinks: n,
  /** Backlinks with the nofollow attribute (referring_links_attributes.nofollow; 0 when the map is null or lacks it; null when the field is missing). */
  nofollowBacklinks: n,
  referringPages: n,
  spamScore: n,
  brokenBacklinks: n,
  /** The country most of its links come from (largest referring_links_countries entry). */
  country: s,
  firstSeen: s,
  lostDate: s,
});
export type ReferringDomain = z.infer<typeof ReferringDomainSchema>;

export const ReferringDomainsPageSchema = z.object({ totalCount: n, items: z.array(ReferringDomainSchema) });
export type ReferringDomainsPage = z.infer<typeof ReferringDomainsPageSchema>;

// --- the API's answer -----------------------------------------------------------------------------

export const ReferringDomainItemShape = {
  type: str(),
  domain: str(),
  rank: num(),
  backlinks: num(),
  first_seen: str(),
  lost_date: str(),
  ...ReferringStats,
};
export const ReferringDomainsResultSchema = z.looseObject({
  target: str(),
  total_count: num(),
  items_count: num(),
  items: list(ReferringDomainItemShape),
});
export type ReferringDomainsResult = z.infer<typeof ReferringDomainsResultSchema>;
type Item = NonNullable<NonNullable<ReferringDomainsResult['items']>[number]>;

function topKey(m: Record<string, number> | null | undefined): string | null {
  let best: string | null = null;
  let max = -Infinity;
  for (const [k, c] of Object.entries(m ?? {})) if (c > max) [best, max] = [k, c];
  return best;
}

export function mapReferringDomain(d: Item): ReferringDomain {
  const attrs = d.referring_links_attributes;
  return {
    domain: v(d.domain),
    rank: v(d.rank),
    backlinks: v(d.backlinks),
    // The map lists the attributes found; null (as sent for a domain with none) or no nofollow entry: none.
    // Only a missing field leaves the count unknown.
    nofollowBacklinks: attrs === undefined ? null : (attrs?.nofollow ?? 0),
    referringPages: v(d.referring_pages),
    spamScore: v(d.backlinks_spam_score),
    brokenBacklinks: v(d.broken_backlinks),
    country: topKey(d.referring_links_countries),
    firstSeen: apiDateToIso(d.first_seen),
    lostDate: apiDateToIso(d.lost_date),
  };
}

export function mapReferringDomainsPage(r: ReferringDomainsResult | null): ReferringDomainsPage {
  return {
    totalCount: v(r?.total_count),
    items: (r?.items ?? []).filter((x): x is Item => x !== null).map(mapReferringDomain),
  };
}

// --- the request ------------------------------------------------------------------------------------

const SORT_FIELD = { rank: 'rank', backlinks: 'backlinks', firstSeen: 'first_seen', referringPages: 'referring_pages' } as const;
/** After the user's rule, so pages do not shuffle between offsets (one item per domain). */
export const REFERRING_DOMAINS_TIEBREAKER = 'domain,asc';

export interface ReferringDomainsTask extends CommonTask {
  limit: number;
  offset: number;
  order_by: string[];
  filters?: FilterExpr;
}

export function buildReferringDomainsBody(params: ReferringDomainsParams): ReturnType<typeof finish<ReferringDomainsTask>> {
  const base = common(params.target, params.options);
  if (!base.ok) return base;
  const field = (SORT_FIELD as Record<string, string>)[params.sort];
  if (!field) return { ok: false, error: checkEnum('errFieldSort', params.sort, Object.keys(SORT_FIELD))! };
  const dirError = checkEnum('errFieldSortDir', params.dir, ['desc', 'asc']);
  if (dirError) return { ok: false, error: dirError };
  const limitError = checkInt('errFieldRows', params.limit, LIMIT_MIN, LIMIT_MAX);
  if (limitError) return { ok: false, error: limitError };
  const offsetError = checkInt('errFieldOffset', params.offset, 0, OFFSET_MAX);
  if (offsetError) return { ok: false, error: offsetError };

  const parts: FilterExpr[] = [];
  const text = textOf(params.filters.text);
  if (!text.ok) return text;
  if (text.value) parts.push(['domain', 'ilike', containsPattern(text.value)]);
  const maxRank = params.options.rankScale === 'one_hundred' ? 100 : 1000;
  const minRank = params.filters.minRank;
  if (minRank !== null) {
    if (!Number.isFinite(minRank) || minRank < 0) return { ok: false, error: refuse(t('errMinRank')) };
    if (minRank > maxRank)
      return {
        ok: false,
        error: refuse(t('errMinRankTooHigh', String(maxRank), String(minRank))),
      };
    if (minRank > 0) parts.push(['rank', '>=', minRank]);
  }

  const task: ReferringDomainsTask = {
    ...base.value,
    limit: params.limit,
    offset: params.offset,
    order_by: [`${field},${params.dir}`, REFERRING_DOMAINS_TIEBREAKER],
  };
  const filters = andAll(parts);
  if (filters !== undefined) task.filters = filters;
  return finish('referringDomains', task);
}

export const schema: EndpointSchemaRow<'referringDomains'> = {
  name: 'referringDomains',
  build: buildReferringDomainsBody,
  toData: (task) => {
    const page = mapReferringDomainsPage(parseFirst(ReferringDomainsResultSchema, task));
    return { ok: true, value: { data: page, rows: page.items.length } };
  },
  model: ReferringDomainsPageSchema,
  params: ReferringDomainsParamsSchema,
};
