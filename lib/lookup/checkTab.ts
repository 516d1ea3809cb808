import { browser } from 'wxt/browser';
import { estimateCost } from '@/lib/dataforseo/cost';
import { TOP_ANCHORS } from '@/lib/defaults';
import { readScopeMemory, SCOPE_KEY } from '@/lib/scopeMemory';
import { storageMemo } from '@/lib/storageMemo';
import type { Scope } from '@/lib/lookupTarget';
import type { AnchorsParams, ProfileParams } from '@/lib/params.schema';
import type { SiteTargets } from '@/lib/messages';
import { queryOptionsFrom } from '@/lib/settings/query';
import type { Settings } from '@/lib/settings/fields';

/**
 * The popup's one round trip (`checkTab`): what the worker needs besides the paid pipeline. The
 * scope memory (`popupScope`, written by the popup) is held in memory and follows storage.onChanged.
 */
const scopes = storageMemo(
  [SCOPE_KEY],
  async () => {
    try {
      const got = await browser.storage.local.get(SCOPE_KEY);
      return readScopeMemory(got[SCOPE_KEY]);
    } catch {
      return {};
    }
  },
  readScopeMemory,
);

/** The scope last chosen for a site (by its root domain), domain when none. */
export async function rememberedScope(domain: string): Promise<Scope> {
  return (await scopes.get())[domain] ?? 'domain';
}

/** The popup's two requests for a site and scope: the profile and the top anchors by backlinks. */
export function popupParams(site: SiteTargets, scope: Scope, settings: Settings): { profile: ProfileParams; anchors: AnchorsParams } {
  const target = site[scope];
  const options = queryOptionsFrom(settings);
  return {
    profile: { target, options },
    anchors: { target, options, limit: TOP_ANCHORS, offset: 0, sort: 'backlinks', text: '' },
  };
}

/** Points of a year grouped by month (the month a year back through this one; 12 on 29 February). */
export const YEAR_MONTHS = 13;

/** What "Include trend in checks" adds to a check's price: timeseries_summary, a year by month. */
export function trendEstimate(settings: Pick<Settings, 'includeTrendInChecks'>): number {
  return settings.includeTrendInChecks ? estimateCost('timeseriesSummary', YEAR_MONTHS) : 0;
}
