/**
 * Task validation, filters, ordering and search_after_token for the sandbox, following the
 * documented request fields of the three live endpoints.
 */
import { createHash } from 'node:crypto';
import type { RankScale } from './data';

export type ApiEndpoint = 'summary' | 'anchors' | 'backlinks';

/** A refusal with a DataForSEO status code; the message follows the API's wording style. */
export class TaskError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const invalidField = (field: string) => new TaskError(40501, `Invalid Field: '${field}'.`);

const COMMON = ['target', 'include_subdomains', 'include_indirect_links', 'exclude_internal_backlinks', 'backlinks_status_type', 'rank_scale', 'tag'];
const ALLOWED: Record<ApiEndpoint, ReadonlySet<string>> = {
  summary: new Set([...COMMON, 'internal_list_limit', 'backlinks_filters']),
  anchors: new Set([...COMMON, 'limit', 'offset', 'internal_list_limit', 'filters', 'order_by', 'backlinks_filters']),
  backlinks: new Set([...COMMON, 'mode', 'custom_mode', 'filters', 'order_by', 'offset', 'search_after_token', 'limit']),
};

/** Scalar fields of a backlink item (filterable and sortable). */
export const BACKLINK_FIELDS: ReadonlySet<string> = new Set([
  'type', 'domain_from', 'url_from', 'url_from_https', 'domain_to', 'url_to', 'url_to_https', 'tld_from', 'is_new', 'is_lost',
  'backlink_spam_score', 'rank', 'page_from_rank', 'domain_from_rank', 'domain_from_is_ip', 'domain_from_ip', 'domain_from_country',
  'page_from_external_links', 'page_from_internal_links', 'page_from_size', 'page_from_encoding', 'page_from_language',
  'page_from_title', 'page_from_status_code', 'first_seen', 'prev_seen', 'last_seen', 'item_type', 'dofollow', 'original', 'alt',
  'image_url', 'anchor', 'text_pre', 'text_post', 'semantic_location', 'links_count', 'group_count', 'is_broken',
  'url_to_status_code', 'url_to_spam_score', 'url_to_redirect_target', 'is_indirect_link',
  'ranked_keywords_info.page_from_keywords_count_top_3', 'ranked_keywords_info.page_from_keywords_count_top_10',
  'ranked_keywords_info.page_from_keywords_count_top_100',
]);

/** Scalar fields of an anchor item; the referring_links_* maps are reachable as "map.key". */
export const ANCHOR_FIELDS: ReadonlySet<string> = new Set([
  'type', 'anchor', 'rank', 'backlinks', 'first_seen', 'lost_date', 'backlinks_spam_score', 'broken_backlinks', 'broken_pages',
  'referring_domains', 'referring_domains_nofollow', 'referring_main_domains', 'referring_main_domains_nofollow', 'referring_ips',
  'referring_subnets', 'referring_pages', 'referring_pages_nofollow',
]);
const ANCHOR_MAPS: ReadonlySet<string> = new Set([
  'referring_links_tld', 'referring_links_types', 'referring_links_attributes', 'referring_links_platform_types',
  'referring_links_semantic_locations', 'referring_links_countries',
]);

export type FieldKind = 'backlink' | 'anchor' | 'referring_domain' | 'competitor';

function knownField(kind: FieldKind, field: string): boolean {
  if (kind === 'backlink') return BACKLINK_FIELDS.has(field);
  if (kind === 'competitor') return field === 'type' || field === 'target' || field === 'rank' || field === 'intersections';
  // A referring-domain item has the anchor item's fields, with `domain` in place of `anchor`.
  if (kind === 'referring_domain' && (field === 'domain' || field === 'anchor')) return field === 'domain';
  if (ANCHOR_FIELDS.has(field)) return true;
  const dot = field.indexOf('.');
  return dot > 0 && ANCHOR_MAPS.has(field.slice(0, dot)) && dot < field.length - 1;
}

/** Value of a (possibly dotted) field; a missing key of a referring_links_* map counts as 0. */
export function fieldValue(obj: object, field: string): unknown {
  const rec = obj as Record<string, unknown>;
  const dot = field.indexOf('.');
  if (dot < 0) return rec[field];
  const head = field.slice(0, dot);
  const inner = rec[head];
  if (inner === null || inner === undefined || typeof inner !== 'object') return ANCHOR_MAPS.has(head) ? 0 : null;
  const v = (inner as Record<string, unknown>)[field.slice(dot + 1)];
  return v === undefined ? (ANCHOR_MAPS.has(head) ? 0 : null) : v;
}

// ---------------------------------------------------------------------------------------------
// Filters

export const FILTER_OPS = ['=', '<>', '>', '<', '>=', '<=', 'in', 'not_in', 'like', 'not_like', 'ilike', 'not_ilike', 'regex', 'not_regex', 'match', 'not_match'] as const;
type Op = (typeof FILTER_OPS)[number];

export type Expr =
  | { kind: 'cond'; field: string; op: Op; value: unknown; re?: RegExp }
  | { kind: 'group'; parts: Expr[]; joins: ('and' | 'or')[] };

const MAX_CONDITIONS = 8;

/** SQL LIKE: % any run of characters, _ one character, a backslash makes the next character literal. */
export function likeToRegExp(pattern: string, flags: string): RegExp {
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      body += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '%') body += '[\\s\\S]*';
    else if (c === '_') body += '[\\s\\S]';
    else body += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${body}$`, flags);
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * Parses and checks a filters array; throws 40501 naming `name` on any problem. Combined filters
 * nest as the API's examples do (`[a, "and", [b, "or", c]]`): like DataForSEO's own MCP tool
 * schema, a top-level array of more than 3 elements is refused.
 */
export function parseFilters(raw: unknown, kind: FieldKind, name: string): Expr {
  let count = 0;
  const bad = () => invalidField(name);
  if (Array.isArray(raw) && raw.length > 3) throw bad();
  // Deep enough for 8 conditions nested in threes ([a, "and", [b, "and", …]] is 7 levels), with room for "or" groups.
  const walk = (x: unknown, depth: number): Expr => {
    if (!Array.isArray(x) || x.length === 0 || depth > 16) throw bad();
    if (typeof x[0] === 'string') {
      if (x.length !== 3) throw bad();
      const [field, op, value] = x as [string, unknown, unknown];
      if (typeof op !== 'string' || !(FILTER_OPS as readonly string[]).includes(op)) throw bad();
      if (!knownField(kind, field)) throw bad();
      count++;
      const o = op as Op;
      const cond: Expr = { kind: 'cond', field, op: o, value };
      if (o === 'in' || o === 'not_in') {
        if (!Array.isArray(value) || value.length === 0 || !value.every(isScalar)) throw bad();
      } else if (o === 'like' || o === 'not_like' || o === 'ilike' || o === 'not_ilike') {
        if (typeof value !== 'string') throw bad();
        cond.re = likeToRegExp(value, o.includes('ilike') ? 'i' : '');
      } else if (o === 'regex' || o === 'not_regex') {
        if (typeof value !== 'string') throw bad();
        try {
          cond.re = new RegExp(value);
        } catch {
          throw bad();
        }
      } else if (o === 'match' || o === 'not_match') {
        if (typeof value !== 'string') throw bad();
      } else if (!isScalar(value)) throw bad();
      return cond;
    }
    if (x.length % 2 === 0) throw bad();
    const parts: Expr[] = [];
    const joins: ('and' | 'or')[] = [];
    x.forEach((el, i) => {
      if (i % 2 === 1) {
        if (el !== 'and' && el !== 'or') throw bad();
        joins.push(el);
      } else parts.push(walk(el, depth + 1));
    });
    return { kind: 'group', parts, joins };
  };
  const expr = walk(raw, 0);
  if (count > MAX_CONDITIONS) throw bad();
  return expr;
}

function coerce(fieldVal: unknown, v: unknown): unknown {
  if (typeof fieldVal === 'number' && typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  if (typeof fieldVal === 'boolean' && (v === 'true' || v === 'false')) return v === 'true';
  return v;
}

function compare(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

function evalCond(c: Extract<Expr, { kind: 'cond' }>, obj: object): boolean {
  const fv = fieldValue(obj, c.field);
  const v = coerce(fv, c.value);
  switch (c.op) {
    case '=':
      return fv === v || (fv === undefined && v === null);
    case '<>':
      return !(fv === v || (fv === undefined && v === null));
    case '>':
    case '<':
    case '>=':
    case '<=': {
      const d = compare(fv, v);
      if (d === null) return false;
      return c.op === '>' ? d > 0 : c.op === '<' ? d < 0 : c.op === '>=' ? d >= 0 : d <= 0;
    }
    case 'in':
    case 'not_in': {
      const list = (c.value as unknown[]).map((x) => coerce(fv, x));
      const hit = list.some((x) => x === fv);
      return c.op === 'in' ? hit : !hit;
    }
    case 'like':
    case 'ilike':
    case 'regex':
      return typeof fv === 'string' && (c.re as RegExp).test(fv);
    case 'not_like':
    case 'not_ilike':
    case 'not_regex':
      return !(typeof fv === 'string' && (c.re as RegExp).test(fv));
    case 'match':
    case 'not_match': {
      const words = String(c.value).toLowerCase().split(/\s+/).filter(Boolean);
      const hit = typeof fv === 'string' && words.every((w) => fv.toLowerCase().includes(w));
      return c.op === 'match' ? hit : !hit;
    }
  }
}

/** "and" binds tighter than "or", as in SQL. */
export function matches(expr: Expr, obj: object): boolean {
  if (expr.kind === 'cond') return evalCond(expr, obj);
  let any = false;
  let all = matches(expr.parts[0] as Expr, obj);
  for (let i = 0; i < expr.joins.length; i++) {
    const next = expr.parts[i + 1] as Expr;
    if (expr.joins[i] === 'or') {
      any = any || all;
      all = matches(next, obj);
    } else if (all) all = matches(next, obj);
  }
  return any || all;
}

// ---------------------------------------------------------------------------------------------
// Ordering

export interface OrderRule {
  field: string;
  desc: boolean;
}

export function parseOrderBy(raw: unknown, kind: FieldKind): OrderRule[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 3) throw invalidField('order_by');
  return raw.map((r) => {
    if (typeof r !== 'string') throw invalidField('order_by');
    const m = /^\s*([a-z0-9_.]+)\s*,\s*(asc|desc)\s*$/i.exec(r);
    if (!m || !knownField(kind, m[1] as string)) throw invalidField('order_by');
    return { field: m[1] as string, desc: (m[2] as string).toLowerCase() === 'desc' };
  });
}

/** Sorts (in place) by the rules; null values last whatever the direction; idx breaks ties. */
export function sortByRules<T extends { idx: number }>(list: T[], rules: readonly OrderRule[], get: (x: T) => object): T[] {
  const keyed = list.map((x) => ({ x, keys: rules.map((r) => fieldValue(get(x), r.field)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < rules.length; i++) {
      const va = a.keys[i];
      const vb = b.keys[i];
      const na = va === null || va === undefined;
      const nb = vb === null || vb === undefined;
      if (na || nb) {
        if (na && nb) continue;
        return na ? 1 : -1;
      }
      let d: number;
      if (typeof va === 'number' && typeof vb === 'number') d = va - vb;
      else {
        const sa = String(va);
        const sb = String(vb);
        d = sa < sb ? -1 : sa > sb ? 1 : 0;
      }
      if (d !== 0) return rules[i]!.desc ? -d : d;
    }
    return a.x.idx - b.x.idx;
  });
  for (let i = 0; i < keyed.length; i++) list[i] = keyed[i]!.x;
  return list;
}

// ---------------------------------------------------------------------------------------------
// Task validation

export type StatusType = 'live' | 'all' | 'lost';
export type Mode = 'as_is' | 'one_per_domain' | 'one_per_anchor';

export interface TaskOptions {
  target: string;
  includeSubdomains: boolean;
  includeIndirect: boolean;
  excludeInternal: boolean;
  status: StatusType;
  scale: RankScale;
  listLimit: number;
  limit: number;
  offset: number;
  filters: Expr | null;
  backlinksFilters: Expr | null;
  orderBy: OrderRule[];
  /** Grouping: a field and how many items per value (one_per_domain = domain_from, 1). */
  group: { field: string; value: number } | null;
  mode: Mode;
  customMode: { field: string; value: number } | null;
  token: string | null;
}

const CUSTOM_MODE_FIELDS = ['anchor', 'domain_from', 'domain_from_country', 'tld_from', 'page_from_encoding', 'page_from_language', 'item_type', 'page_from_status_code', 'semantic_location'];

const LABEL_RE = /^(?!-)[a-z0-9_\u00a1-\uffff-]{1,63}(?<!-)$/i;
const IPV4_RE = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/** A domain/subdomain without scheme, path and www., or an absolute http(s) URL. */
export function validTarget(t: unknown): t is string {
  if (typeof t !== 'string' || t.length === 0 || t.length > 2048 || /\s/.test(t)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) {
    if (!/^https?:\/\//i.test(t)) return false;
    try {
      const u = new URL(t);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0 && !u.username && !u.password;
    } catch {
      return false;
    }
  }
  if (/^www\./i.test(t)) return false;
  if (IPV4_RE.test(t)) return true;
  const labels = t.split('.');
  return t.length <= 253 && labels.length >= 2 && labels.every((l) => LABEL_RE.test(l)) && !/^\d+$/.test(labels[labels.length - 1] as string);
}

function optBool(task: Record<string, unknown>, field: string, dflt: boolean): boolean {
  const v = task[field];
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw invalidField(field);
  return v;
}

function optInt(task: Record<string, unknown>, field: string, dflt: number, min: number, max: number): number {
  const v = task[field];
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw invalidField(field);
  return v;
}

function optEnum<T extends string>(task: Record<string, unknown>, field: string, values: readonly T[], dflt: T): T {
  const v = task[field];
  if (v === undefined) return dflt;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) throw invalidField(field);
  return v as T;
}

export const MAX_OFFSET = 20_000;

/** Checks one task of the given endpoint; throws TaskError (40506 unknown fields, 40501 invalid field). */
export function validateTask(endpoint: ApiEndpoint, task: Record<string, unknown>): TaskOptions {
  const unknown = Object.keys(task).filter((k) => !ALLOWED[endpoint].has(k));
  if (unknown.length) throw new TaskError(40506, `Unknown Fields in POST Data: ${unknown.join(', ')}.`);
  if (!validTarget(task.target)) throw invalidField('target');
  const target = task.target;
  if (task.tag !== undefined && (typeof task.tag !== 'string' || task.tag.length > 255)) throw invalidField('tag');
  const opts: TaskOptions = {
    target,
    includeSubdomains: optBool(task, 'include_subdomains', true),
    includeIndirect: optBool(task, 'include_indirect_links', true),
    excludeInternal: optBool(task, 'exclude_internal_backlinks', true),
    status: optEnum<StatusType>(task, 'backlinks_status_type', ['live', 'all', 'lost'], 'live'),
    scale: optEnum<RankScale>(task, 'rank_scale', ['one_hundred', 'one_thousand'], 'one_thousand'),
    listLimit: endpoint === 'backlinks' ? 10 : optInt(task, 'internal_list_limit', 10, 1, 1000),
    limit: endpoint === 'summary' ? 1 : optInt(task, 'limit', 100, 1, 1000),
    offset: endpoint === 'summary' ? 0 : optInt(task, 'offset', 0, 0, MAX_OFFSET),
    filters: null,
    backlinksFilters: null,
    orderBy: [],
    group: null,
    mode: 'as_is',
    customMode: null,
    token: null,
  };
  if (task.backlinks_filters !== undefined) opts.backlinksFilters = parseFilters(task.backlinks_filters, 'backlink', 'backlinks_filters');
  if (task.filters !== undefined) opts.filters = parseFilters(task.filters, endpoint === 'anchors' ? 'anchor' : 'backlink', 'filters');
  if (task.order_by !== undefined) opts.orderBy = parseOrderBy(task.order_by, endpoint === 'anchors' ? 'anchor' : 'backlink');
  if (endpoint === 'backlinks') {
    opts.mode = optEnum<Mode>(task, 'mode', ['as_is', 'one_per_domain', 'one_per_anchor'], 'as_is');
    if (task.custom_mode !== undefined) {
      const cm = task.custom_mode;
      if (cm === null || typeof cm !== 'object' || Array.isArray(cm)) throw invalidField('custom_mode');
      const { field, value } = cm as Record<string, unknown>;
      const f = field === 'domain' ? 'domain_from' : field;
      if (typeof f !== 'string' || !CUSTOM_MODE_FIELDS.includes(f)) throw invalidField('custom_mode.field');
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1000) throw invalidField('custom_mode.value');
      opts.customMode = { field: field as string, value };
      opts.group = { field: f, value };
    } else if (opts.mode === 'one_per_domain') opts.group = { field: 'domain_from', value: 1 };
    else if (opts.mode === 'one_per_anchor') opts.group = { field: 'anchor', value: 1 };
    if (task.search_after_token !== undefined) {
      if (typeof task.search_after_token !== 'string' || task.search_after_token.length === 0 || task.search_after_token.length > 10_000) throw invalidField('search_after_token');
      opts.token = task.search_after_token;
    }
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// search_after_token

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = canonical((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** Fingerprint of every task parameter except the token itself and the free-form tag. */
export function taskFingerprint(endpoint: ApiEndpoint, task: Record<string, unknown>): string {
  const rest: Record<string, unknown> = { ...task };
  delete rest.search_after_token;
  delete rest.tag;
  return createHash('sha256').update(endpoint).update(JSON.stringify(canonical(rest))).digest('hex').slice(0, 32);
}

export function encodeToken(fp: string, position: number, target: string): string {
  return Buffer.from(JSON.stringify({ Version: 1, Target: target, Fingerprint: fp, RealOffset: position })).toString('base64');
}

/** The position a token continues from, or null when it is not ours or was made for other parameters. */
export function decodeToken(token: string, fp: string): number | null {
  try {
    if (!/^[A-Za-z0-9+/=_-]+$/.test(token)) return null;
    const obj = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Record<string, unknown>;
    if (obj.Version !== 1 || obj.Fingerprint !== fp) return null;
    const pos = obj.RealOffset;
    return typeof pos === 'number' && Number.isInteger(pos) && pos >= 0 ? pos : null;
  } catch {
    return null;
  }
}
