/**
 * referring_domains: one item per referring domain of the target's (filtered) backlinks, aggregated
 * like the summary, so total_count equals the summary's referring_domains for the same options and
 * the items' backlinks add up to the summary's backlinks.
 */
import { aggregate, scaleRank, type Row } from './data';
import { summaryOf } from './bulk';
import { rng } from './prng';
import { baseRows } from './engine';
import { TaskError, invalidField, matches, parseFilters, parseOrderBy, sortByRules, validateTask, type Expr, type OrderRule, type TaskOptions } from './query';

export interface ReferringDomainItem {
  type: 'backlinks_referring_domain';
  domain: string;
  rank: number;
  [field: string]: unknown;
}

export interface ReferringDomainsOptions {
  o: TaskOptions;
  filters: Expr | null;
  orderBy: OrderRule[];
}

/** Same fields and limits as anchors (the documented lists are identical); filters and order_by on referring-domain items. */
export function validateReferringDomains(task: Record<string, unknown>): ReferringDomainsOptions {
  const { filters, order_by, ...rest } = task;
  const o = validateTask('anchors', rest);
  return {
    o,
    filters: filters === undefined ? null : parseFilters(filters, 'referring_domain', 'filters'),
    orderBy: order_by === undefined ? [] : parseOrderBy(order_by, 'referring_domain'),
  };
}

export function referringDomainItems(rows: readonly Row[], listLimit: number): { item: ReferringDomainItem; idx: number }[] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const d = row.item.domain_from;
    let g = groups.get(d);
    if (!g) groups.set(d, (g = []));
    g.push(row);
  }
  const out: { item: ReferringDomainItem; idx: number }[] = [];
  for (const [domain, g] of groups) {
    const a = aggregate(g, listLimit);
    let rank = 0;
    for (const r of g) if (r.item.domain_from_rank > rank) rank = r.item.domain_from_rank;
    out.push({
      idx: out.length,
      item: {
        type: 'backlinks_referring_domain',
        domain,
        rank,
        backlinks: a.backlinks,
        first_seen: a.first_seen,
        lost_date: a.all_lost ? a.last_lost : null,
        backlinks_spam_score: a.spam_avg,
        broken_backlinks: a.broken_backlinks,
        broken_pages: a.broken_pages,
        referring_domains: a.referring_domains,
        referring_domains_nofollow: a.referring_domains_nofollow,
        referring_main_domains: a.referring_main_domains,
        referring_main_domains_nofollow: a.referring_main_domains_nofollow,
        referring_ips: a.referring_ips,
        referring_subnets: a.referring_subnets,
        referring_pages: a.referring_pages,
        referring_pages_nofollow: a.referring_pages_nofollow,
        referring_links_tld: a.referring_links_tld,
        referring_links_types: a.referring_links_types,
        referring_links_attributes: a.referring_links_attributes,
        referring_links_platform_types: a.referring_links_platform_types,
        referring_links_semantic_locations: a.referring_links_semantic_locations,
        referring_links_countries: a.referring_links_countries,
      },
    });
  }
  return out;
}

export function referringDomains(seed: string, r: ReferringDomainsOptions): { result: Record<string, unknown>; rows: number } {
  const { o } = r;
  let list = referringDomainItems(baseRows(seed, o, o.backlinksFilters), o.listLimit);
  if (r.filters) {
    const f = r.filters;
    list = list.filter((x) => matches(f, x.item));
  }
  list = sortByRules(list, r.orderBy.length ? r.orderBy : [{ field: 'rank', desc: true }], (x) => x.item);
  const page = list.slice(o.offset, o.offset + o.limit).map((x) => x.item);
  return { result: { target: o.target, total_count: list.length, items_count: page.length, items: page }, rows: page.length };
}

// ---------------------------------------------------------------------------------------------
// domain_intersection

/** The documented request fields (backlinks_status_type too: DataForSEO's page lists it for both intersection endpoints). */
const INTERSECTION_FIELDS = new Set(['targets', 'exclude_targets', 'intersection_mode', 'order_by', 'limit', 'offset', 'include_subdomains', 'include_indirect_links', 'exclude_internal_backlinks', 'backlinks_status_type', 'internal_list_limit', 'rank_scale', 'tag']);
export const MAX_INTERSECTION_TARGETS = 20;
export const MAX_EXCLUDE_TARGETS = 10;

export interface IntersectionOptions {
  /** Key of the numbered object → task options for that target. */
  targets: [string, TaskOptions][];
  exclude: TaskOptions[];
  mode: 'all' | 'partial';
  desc: boolean;
  limit: number;
  offset: number;
}

export function validateIntersection(task: Record<string, unknown>): IntersectionOptions {
  const unknown = Object.keys(task).filter((k) => !INTERSECTION_FIELDS.has(k));
  if (unknown.length) throw new TaskError(40506, `Unknown Fields in POST Data: ${unknown.join(', ')}.`);
  const { targets, exclude_targets, intersection_mode, order_by, ...common } = task;
  if (targets === null || typeof targets !== 'object' || Array.isArray(targets)) throw invalidField('targets');
  const entries = Object.entries(targets as Record<string, unknown>);
  if (entries.length === 0 || entries.length > MAX_INTERSECTION_TARGETS || !entries.every(([k]) => /^[1-9]\d*$/.test(k))) throw invalidField('targets');
  const opts = (t: unknown, field: string) => {
    try {
      return validateTask('anchors', { ...common, target: t });
    } catch (e) {
      if (e instanceof TaskError && e.message.includes("'target'")) throw invalidField(field);
      throw e;
    }
  };
  const list = entries.map(([k, t]) => [k, opts(t, 'targets')] as [string, TaskOptions]);
  let exclude: TaskOptions[] = [];
  if (exclude_targets !== undefined) {
    if (!Array.isArray(exclude_targets) || exclude_targets.length > MAX_EXCLUDE_TARGETS) throw invalidField('exclude_targets');
    exclude = exclude_targets.map((t) => opts(t, 'exclude_targets'));
  }
  if (intersection_mode !== undefined && intersection_mode !== 'all' && intersection_mode !== 'partial') throw invalidField('intersection_mode');
  let desc = true;
  if (order_by !== undefined) {
    if (!Array.isArray(order_by) || order_by.length !== 1 || typeof order_by[0] !== 'string') throw invalidField('order_by');
    const m = /^\s*intersections_count\s*,\s*(asc|desc)\s*$/i.exec(order_by[0]);
    if (!m) throw invalidField('order_by');
    desc = (m[1] as string).toLowerCase() === 'desc';
  }
  const first = list[0]![1];
  return { targets: list, exclude, mode: (intersection_mode as 'all' | 'partial' | undefined) ?? 'all', desc, limit: first.limit, offset: first.offset };
}

function domainsOf(seed: string, o: TaskOptions): Map<string, ReferringDomainItem> {
  return new Map(referringDomainItems(baseRows(seed, o, null), o.listLimit).map((x) => [x.item.domain, x.item]));
}

export function domainIntersection(seed: string, r: IntersectionOptions): { result: Record<string, unknown>; rows: number } {
  const per = r.targets.map(([k, o]) => [k, domainsOf(seed, o)] as const);
  const excluded = new Set<string>();
  for (const o of r.exclude) for (const d of domainsOf(seed, o).keys()) excluded.add(d);
  const counts = new Map<string, number>();
  for (const [, m] of per) for (const d of m.keys()) counts.set(d, (counts.get(d) ?? 0) + 1);
  const need = r.mode === 'all' ? per.length : 1;
  const rows: { domain: string; n: number; rank: number }[] = [];
  for (const [d, n] of counts) {
    if (n < need || excluded.has(d)) continue;
    let rank = 0;
    for (const [, m] of per) rank = Math.max(rank, m.get(d)?.rank ?? 0);
    rows.push({ domain: d, n, rank });
  }
  rows.sort((a, b) => (r.desc ? b.n - a.n : a.n - b.n) || b.rank - a.rank || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
  const items = rows.slice(r.offset, r.offset + r.limit).map(({ domain, n }) => {
    const byTarget: Record<string, unknown> = {};
    for (const [k, m] of per) {
      const it = m.get(domain);
      if (!it) {
        byTarget[k] = null;
        continue;
      }
      const { domain: _d, type: _t, ...rest } = it;
      byTarget[k] = { type: 'backlinks_domain_intersection', target: domain, ...rest };
    }
    return { domain_intersection: byTarget, summary: { intersections_count: n } };
  });
  // The result echoes the numbered targets object, as the API's result does (`targets`).
  const targets = Object.fromEntries(r.targets.map(([k, o]) => [k, o.target]));
  return { result: { targets, total_count: rows.length, items_count: items.length, items }, rows: items.length };
}

// ---------------------------------------------------------------------------------------------
// competitors

const COMPETITOR_FIELDS = new Set(['target', 'main_domain', 'exclude_large_domains', 'exclude_internal_backlinks', 'filters', 'order_by', 'limit', 'offset', 'rank_scale', 'tag']);
const CANDIDATES = 10;
const NAME_WORDS = ['green', 'tech', 'daily', 'market', 'review', 'garden', 'travel', 'photo', 'city', 'open', 'smart', 'blue', 'north', 'pixel', 'data', 'cloud', 'home', 'food', 'health', 'money'];
const NAME_TLDS = ['com', 'net', 'org', 'io', 'co.uk', 'de'];

export interface CompetitorOptions {
  o: TaskOptions;
  filters: Expr | null;
  orderBy: OrderRule[];
}

export function validateCompetitors(task: Record<string, unknown>): CompetitorOptions {
  const unknown = Object.keys(task).filter((k) => !COMPETITOR_FIELDS.has(k));
  if (unknown.length) throw new TaskError(40506, `Unknown Fields in POST Data: ${unknown.join(', ')}.`);
  const { filters, order_by, main_domain, exclude_large_domains, ...rest } = task;
  if (main_domain !== undefined && typeof main_domain !== 'boolean') throw invalidField('main_domain');
  if (exclude_large_domains !== undefined && typeof exclude_large_domains !== 'boolean') throw invalidField('exclude_large_domains');
  const o = validateTask('anchors', rest);
  return {
    o,
    filters: filters === undefined ? null : parseFilters(filters, 'competitor', 'filters'),
    orderBy: order_by === undefined ? [] : parseOrderBy(order_by, 'competitor'),
  };
}

/** The candidate competitor domains of a target (deterministic, never the target itself). */
export function competitorCandidates(seed: string, target: string): string[] {
  const r = rng(`${seed}|competitors|${target.toLowerCase()}`);
  const out = new Set<string>();
  while (out.size < CANDIDATES) {
    const name = `${r.pick(NAME_WORDS)}-${r.pick(NAME_WORDS)}${r.int(1, 99)}.${r.pick(NAME_TLDS)}`;
    if (name !== target.toLowerCase()) out.add(name);
  }
  return [...out];
}

const domainSets = new Map<string, Set<string>>();
function domainSet(seed: string, o: TaskOptions): Set<string> {
  const key = `${seed}\u0000${o.target.toLowerCase()}\u0000${o.excludeInternal}`;
  let s = domainSets.get(key);
  if (!s) {
    s = new Set(baseRows(seed, o, null).map((r) => r.item.domain_from));
    domainSets.set(key, s);
    if (domainSets.size > 2000) domainSets.delete(domainSets.keys().next().value as string);
  }
  return s;
}

/** Candidates sharing at least one referring domain with the target; `intersections` = the shared count. */
export function competitors(seed: string, c: CompetitorOptions): { result: Record<string, unknown>; rows: number } {
  const { o } = c;
  const mine = domainSet(seed, o);
  let list: { item: Record<string, unknown>; idx: number }[] = [];
  for (const cand of competitorCandidates(seed, o.target)) {
    const co = validateTask('anchors', { target: cand, exclude_internal_backlinks: o.excludeInternal, rank_scale: o.scale });
    let n = 0;
    for (const d of domainSet(seed, co)) if (mine.has(d)) n++;
    if (n === 0) continue;
    const rank = summaryOf(seed, cand).rank;
    list.push({ idx: list.length, item: { type: 'backlinks_competitor', target: cand, rank: typeof rank === 'number' ? scaleRank(rank, o.scale) : 0, intersections: n } });
  }
  if (c.filters) {
    const f = c.filters;
    list = list.filter((x) => matches(f, x.item));
  }
  list = sortByRules(list, c.orderBy.length ? c.orderBy : [{ field: 'intersections', desc: true }], (x) => x.item);
  const page = list.slice(o.offset, o.offset + o.limit).map((x) => x.item);
  return { result: { target: o.target, total_count: list.length, items_count: page.length, items: page }, rows: page.length };
}
