import type { Account, Anchor, AnchorsPage, Backlink, BacklinksPage, Profile } from '@/lib/model';
import type { AnchorItem, AnchorsResult, BacklinkItem, BacklinksResult, SummaryResult, UserDataResult } from './results.schema';

/**
 * The one place where the API's field names become the extension's names (lib/model.ts).
 * Every function here is total: it accepts the tolerant parse of lib/dataforseo/results.schema.ts and
 * never throws; anything missing becomes null (or [] for lists).
 */

/** undefined → null (the model has no undefined fields). */
export const v = <T>(x: T | null | undefined): T | null => (x === undefined ? null : x);

const API_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * "2019-11-15 12:57:46 +00:00" (the API's UTC format) → "2019-11-15T12:57:46.000Z".
 * Also takes ISO-like variants and other offsets; anything unparseable or impossible
 * (month 13, Feb 30…) → null.
 */
export function apiDateToIso(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const m = API_DATE.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let offsetMinutes = 0;
  if (zone && !/^(z|utc)$/i.test(zone)) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 14 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const base = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(base);
  // Date.UTC rolls over impossible dates (Feb 30 → Mar 2): refuse those.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const t = base - offsetMinutes * 60_000;
  if (!Number.isFinite(t)) return null;
  return new Date(t).toISOString();
}

/** label → count object → `[{key, count}]`, largest count first (ties keep the API's order). */
export function toBreakdown(obj: Record<string, number> | null | undefined): { key: string; count: number }[] {
  if (!obj) return [];
  return Object.entries(obj)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count);
}

export function mapProfile(r: SummaryResult): Profile {
  const info = r.info ?? null;
  return {
    target: v(r.target),
    rank: v(r.rank),
    backlinks: v(r.backlinks),
    backlinksSpamScore: v(r.backlinks_spam_score),
    crawledPages: v(r.crawled_pages),
    referringDomains: v(r.referring_domains),
    referringDomainsNofollow: v(r.referring_domains_nofollow),
    referringMainDomains: v(r.referring_main_domains),
    referringMainDomainsNofollow: v(r.referring_main_domains_nofollow),
    referringIps: v(r.referring_ips),
    referringSubnets: v(r.referring_subnets),
    referringPages: v(r.referring_pages),
    referringPagesNofollow: v(r.referring_pages_nofollow),
    brokenBacklinks: v(r.broken_backlinks),
    brokenPages: v(r.broken_pages),
    internalLinks: v(r.internal_links_count),
    externalLinks: v(r.external_links_count),
    firstSeen: apiDateToIso(r.first_seen),
    lostDate: apiDateToIso(r.lost_date),
    info: {
      server: v(info?.server),
      cms: v(info?.cms),
      platformTypes: info?.platform_type ?? [],
      ipAddress: v(info?.ip_address),
      country: v(info?.country),
      isIp: v(info?.is_ip),
      targetSpamScore: v(info?.target_spam_score),
    },
    tlds: toBreakdown(r.referring_links_tld),
    linkTypes: toBreakdown(r.referring_links_types),
    linkAttributes: toBreakdown(r.referring_links_attributes),
    platformTypes: toBreakdown(r.referring_links_platform_types),
    semanticLocations: toBreakdown(r.referring_links_semantic_locations),
    countries: toBreakdown(r.referring_links_countries),
  };
}

/** A summary with no result row at all: every figure unknown. */
export function emptyProfile(target: string | null): Profile {
  return mapProfile({ target });
}

export function mapAnchor(a: AnchorItem): Anchor {
  return {
    anchor: v(a.anchor),
    rank: v(a.rank),
    backlinks: v(a.backlinks),
    backlinksSpamScore: v(a.backlinks_spam_score),
    referringDomains: v(a.referring_domains),
    referringDomainsNofollow: v(a.referring_domains_nofollow),
    referringMainDomains: v(a.referring_main_domains),
    referringPages: v(a.referring_pages),
    referringPagesNofollow: v(a.referring_pages_nofollow),
    brokenBacklinks: v(a.broken_backlinks),
    firstSeen: apiDateToIso(a.first_seen),
    lostDate: apiDateToIso(a.lost_date),
  };
}

export function mapAnchorsPage(r: AnchorsResult | null): AnchorsPage {
  return {
    totalCount: v(r?.total_count),
    items: (r?.items ?? []).filter((x): x is AnchorItem => x !== null).map(mapAnchor),
  };
}

export function mapBacklink(b: BacklinkItem): Backlink {
  return {
    domainFrom: v(b.domain_from),
    urlFrom: v(b.url_from),
    domainTo: v(b.domain_to),
    urlTo: v(b.url_to),
    tldFrom: v(b.tld_from),
    isNew: v(b.is_new),
    isLost: v(b.is_lost),
    isBroken: v(b.is_broken),
    isIndirect: v(b.is_indirect_link),
    spamScore: v(b.backlink_spam_score),
    rank: v(b.rank),
    pageFromRank: v(b.page_from_rank),
    domainFromRank: v(b.domain_from_rank),
    domainFromCountry: v(b.domain_from_country),
    pageFromTitle: v(b.page_from_title),
    pageFromLanguage: v(b.page_from_language),
    pageFromStatusCode: v(b.page_from_status_code),
    firstSeen: apiDateToIso(b.first_seen),
    prevSeen: apiDateToIso(b.prev_seen),
    lastSeen: apiDateToIso(b.last_seen),
    itemType: v(b.item_type),
    attributes: b.attributes ?? [],
    dofollow: v(b.dofollow),
    anchor: v(b.anchor),
    alt: v(b.alt),
    imageUrl: v(b.image_url),
    textPre: v(b.text_pre),
    textPost: v(b.text_post),
    semanticLocation: v(b.semantic_location),
    linksCount: v(b.links_count),
    groupCount: v(b.group_count),
    urlToStatusCode: v(b.url_to_status_code),
    urlToSpamScore: v(b.url_to_spam_score),
    urlToRedirectTarget: v(b.url_to_redirect_target),
    pageFromExternalLinks: v(b.page_from_external_links),
    domainFromPlatformTypes: (b.domain_from_platform_type ?? []).filter((t): t is string => typeof t === 'string'),
    rankedKeywordsTop10: v(b.ranked_keywords_info?.page_from_keywords_count_top_10),
    rankedKeywordsTop100: v(b.ranked_keywords_info?.page_from_keywords_count_top_100),
    indirectPath: (b.indirect_link_path ?? [])
      .filter((p) => p !== null)
      .map((p) => ({ type: v(p.type), statusCode: v(p.status_code), url: v(p.url) })),
  };
}

export function mapBacklinksPage(r: BacklinksResult | null): BacklinksPage {
  const token = v(r?.search_after_token);
  return {
    totalCount: v(r?.total_count),
    items: (r?.items ?? []).filter((x): x is BacklinkItem => x !== null).map(mapBacklink),
    searchAfterToken: token === '' ? null : token,
  };
}

export function mapAccount(r: UserDataResult): Account {
  const money = r.money ?? null;
  const dayLimit = v(money?.limits?.day?.total);
  return {
    login: v(r.login),
    timezone: v(r.timezone),
    balance: v(money?.balance),
    totalDeposited: v(money?.total),
    backlinksSubscriptionExpiry: apiDateToIso(r.backlinks_subscription_expiry_date),
    // The dashboard reports an unset daily limit as 0: show that as "no limit".
    dailyCostLimit: dayLimit !== null && dayLimit > 0 ? dayLimit : null,
    spentToday: v(money?.statistics?.day?.total),
  };
}
