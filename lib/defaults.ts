import type { BacklinkFilters } from './params.schema';

/** Runtime constants the pages need, without any schema (no zod in their bundles). */

/** Longest address a page may send to have it read as a target (parseTarget refuses past 2,048 with a sentence). */
export const MAX_RESOLVE_URL = 4096;

/** Rows of the popup's top-anchors list (the worker asks for them in a `checkTab`). */
export const TOP_ANCHORS = 10;

export const DEFAULT_FILTERS: BacklinkFilters = {
  dofollowOnly: false,
  newOnly: false,
  lostOnly: false,
  brokenOnly: false,
  itemType: 'any',
  text: '',
};
