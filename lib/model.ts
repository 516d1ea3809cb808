import { z } from 'zod/mini';

/**
 * The extension's own view of the API data, named after what the user sees.
 * lib/dataforseo maps the API's field names to these once; nothing else reads API field names.
 * Every field may be null: the API may omit anything.
 */
const n = z.nullable(z.number());
const s = z.nullable(z.string());
const b = z.nullable(z.boolean());
/** label → count, in the order the API gave (largest first in practice). */
const Breakdown = z.array(z.object({ key: z.string(), count: z.number() }));

export const ProfileSchema = z.object({
  target: s,
  rank: n,
  backlinks: n,
  backlinksSpamScore: n,
  crawledPages: n,
  referringDomains: n,
  referringDomainsNofollow: n,
  referringMainDomains: n,
  referringMainDomainsNofollow: n,
  referringIps: n,
  referringSubnets: n,
  referringPages: n,
  referringPagesNofollow: n,
  brokenBacklinks: n,
  brokenPages: n,
  internalLinks: n,
  externalLinks: n,
  /** ISO timestamp (converted from "yyyy-mm-dd hh:mm:ss +00:00") or null. */
  firstSeen: s,
  lostDate: s,
  info: z.object({
    server: s,
    cms: s,
    platformTypes: z.array(z.string()),
    ipAddress: s,
    country: s,
    isIp: b,
    targetSpamScore: n,
  }),
  tlds: Breakdown,
  linkTypes: Breakdown,
  linkAttributes: Breakdown,
  platformTypes: Breakdown,
  semanticLocations: Breakdown,
  countries: Breakdown,
});
export type Profile = z.infer<typeof ProfileSchema>;

export const AnchorSchema = z.object({
  /** '' for an empty anchor (image links, empty <a>); null when the API sent none. */
  anchor: s,
  rank: n,
  backlinks: n,
  backlinksSpamScore: n,
  referringDomains: n,
  referringDomainsNofollow: n,
  referringMainDomains: n,
  referringPages: n,
  referringPagesNofollow: n,
  brokenBacklinks: n,
  firstSeen: s,
  lostDate: s,
});
export type Anchor = z.infer<typeof AnchorSchema>;

export const BacklinkSchema = z.object({
  domainFrom: s,
  urlFrom: s,
  domainTo: s,
  urlTo: s,
  tldFrom: s,
  isNew: b,
  isLost: b,
  isBroken: b,
  isIndirect: b,
  spamScore: n,
  rank: n,
  pageFromRank: n,
  domainFromRank: n,
  domainFromCountry: s,
  pageFromTitle: s,
  pageFromLanguage: s,
  pageFromStatusCode: n,
  firstSeen: s,
  prevSeen: s,
  lastSeen: s,
  /** anchor | image | meta | canonical | alternate | redirect | link | other strings the API may add */
  itemType: s,
  attributes: z.array(z.string()),
  dofollow: b,
  anchor: s,
  alt: s,
  imageUrl: s,
  textPre: s,
  textPost: s,
  semanticLocation: s,
  linksCount: n,
  groupCount: n,
  urlToStatusCode: n,
  urlToSpamScore: n,
  urlToRedirectTarget: s,
  // Added in 0.2; optional so cache entries written before stay readable.
  pageFromExternalLinks: z.optional(n),
  domainFromPlatformTypes: z.optional(z.array(z.string())),
  rankedKeywordsTop10: z.optional(n),
  rankedKeywordsTop100: z.optional(n),
  indirectPath: z.array(z.object({ type: s, statusCode: n, url: s })),
});
export type Backlink = z.infer<typeof BacklinkSchema>;

export const AnchorsPageSchema = z.object({
  totalCount: n,
  items: z.array(AnchorSchema),
});
export type AnchorsPage = z.infer<typeof AnchorsPageSchema>;

export const BacklinksPageSchema = z.object({
  totalCount: n,
  items: z.array(BacklinkSchema),
  searchAfterToken: s,
});
export type BacklinksPage = z.infer<typeof BacklinksPageSchema>;

/** The free appendix/user_data answer, as the options page shows it. */
export const AccountSchema = z.object({
  login: s,
  timezone: s,
  balance: n,
  totalDeposited: n,
  /** null: no subscription date given (pay-as-you-go or none). */
  backlinksSubscriptionExpiry: s,
  /** Daily money limit set in the dashboard, if any. */
  dailyCostLimit: n,
  spentToday: n,
});
export type Account = z.infer<typeof AccountSchema>;
