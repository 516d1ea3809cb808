import { z } from 'zod/mini';
import { parseFirst, type Task } from './envelope.schema';
import { bool, breakdown, list, num, obj, record, str, strList } from './fields.schema';

/**
 * Zod schemas of the result rows of the profile, anchors, backlinks and account endpoints (tolerant,
 * see ./fields.schema.ts), and the parse of a task's first row with its endpoint's schema.
 */

// ---------------------------------------------------------------------------------------------
// backlinks/summary/live

export const TargetInfoShape = {
  server: str(),
  cms: str(),
  platform_type: strList(),
  ip_address: str(),
  country: str(),
  is_ip: bool(),
  target_spam_score: num(),
};

/** The figures summary results and anchor items share: counts of what links to the target, and breakdowns. */
export const ReferringStats = {
  backlinks_spam_score: num(),
  broken_backlinks: num(),
  broken_pages: num(),
  referring_domains: num(),
  referring_domains_nofollow: num(),
  referring_main_domains: num(),
  referring_main_domains_nofollow: num(),
  referring_ips: num(),
  referring_subnets: num(),
  referring_pages: num(),
  referring_pages_nofollow: num(),
  referring_links_tld: breakdown(),
  referring_links_types: breakdown(),
  referring_links_attributes: breakdown(),
  referring_links_platform_types: breakdown(),
  referring_links_semantic_locations: breakdown(),
  referring_links_countries: breakdown(),
};

export const SummaryResultShape = {
  target: str(),
  first_seen: str(),
  lost_date: str(),
  rank: num(),
  backlinks: num(),
  crawled_pages: num(),
  info: obj(TargetInfoShape),
  internal_links_count: num(),
  external_links_count: num(),
  ...ReferringStats,
};
export const SummaryResultSchema = z.looseObject(SummaryResultShape);
export type SummaryResult = z.infer<typeof SummaryResultSchema>;

// ---------------------------------------------------------------------------------------------
// backlinks/anchors/live

export const AnchorItemShape = {
  type: str(),
  anchor: str(),
  rank: num(),
  backlinks: num(),
  first_seen: str(),
  lost_date: str(),
  ...ReferringStats,
};
export const AnchorItemSchema = z.looseObject(AnchorItemShape);
export type AnchorItem = z.infer<typeof AnchorItemSchema>;

export const AnchorsResultShape = {
  target: str(),
  total_count: num(),
  items_count: num(),
  items: list(AnchorItemShape),
};
export const AnchorsResultSchema = z.looseObject(AnchorsResultShape);
export type AnchorsResult = z.infer<typeof AnchorsResultSchema>;

// ---------------------------------------------------------------------------------------------
// backlinks/backlinks/live

export const IndirectLinkShape = {
  type: str(),
  status_code: num(),
  url: str(),
};

export const BacklinkItemShape = {
  type: str(),
  domain_from: str(),
  url_from: str(),
  url_from_https: bool(),
  domain_to: str(),
  url_to: str(),
  url_to_https: bool(),
  tld_from: str(),
  is_new: bool(),
  is_lost: bool(),
  backlink_spam_score: num(),
  rank: num(),
  page_from_rank: num(),
  domain_from_rank: num(),
  domain_from_platform_type: strList(),
  domain_from_is_ip: bool(),
  domain_from_ip: str(),
  domain_from_country: str(),
  page_from_external_links: num(),
  page_from_internal_links: num(),
  page_from_size: num(),
  page_from_encoding: str(),
  page_from_language: str(),
  page_from_title: str(),
  page_from_status_code: num(),
  first_seen: str(),
  prev_seen: str(),
  last_seen: str(),
  item_type: str(),
  attributes: strList(),
  dofollow: bool(),
  original: bool(),
  alt: str(),
  image_url: str(),
  anchor: str(),
  text_pre: str(),
  text_post: str(),
  semantic_location: str(),
  links_count: num(),
  group_count: num(),
  is_broken: bool(),
  url_to_status_code: num(),
  url_to_spam_score: num(),
  url_to_redirect_target: str(),
  ranked_keywords_info: obj({
    page_from_keywords_count_top_3: num(),
    page_from_keywords_count_top_10: num(),
    page_from_keywords_count_top_100: num(),
  }),
  is_indirect_link: bool(),
  indirect_link_path: list(IndirectLinkShape),
};
export const BacklinkItemSchema = z.looseObject(BacklinkItemShape);
export type BacklinkItem = z.infer<typeof BacklinkItemSchema>;

export const BacklinksResultShape = {
  target: str(),
  mode: str(),
  custom_mode: record(),
  total_count: num(),
  items_count: num(),
  items: list(BacklinkItemShape),
  search_after_token: str(),
};
export const BacklinksResultSchema = z.looseObject(BacklinksResultShape);
export type BacklinksResult = z.infer<typeof BacklinksResultSchema>;

// ---------------------------------------------------------------------------------------------
// appendix/user_data (only the parts the extension shows; the rest passes through untouched)

/** money.limits.day / money.statistics.day: per-API objects plus `total` and `total_<api>` numbers. */
const MoneyPeriodShape = {
  total: num(),
  total_backlinks: num(),
};

export const UserDataResultShape = {
  login: str(),
  timezone: str(),
  rates: record(),
  money: obj({
    total: num(),
    balance: num(),
    limits: obj({ day: obj(MoneyPeriodShape), minute: obj(MoneyPeriodShape) }),
    statistics: obj({ day: obj(MoneyPeriodShape), minute: obj(MoneyPeriodShape) }),
  }),
  price: record(),
  backlinks_subscription_expiry_date: str(),
};
export const UserDataResultSchema = z.looseObject(UserDataResultShape);
export type UserDataResult = z.infer<typeof UserDataResultSchema>;

/** Which result schema goes with which endpoint. */
export const RESULT_SCHEMAS = {
  profile: SummaryResultSchema,
  anchors: AnchorsResultSchema,
  backlinks: BacklinksResultSchema,
  account: UserDataResultSchema,
} as const;

/**
 * Parse the first result row of a task for an endpoint. A row that is not an object → null (the
 * caller decides whether "no row" is an error).
 */
export function parseFirstResult<E extends keyof typeof RESULT_SCHEMAS>(
  endpoint: E,
  task: Task,
): z.infer<(typeof RESULT_SCHEMAS)[E]> | null {
  return parseFirst(RESULT_SCHEMAS[endpoint], task) as z.infer<(typeof RESULT_SCHEMAS)[E]> | null;
}
