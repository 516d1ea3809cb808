import { estimateCost } from '@/lib/dataforseo/cost';
import type { LookupTarget } from '@/lib/params.schema';
import type { Settings } from '@/lib/settings/fields';

/** Points of a year grouped by month (the month a year back through this one; 12 on 29 February). */
export const YEAR_MONTHS = 13;

/** What "Include trend in checks" adds to a check's estimate: timeseries_summary, a year by month. */
export function trendEstimate(settings: Pick<Settings, 'includeTrendInChecks'>): number {
  return settings.includeTrendInChecks ? estimateCost('timeseriesSummary', YEAR_MONTHS) : 0;
}

export interface TrendProps {
  target: LookupTarget;
  settings: Settings;
  /** Changes with each answered check: the trend is asked with it. */
  checkKey: string;
  /** The check's profile was just asked (a first check or Refresh): the trend is asked afresh too, as its estimate says. */
  fresh: boolean;
}
