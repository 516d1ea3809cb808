/**
 * referring_domains: one item per referring domain of the target's (filtered) backlinks, aggregated
 * like the summary, so total_count equals the summary's referring_domains for the same options and
 * the items' backlinks add up to the summary's backlinks.
 */
import { aggregate, type Row } from './data';
import { baseRows } from './engine';
import { matches, parseFilters, parseOrderBy, sortByRules, validateTask, type Expr, type OrderRule, type TaskOptions } from './query';

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
