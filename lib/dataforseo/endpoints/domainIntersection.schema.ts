import { z } from 'zod/mini';
import type { AppError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { LookupTargetSchema, QueryOptionsSchema, type LookupTarget, type QueryOptions } from '@/lib/params.schema';
import type { EndpointSchemaRow } from '@/lib/dataforseo/endpointRow.schema';
import { apiDateToIso, v } from '@/lib/dataforseo/map';
import { LIMIT_MAX, LIMIT_MIN, OFFSET_MAX } from '@/lib/dataforseo/requests/limits';
import { checkEnum, checkInt, refuse } from '@/lib/dataforseo/requests/checks';
import { common, finish } from '@/lib/dataforseo/requests/builder';
import { num, obj, record, str } from '@/lib/dataforseo/fields.schema';
import { parseFirst } from '@/lib/dataforseo/envelope.schema';
import { ReferringStats } from '@/lib/dataforseo/results.schema';
import { MAX_EXCLUDE_TARGETS, MAX_INTERSECTION_TARGETS } from './domainIntersection';

declare module '../endpointRow' {
  interface EndpointTypes {
    domainIntersection: { params: DomainIntersectionParams; model: DomainIntersectionPage; paid: true; csv: true };
  }
}

export const DomainIntersectionParamsSchema = z.object({
  /** The first target (what the ledger names); the others follow in `moreTargets`. */
  target: LookupTargetSchema,
  moreTargets: z.array(LookupTargetSchema).check(z.maxLength(MAX_INTERSECTION_TARGETS - 1)),
  /** Domains linking to any of these are left out (the link gap: the user's own site). */
  excludeTargets: z.array(LookupTargetSchema).check(z.maxLength(MAX_EXCLUDE_TARGETS)),
  /** all: domains linking to every target; partial: to at least one. */
  mode: z.enum(['all', 'partial']),
  options: QueryOptionsSchema,
  limit: z.number().check(z.int()),
  offset: z.number().check(z.int()),
});
export type DomainIntersectionParams = z.infer<typeof DomainIntersectionParamsSchema>;

const n = z.nullable(z.number());
export const IntersectionDomainSchema = z.object({
  domain: z.nullable(z.string()),
  rank: n,
  /** How many of the targets it links to. */
  intersections: n,
  firstSeen: z.nullable(z.string()),
  /** One entry per target, in the order sent; backlinks null when it does not link to that target. */
  links: z.array(z.object({ target: z.nullable(z.string()), backlinks: n })),
});
export type IntersectionDomain = z.infer<typeof IntersectionDomainSchema>;
export const DomainIntersectionPageSchema = z.object({ totalCount: n, items: z.array(IntersectionDomainSchema) });
export type DomainIntersectionPage = z.infer<typeof DomainIntersectionPageSchema>;

const PerTargetShape = { type: str(), target: str(), rank: num(), backlinks: num(), first_seen: str(), lost_date: str(), ...ReferringStats };
const PerTarget = obj(PerTargetShape);
export const DomainIntersectionResultSchema = z.looseObject({
  targets: record(),
  total_count: num(),
  items_count: num(),
  items: z.optional(z.pipe(z.unknown(), z.transform((x) => (Array.isArray(x) ? (x as unknown[]) : null)))),
});
const ItemSchema = z.looseObject({
  domain_intersection: record(),
  summary: obj({ intersections_count: num() }),
});

/** Keys "1", "2", … in number order. */
const byNumber = (a: string, b: string) => Number(a) - Number(b);

export function mapDomainIntersectionPage(r: z.infer<typeof DomainIntersectionResultSchema> | null, sent: string[]): DomainIntersectionPage {
  const names = r?.targets ?? null;
  const items: IntersectionDomain[] = [];
  for (const raw of r?.items ?? []) {
    const item = ItemSchema.safeParse(raw);
    if (!item.success) continue;
    const per = item.data.domain_intersection ?? {};
    const keys = [...new Set([...sent.map((_, i) => String(i + 1)), ...Object.keys(per)])].sort(byNumber);
    let domain: string | null = null;
    let rank: number | null = null;
    let firstSeen: string | null = null;
    const links = keys.map((k, i) => {
      const parsed = PerTarget.safeParse(per[k]);
      const t = parsed.success ? parsed.data : null;
      if (t) {
        domain ??= v(t.target);
        if (t.rank != null) rank = Math.max(rank ?? t.rank, t.rank);
        const seen = apiDateToIso(t.first_seen);
        if (seen && (!firstSeen || seen < firstSeen)) firstSeen = seen;
      }
      const name = names && typeof names[k] === 'string' ? (names[k] as string) : (sent[i] ?? null);
      return { target: name, backlinks: t ? v(t.backlinks) : null };
    });
    const count = v(item.data.summary?.intersections_count);
    items.push({ domain, rank, intersections: count ?? links.filter((l) => l.backlinks !== null).length, firstSeen, links });
  }
  return { totalCount: v(r?.total_count), items };
}

export interface DomainIntersectionTask {
  targets: Record<string, string>;
  exclude_targets?: string[];
  intersection_mode: 'all' | 'partial';
  include_subdomains?: boolean;
  include_indirect_links: boolean;
  exclude_internal_backlinks: boolean;
  backlinks_status_type: string;
  rank_scale: string;
  limit: number;
  offset: number;
  order_by: string[];
}

const key = (t: LookupTarget) => `${t.scope === 'page' ? t.value : t.value.toLowerCase()}`;

/** Each target checked by its scope; include_subdomains follows the first target's scope. */
function checked(list: LookupTarget[], options: QueryOptions): { values: string[] } | { error: AppError } {
  const values: string[] = [];
  for (const t of list) {
    const base = common(t, options);
    if (!base.ok) return { error: base.error };
    values.push(base.value.target);
  }
  return { values };
}

export function buildDomainIntersectionBody(params: DomainIntersectionParams) {
  const fail = (error: AppError) => ({ ok: false as const, error });
  const all = [params.target, ...params.moreTargets];
  if (all.length > MAX_INTERSECTION_TARGETS)
    return fail(refuse(t('errCompareTooMany', String(MAX_INTERSECTION_TARGETS), String(all.length))));
  if (params.excludeTargets.length > MAX_EXCLUDE_TARGETS)
    return fail(refuse(t('errExcludeTooMany', String(MAX_EXCLUDE_TARGETS), String(params.excludeTargets.length))));
  const modeError = checkEnum('errFieldIntersection', params.mode, ['all', 'partial']);
  if (modeError) return fail(modeError);
  const limitError = checkInt('errFieldRows', params.limit, LIMIT_MIN, LIMIT_MAX);
  if (limitError) return fail(limitError);
  const offsetError = checkInt('errFieldOffset', params.offset, 0, OFFSET_MAX);
  if (offsetError) return fail(offsetError);

  const targets = checked(all, params.options);
  if ('error' in targets) return fail(targets.error);
  const excluded = checked(params.excludeTargets, params.options);
  if ('error' in excluded) return fail(excluded.error);
  const seen = new Set<string>();
  for (const site of all) {
    if (seen.has(key(site))) return fail(refuse(t('errListedTwice', site.display || site.value)));
    seen.add(key(site));
  }
  const clash = params.excludeTargets.find((x) => seen.has(key(x)));
  if (clash && params.mode === 'all')
    return fail(refuse(t('errComparedAndExcluded', clash.display || clash.value)));

  const base = common(params.target, params.options);
  if (!base.ok) return base;
  const task: DomainIntersectionTask = {
    targets: Object.fromEntries(targets.values.map((t, i) => [String(i + 1), t])),
    intersection_mode: params.mode,
    include_indirect_links: base.value.include_indirect_links,
    exclude_internal_backlinks: base.value.exclude_internal_backlinks,
    backlinks_status_type: base.value.backlinks_status_type,
    rank_scale: base.value.rank_scale,
    limit: params.limit,
    offset: params.offset,
    order_by: ['intersections_count,desc'],
  };
  if (base.value.include_subdomains !== undefined) task.include_subdomains = base.value.include_subdomains;
  if (excluded.values.length > 0) task.exclude_targets = excluded.values;
  return finish('domainIntersection', task);
}

export const schema: EndpointSchemaRow<'domainIntersection'> = {
  name: 'domainIntersection',
  build: buildDomainIntersectionBody,
  toData: (task, params) => {
    const sent = [params.target, ...params.moreTargets].map((t) => t.value);
    const page = mapDomainIntersectionPage(parseFirst(DomainIntersectionResultSchema, task), sent);
    return { ok: true, value: { data: page, rows: page.items.length } };
  },
  model: DomainIntersectionPageSchema,
  params: DomainIntersectionParamsSchema,
};
