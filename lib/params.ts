import { z } from 'zod/mini';
import { DEFAULT_FILTERS, RANK_SCALES, SCOPES, STATUS_TYPES } from './defaults';

/**
 * What the user can ask for, in the extension's own terms. lib/dataforseo/requests.ts turns these
 * into API task bodies (and refuses what the API would reject); the cache key is built from them.
 */

/** What part of a site is checked. (Constants pages need live in lib/defaults.ts, without zod.) */
export { SCOPES, DEFAULT_FILTERS };
export const ScopeSchema = z.enum(SCOPES);
export type Scope = z.infer<typeof ScopeSchema>;

/**
 * A lookup target as the API takes it: `value` is a registrable domain or host in punycode
 * without `www.` (scope domain/host), or an absolute http(s) URL without fragment (scope page).
 */
export const LookupTargetSchema = z.object({
  scope: ScopeSchema,
  value: z.string().check(z.minLength(1), z.maxLength(2048)),
  /** The same target for people: Unicode domain, shortened URL. */
  display: z.string().check(z.maxLength(2048)),
});
export type LookupTarget = z.infer<typeof LookupTargetSchema>;

export const StatusTypeSchema = z.enum(STATUS_TYPES);
export const RankScaleSchema = z.enum(RANK_SCALES);

/** Options shared by every paid call; they change the answer, so they are part of the cache key. */
export const QueryOptionsSchema = z.object({
  includeSubdomains: z.boolean(),
  includeIndirectLinks: z.boolean(),
  excludeInternalBacklinks: z.boolean(),
  statusType: StatusTypeSchema,
  rankScale: RankScaleSchema,
});
export type QueryOptions = z.infer<typeof QueryOptionsSchema>;

export const ProfileParamsSchema = z.object({
  target: LookupTargetSchema,
  options: QueryOptionsSchema,
});
export type ProfileParams = z.infer<typeof ProfileParamsSchema>;

export const AnchorSortSchema = z.enum(['backlinks', 'referringDomains', 'rank', 'firstSeen']);
export const AnchorsParamsSchema = z.object({
  target: LookupTargetSchema,
  options: QueryOptionsSchema,
  limit: z.number().check(z.int()),
  offset: z.number().check(z.int()),
  sort: AnchorSortSchema,
  /** Case-insensitive substring of the anchor text; '' for none. */
  text: z.string().check(z.maxLength(200)),
});
export type AnchorsParams = z.infer<typeof AnchorsParamsSchema>;

export const BacklinkSortSchema = z.enum(['rank', 'domainRank', 'pageRank', 'firstSeen', 'lastSeen']);
export const SortDirSchema = z.enum(['desc', 'asc']);
export const BacklinkModeSchema = z.enum(['as_is', 'one_per_domain', 'one_per_anchor']);
export const ItemTypeSchema = z.enum(['any', 'anchor', 'image', 'redirect', 'canonical', 'meta', 'alternate']);

export const BacklinkFiltersSchema = z.object({
  dofollowOnly: z.boolean(),
  newOnly: z.boolean(),
  lostOnly: z.boolean(),
  brokenOnly: z.boolean(),
  itemType: ItemTypeSchema,
  /** Case-insensitive substring of the anchor text or the referring domain; '' for none. */
  text: z.string().check(z.maxLength(200)),
});
export type BacklinkFilters = z.infer<typeof BacklinkFiltersSchema>;

export const BacklinksParamsSchema = z.object({
  target: LookupTargetSchema,
  options: QueryOptionsSchema,
  limit: z.number().check(z.int()),
  offset: z.number().check(z.int()),
  /** Continue past offset 20,000: the token from the previous page; every other field identical. */
  searchAfterToken: z.nullable(z.string().check(z.maxLength(10000))),
  sort: BacklinkSortSchema,
  dir: SortDirSchema,
  mode: BacklinkModeSchema,
  filters: BacklinkFiltersSchema,
});
export type BacklinksParams = z.infer<typeof BacklinksParamsSchema>;
