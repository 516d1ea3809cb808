import { z } from 'zod/mini';
import { MAX_TARGET_TEXT, SCOPES, type LookupTarget } from './lookupTarget';
import { RANK_SCALES, STATUS_TYPES } from './settings/fields';
import type { QueryOptions } from './settings/query';

/**
 * What the user can ask for, in the extension's own terms. lib/dataforseo/requests/ turns these
 * into API task bodies (and refuses what the API would reject); the cache key is built from them.
 */

/** The types and constants live in zod-free modules (pages use them); re-exported for the worker. */
export type { LookupTarget, Scope } from './lookupTarget';
export type { QueryOptions } from './settings/query';

export const ScopeSchema = z.enum(SCOPES);

/** The rule of lib/lookupTarget.ts (`readLookupTarget`) as a schema. */
export const LookupTargetSchema = z.object({
  scope: ScopeSchema,
  value: z.string().check(z.minLength(1), z.maxLength(MAX_TARGET_TEXT)),
  display: z.string().check(z.maxLength(MAX_TARGET_TEXT)),
});

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

// The schemas and the zod-free types must describe the same values, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameTarget: Same<z.infer<typeof LookupTargetSchema>, LookupTarget> = true;
const sameOptions: Same<z.infer<typeof QueryOptionsSchema>, QueryOptions> = true;
void sameTarget;
void sameOptions;

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
  /**
   * Only links of a period starting this day ("yyyy-mm-dd", UTC): first seen on or after it, or
   * for lost links (the "lost" status type) last seen on or after it. Absent: any time.
   */
  since: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
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
