import type { Settings } from './fields';

/*
 * Kept apart from the field table so the popup and the side panel, which need only this, do not
 * load the table's labels and help lines.
 */

/** Options shared by every paid call; they change the answer, so they are part of the cache key. */
export type QueryOptions = Pick<Settings, 'includeSubdomains' | 'includeIndirectLinks' | 'excludeInternalBacklinks' | 'statusType' | 'rankScale'>;

/** The options every paid call carries, taken from the user's settings (they are part of the cache key). */
export function queryOptionsFrom(settings: Settings): QueryOptions {
  return {
    includeSubdomains: settings.includeSubdomains,
    includeIndirectLinks: settings.includeIndirectLinks,
    excludeInternalBacklinks: settings.excludeInternalBacklinks,
    statusType: settings.statusType,
    rankScale: settings.rankScale,
  };
}
