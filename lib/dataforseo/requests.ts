import { appError, type AppError, type Outcome } from '@/lib/errors';
import { t, type MessageKey } from '@/lib/i18n';
import type { AnchorsParams, BacklinkFilters, BacklinksParams, LookupTarget, ProfileParams, QueryOptions } from '@/lib/params.schema';
import type { Endpoint } from './api';
import { dayMs, isoDay } from '@/lib/trendRange';

/**
 * Request builders: the extension's params (lib/params.schema.ts) → the exact API task, wrapped as the POST
 * body (`[task]`: live endpoints take exactly one task). Anything the API would reject is refused
 * here, before any network call, as an `invalid-request` AppError that is not retryable.
 */

// ---------------------------------------------------------------------------------------------
// Limits and enumerations the API documents

export const LIMIT_MIN = 1;
export const LIMIT_MAX = 1000;
export const OFFSET_MAX = 20_000;
export const FILTERS_MAX = 8;
export const ORDER_BY_MAX = 3;
export const TAG_MAX = 255;
export const DOMAIN_MAX = 253;
export const URL_MAX = 2048;
export const TEXT_MAX = 200;
export const INTERNAL_LIST_LIMIT = 10;

export const STATUS_TYPES = ['live', 'all', 'lost'] as const;
export const RANK_SCALES = ['one_hundred', 'one_thousand'] as const;
export const MODES = ['as_is', 'one_per_domain', 'one_per_anchor'] as const;
export const FILTER_OPERATORS = [
  '=',
  '<>',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'not_in',
  'like',
  'not_like',
  'ilike',
  'not_ilike',
  'regex',
  'not_regex',
  'match',
  'not_match',
] as const;

/** Fields the builders may sort on, per endpoint. */
const ORDER_FIELDS: Record<'anchors' | 'backlinks', readonly string[]> = {
  anchors: ['backlinks', 'referring_domains', 'rank', 'first_seen', 'anchor'],
  backlinks: ['rank', 'domain_from_rank', 'page_from_rank', 'first_seen', 'last_seen', 'url_from'],
};

const BACKLINK_SORT_FIELD = {
  rank: 'rank',
  domainRank: 'domain_from_rank',
  pageRank: 'page_from_rank',
  firstSeen: 'first_seen',
  lastSeen: 'last_seen',
} as const;

const ANCHOR_SORT_RULE = {
  backlinks: 'backlinks,desc',
  referringDomains: 'referring_domains,desc',
  rank: 'rank,desc',
  firstSeen: 'first_seen,desc',
} as const;

/** Added after the user's sort rule so pages do not shuffle between offsets (backlinks are unique per referring URL within a page). */
export const BACKLINKS_TIEBREAKER = 'url_from,asc';

const ITEM_TYPES = ['anchor', 'image', 'redirect', 'canonical', 'meta', 'alternate'] as const;

// ---------------------------------------------------------------------------------------------
// Task shapes

export type FilterValue = string | number | boolean;
export type FilterCondition = [field: string, operator: string, value: FilterValue];
/** A condition, or conditions joined by "and"/"or" in the API's nested-array form. */
export type FilterExpr = FilterCondition | (FilterExpr | 'and' | 'or')[];

export interface CommonTask {
  target: string;
  /** Only for domain and host targets. */
  include_subdomains?: boolean;
  include_indirect_links: boolean;
  exclude_internal_backlinks: boolean;
  backlinks_status_type: (typeof STATUS_TYPES)[number];
  rank_scale: (typeof RANK_SCALES)[number];
  tag?: string;
}

export interface SummaryTask extends CommonTask {
  internal_list_limit: number;
}

export interface AnchorsTask extends CommonTask {
  limit: number;
  offset: number;
  order_by: string[];
  filters?: FilterExpr;
}

export interface BacklinksTask extends CommonTask {
  mode: (typeof MODES)[number];
  limit: number;
  offset: number;
  order_by: string[];
  filters?: FilterExpr;
  search_after_token?: string;
}

export type TaskFor<E extends Endpoint> = E extends 'profile'
  ? SummaryTask
  : E extends 'anchors'
    ? AnchorsTask
    : E extends 'backlinks'
      ? BacklinksTask
      : never;

// ---------------------------------------------------------------------------------------------
// Validation

/** An `invalid-request` refusal: nothing is sent, nothing is spent. */
export function refuse(message: string): AppError {
  return appError('invalid-request', message, false);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One DNS label (punycode); underscores are tolerated because real hosts use them. */
const HOST_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/i;

/** A domain or host as the API takes it: no scheme, path, port, `www.` or trailing dot. */
export function checkDomainTarget(target: string): AppError | null {
  if (target.length === 0) return refuse(t('errTargetEmpty'));
  if (target.length > DOMAIN_MAX) return refuse(t('errDomainTooLong', String(DOMAIN_MAX)));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target))
    return refuse(t('errDomainScheme'));
  if (/[/?#\\]/.test(target)) return refuse(t('errDomainPath'));
  if (/^www\./i.test(target)) return refuse(t('errDomainWww'));
  if (target.includes(':')) return refuse(t('errDomainPort'));
  const labels = target.split('.');
  if (labels.length < 2 || !labels.every((l) => HOST_LABEL.test(l)))
    return refuse(t('errDomainInvalid', target.slice(0, 80)));
  return null;
}

/** A page as the API takes it: an absolute http(s) URL. */
export function checkPageTarget(target: string): AppError | null {
  if (target.length === 0) return refuse(t('errTargetEmpty'));
  if (target.length > URL_MAX) return refuse(t('errPageTooLong', String(URL_MAX)));
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return refuse(t('errPageNotAbsolute'));
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !/^https?:\/\//i.test(target) || url.hostname === '')
    return refuse(t('errPageNotAbsolute'));
  return null;
}

/** `name` is the field's name in the refusal (an errField… key); `hint`, when given, follows after a space. */
export function checkInt(name: MessageKey, v: unknown, min: number, max: number, hint?: MessageKey): AppError | null {
  if (typeof v !== 'number' || !Number.isInteger(v)) return refuse(t('errNotWhole', t(name)));
  if (v < min || v > max) return refuse(t('errOutOfRange', t(name), String(min), String(max), String(v), hint ? ` ${t(hint)}` : ''));
  return null;
}

/** `name` is the field's name in the refusal (an errField… key). */
export function checkEnum(name: MessageKey, v: unknown, allowed: readonly string[]): AppError | null {
  if (typeof v !== 'string' || !allowed.includes(v)) return refuse(t('errUnknownValue', t(name), String(v).slice(0, 40), allowed.join(', ')));
  return null;
}

function isCondition(x: unknown): x is FilterCondition {
  return (
    Array.isArray(x) &&
    x.length === 3 &&
    typeof x[0] === 'string' &&
    typeof x[1] === 'string' &&
    (typeof x[2] === 'string' || typeof x[2] === 'number' || typeof x[2] === 'boolean')
  );
}

/** Count the conditions of a filter expression, or explain why it is malformed. */
export function countConditions(expr: unknown): number | string {
  if (isCondition(expr)) {
    if (!/^[a-z_][a-z0-9_.]*$/i.test(expr[0])) return t('errFilterField', expr[0].slice(0, 40));
    if (!(FILTER_OPERATORS as readonly string[]).includes(expr[1])) return t('errFilterOperator', expr[1].slice(0, 20));
    return 1;
  }
  if (!Array.isArray(expr) || expr.length === 0 || expr.length % 2 === 0) return t('errFilterMalformed');
  if (expr.length > 3) return t('errFilterTooWide');
  let total = 0;
  for (let i = 0; i < expr.length; i++) {
    const part: unknown = expr[i];
    if (i % 2 === 1) {
      if (part !== 'and' && part !== 'or') return t('errFilterJoin');
      continue;
    }
    const n = countConditions(part);
    if (typeof n === 'string') return n;
    total += n;
  }
  return total;
}

/** Conditions every returned row must meet: those reached from the top through "and" only. */
function requiredConditions(expr: unknown, out: FilterCondition[] = []): FilterCondition[] {
  if (isCondition(expr)) out.push(expr);
  else if (Array.isArray(expr) && expr.every((p, i) => i % 2 === 0 || p === 'and'))
    expr.forEach((p, i) => {
      if (i % 2 === 0) requiredConditions(p, out);
    });
  return out;
}

/**
 * Why a backlinks task can only return nothing (and still be charged), or null. By the API's
 * definitions: "live" rows are not lost, "lost" rows are lost, a new link (found on the last visit)
 * is not lost, and a field cannot be required both true and false.
 */
export function certainNothing(status: unknown, filters: unknown): string | null {
  const implied = new Map<string, boolean>();
  const clash = (field: string, value: boolean): boolean => {
    const had = implied.get(field);
    implied.set(field, value);
    return had !== undefined && had !== value;
  };
  if (status === 'live') implied.set('is_lost', false);
  if (status === 'lost') implied.set('is_lost', true);
  for (const [field, op, raw] of requiredConditions(filters)) {
    const value = raw === 'true' ? true : raw === 'false' ? false : raw;
    if (typeof value !== 'boolean' || (op !== '=' && op !== '<>')) continue;
    const v = op === '=' ? value : !value;
    if (field === 'is_lost' && clash('is_lost', v))
      return status === 'live' || status === 'lost'
        ? t('errFilterLostStatus', String(v), status)
        : t('errFilterBothWays', 'is_lost');
    if (field === 'is_new' && v && clash('is_lost', false)) return t('errFilterNewLost');
    if (field !== 'is_lost' && field !== 'is_new' && clash(field, v)) return t('errFilterBothWays', field);
  }
  return null;
}

function checkOrderBy(endpoint: 'anchors' | 'backlinks', v: unknown): AppError | null {
  return checkSortRules(v, ORDER_FIELDS[endpoint]);
}

/** `order_by`: at most three "field,asc|desc" rules on the given fields. */
export function checkSortRules(v: unknown, fields: readonly string[]): AppError | null {
  if (!Array.isArray(v)) return refuse(t('errSortNotList'));
  if (v.length > ORDER_BY_MAX) return refuse(t('errSortTooMany', String(ORDER_BY_MAX), String(v.length)));
  for (const rule of v) {
    const m = typeof rule === 'string' ? /^([a-z_.]+),(asc|desc)$/.exec(rule) : null;
    if (!m || !fields.includes(m[1] ?? '')) return refuse(t('errSortUnknown', String(rule).slice(0, 40)));
  }
  return null;
}

/**
 * Check a POST body (`[task]`) for an endpoint against what the API accepts. Pure; used by every
 * builder below. Returns null when the body may be sent.
 */
export function validateTask(endpoint: Endpoint, body: unknown): AppError | null {
  if (endpoint === 'account') return body === undefined ? null : refuse(t('errAccountNoBody'));
  if (!Array.isArray(body) || body.length !== 1 || !isRecord(body[0]))
    return refuse(t('errOneTask'));
  const task = body[0];

  // A task naming several targets (domain_intersection) checks them in its own builder.
  if ('target' in task || !('targets' in task)) {
    const target = task.target;
    if (typeof target !== 'string') return refuse(t('errTargetMissing'));
    const targetError = /^https?:\/\//i.test(target) ? checkPageTarget(target) : checkDomainTarget(target);
    if (targetError) return targetError;
  }
  if ('include_subdomains' in task && typeof task.include_subdomains !== 'boolean')
    return refuse(t('errSubdomainsBool'));
  for (const key of ['include_indirect_links', 'exclude_internal_backlinks'] as const)
    if (key in task && typeof task[key] !== 'boolean') return refuse(t('errFlagBool', key));
  if ('backlinks_status_type' in task) {
    const e = checkEnum('errFieldLinkStatus', task.backlinks_status_type, STATUS_TYPES);
    if (e) return e;
  }
  if ('rank_scale' in task) {
    const e = checkEnum('errFieldRankScale', task.rank_scale, RANK_SCALES);
    if (e) return e;
  }
  if ('tag' in task) {
    if (typeof task.tag !== 'string') return refuse(t('errTagText'));
    if (task.tag.length > TAG_MAX) return refuse(t('errTagTooLong', String(TAG_MAX), String(task.tag.length)));
  }

  if (endpoint === 'profile') {
    if ('internal_list_limit' in task) {
      const e = checkInt('errFieldListSize', task.internal_list_limit, 1, 1000);
      if (e) return e;
    }
    return null;
  }
  // Other endpoints check their own fields (the `check` of finish()); the list checks below are the anchors' and backlinks'.
  if (endpoint !== 'anchors' && endpoint !== 'backlinks') return null;

  const limitError = checkInt('errFieldRows', task.limit, LIMIT_MIN, LIMIT_MAX);
  if (limitError) return limitError;
  const offsetError = checkInt('errFieldOffset', task.offset ?? 0, 0, OFFSET_MAX, endpoint === 'backlinks' ? 'errOffsetHint' : undefined);
  if (offsetError) return offsetError;
  if ('order_by' in task) {
    const e = checkOrderBy(endpoint, task.order_by);
    if (e) return e;
  }
  if ('filters' in task) {
    const n = countConditions(task.filters);
    if (typeof n === 'string') return refuse(t('errFiltersInvalid', n));
    if (n > FILTERS_MAX) return refuse(t('errFiltersTooMany', String(FILTERS_MAX), String(n)));
  }
  if (endpoint === 'backlinks') {
    const nothing = certainNothing(task.backlinks_status_type ?? 'live', task.filters);
    if (nothing) return refuse(t('errAlwaysEmpty', nothing));
    if ('mode' in task) {
      const e = checkEnum('errFieldMode', task.mode, MODES);
      if (e) return e;
    }
    if ('search_after_token' in task) {
      const token = task.search_after_token;
      if (typeof token !== 'string' || token.length === 0 || token.length > 10_000) return refuse(t('errTokenInvalid'));
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Builders

/** Escape LIKE wildcards in user text so "%" and "_" match themselves (backslash escapes). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/**
 * Join conditions with "and" the way the API's own examples nest them: one condition stays flat,
 * several become `[a, "and", [b, "and", [c, …]]]`, so no level holds more than three elements.
 */
export function andAll(parts: FilterExpr[]): FilterExpr | undefined {
  if (parts.length === 0) return undefined;
  const last = parts[parts.length - 1]!;
  return parts.slice(0, -1).reduceRight<FilterExpr>((rest, p) => [p, 'and', rest], last);
}

/**
 * The fields every target-based task shares, checked: target (by scope), include_subdomains (domain and
 * host scopes), include_indirect_links, exclude_internal_backlinks, backlinks_status_type, rank_scale.
 * An endpoint's builder (./endpoints/<name>.schema.ts) picks the ones its API page documents.
 */
export function common(target: LookupTarget, options: QueryOptions): Outcome<CommonTask> {
  const scope: unknown = target.scope;
  const value = target.value;
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, error: refuse(t('errTargetEmpty')) };
  if (scope === 'page') {
    const e = checkPageTarget(value);
    if (e) return { ok: false, error: e };
  } else if (scope === 'domain' || scope === 'host') {
    const e = checkDomainTarget(value);
    if (e) return { ok: false, error: e };
  } else {
    return { ok: false, error: refuse(t('errUnknownScope', String(scope).slice(0, 20))) };
  }
  for (const [name, v, allowed] of [
    ['errFieldLinkStatus', options.statusType, STATUS_TYPES],
    ['errFieldRankScale', options.rankScale, RANK_SCALES],
  ] as const) {
    const e = checkEnum(name, v, allowed);
    if (e) return { ok: false, error: e };
  }
  const task: CommonTask = {
    target: value,
    include_indirect_links: options.includeIndirectLinks,
    exclude_internal_backlinks: options.excludeInternalBacklinks,
    backlinks_status_type: options.statusType,
    rank_scale: options.rankScale,
  };
  if (scope === 'domain') task.include_subdomains = options.includeSubdomains;
  if (scope === 'host') task.include_subdomains = false;
  return { ok: true, value: task };
}

/**
 * Wrap one task as the POST body and check it (validateTask, plus the endpoint's own `check`);
 * a refusal sends nothing.
 */
export function finish<T>(endpoint: Endpoint, task: T, check?: (task: T) => AppError | null): Outcome<[T]> {
  const body: [T] = [task];
  const error = validateTask(endpoint, body) ?? check?.(task) ?? null;
  return error ? { ok: false, error } : { ok: true, value: body };
}

export function textOf(text: unknown): Outcome<string> {
  if (typeof text !== 'string') return { ok: true, value: '' };
  const trimmed = text.trim();
  if (trimmed.length > TEXT_MAX) return { ok: false, error: refuse(t('errSearchTooLong', String(TEXT_MAX))) };
  return { ok: true, value: trimmed };
}

/** backlinks/summary/live */
export function buildProfileBody(params: ProfileParams): Outcome<[SummaryTask]> {
  const base = common(params.target, params.options);
  if (!base.ok) return base;
  return finish('profile', { ...base.value, internal_list_limit: INTERNAL_LIST_LIMIT });
}

/** backlinks/anchors/live */
export function buildAnchorsBody(params: AnchorsParams): Outcome<[AnchorsTask]> {
  const base = common(params.target, params.options);
  if (!base.ok) return base;
  const rule = (ANCHOR_SORT_RULE as Record<string, string>)[params.sort];
  if (!rule) return { ok: false, error: checkEnum('errFieldSort', params.sort, Object.keys(ANCHOR_SORT_RULE))! };
  const text = textOf(params.text);
  if (!text.ok) return text;
  const task: AnchorsTask = { ...base.value, limit: params.limit, offset: params.offset, order_by: [rule] };
  if (text.value) task.filters = ['anchor', 'ilike', containsPattern(text.value)];
  return finish('anchors', task);
}

/** Shown when "New" and "Lost" are both ticked. */
export const newAndLostMessage = (): string => t('errNewAndLost');

/**
 * The status type a backlinks list is asked with. By the API's definitions "live" returns only the
 * links found during the last check, so "Lost" (is_lost) can only be answered by "lost" ("all" with
 * an is_lost filter returns the same rows and is not needed). Every other filter combines with
 * "lost"; "New" cannot (a new link was found on the last visit), so that pair is refused.
 */
export function statusTypeFor(f: BacklinkFilters, chosen: CommonTask['backlinks_status_type']): Outcome<CommonTask['backlinks_status_type']> {
  if (!f.lostOnly) return { ok: true, value: chosen };
  if (f.newOnly) return { ok: false, error: refuse(newAndLostMessage()) };
  return { ok: true, value: 'lost' };
}

function backlinkFilters(f: BacklinkFilters): Outcome<FilterExpr | undefined> {
  const parts: FilterExpr[] = [];
  if (f.dofollowOnly) parts.push(['dofollow', '=', true]);
  if (f.newOnly) parts.push(['is_new', '=', true]);
  // Lost links come from the "lost" status type (see statusTypeFor), not from a filter.
  if (f.brokenOnly) parts.push(['is_broken', '=', true]);
  if (f.since !== undefined) {
    const day = dayMs(f.since);
    if (day === null) return { ok: false, error: refuse(t('errPeriodNotDate', f.since.slice(0, 20))) };
    // A period starting after today can only return nothing: refused before any call.
    if (day > Date.now()) return { ok: false, error: refuse(t('errPeriodFuture', isoDay(Date.now()))) };
    // Backlink items carry first_seen and last_seen (no lost date): a lost link was last seen just before it went.
    parts.push([f.lostOnly ? 'last_seen' : 'first_seen', '>=', `${f.since} 00:00:00 +00:00`]);
  }
  if (f.itemType !== 'any') {
    const e = checkEnum('errFieldLinkType', f.itemType, ['any', ...ITEM_TYPES]);
    if (e) return { ok: false, error: e };
    parts.push(['item_type', '=', f.itemType]);
  }
  const text = textOf(f.text);
  if (!text.ok) return text;
  if (text.value) {
    const pattern = containsPattern(text.value);
    parts.push([['anchor', 'ilike', pattern], 'or', ['domain_from', 'ilike', pattern]]);
  }
  return { ok: true, value: andAll(parts) };
}

/** backlinks/backlinks/live */
export function buildBacklinksBody(params: BacklinksParams): Outcome<[BacklinksTask]> {
  const base = common(params.target, params.options);
  if (!base.ok) return base;
  const field = (BACKLINK_SORT_FIELD as Record<string, string>)[params.sort];
  if (!field) return { ok: false, error: checkEnum('errFieldSort', params.sort, Object.keys(BACKLINK_SORT_FIELD))! };
  const dirError = checkEnum('errFieldSortDir', params.dir, ['desc', 'asc']);
  if (dirError) return { ok: false, error: dirError };
  const modeError = checkEnum('errFieldMode', params.mode, MODES);
  if (modeError) return { ok: false, error: modeError };
  const filters = backlinkFilters(params.filters);
  if (!filters.ok) return filters;
  const status = statusTypeFor(params.filters, base.value.backlinks_status_type);
  if (!status.ok) return status;

  const orderBy = [`${field},${params.dir}`];
  if (orderBy.length < ORDER_BY_MAX) orderBy.push(BACKLINKS_TIEBREAKER);

  const task: BacklinksTask = {
    ...base.value,
    backlinks_status_type: status.value,
    mode: params.mode,
    limit: params.limit,
    offset: params.offset,
    order_by: orderBy,
  };
  if (filters.value !== undefined) task.filters = filters.value;
  if (params.searchAfterToken) task.search_after_token = params.searchAfterToken;
  return finish('backlinks', task);
}
