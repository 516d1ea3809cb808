/**
 * Date ranges of the trend endpoints (history, timeseries_summary, timeseries_new_lost_summary),
 * zod-free so the Trend view can use them too. Days are UTC calendar days written "yyyy-mm-dd".
 */

/** Grouping the views offer (the API also takes 'year'). */
export const GROUP_RANGES = ['day', 'week', 'month'] as const;
export type GroupRange = (typeof GROUP_RANGES)[number];

/** Earliest date_from each endpoint documents. */
export const HISTORY_MIN_DATE = '2019-01-01';
export const TIMESERIES_MIN_DATE = '2019-01-30';

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

import { t } from './i18n';
import { defaultRange, isoDay } from './yearRange';

export { defaultRange, isoDay };

/** "yyyy-mm-dd" → the UTC midnight of that day, or null if it is not a real day. */
export function dayMs(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return isoDay(t) === day ? t : null;
}


/**
 * Why a range cannot be asked (a sentence), or null. The API refuses dates before its minimum and
 * after today, and a start after the end; a range after today could only return nothing.
 */
export function rangeProblem(dateFrom: string, dateTo: string, now: number, minDate: string): string | null {
  const from = dayMs(dateFrom);
  const to = dayMs(dateTo);
  if (from === null) return t('commonRangeBadStart', dateFrom.slice(0, 20));
  if (to === null) return t('commonRangeBadEnd', dateTo.slice(0, 20));
  const today = dayMs(isoDay(now))!;
  if (from > today) return t('commonRangeFutureStart', isoDay(now));
  if (to > today) return t('commonRangeFutureEnd', isoDay(now));
  if (from > to) return t('commonRangeReversed');
  if (from < dayMs(minDate)!) return t('commonRangeTooEarly', minDate);
  return null;
}

/** How many points a range gives when grouped (full weeks Monday–Sunday and full months, as the API counts them). */
export function periodCount(dateFrom: string, dateTo: string, group: GroupRange | 'year'): number {
  const from = dayMs(dateFrom);
  const to = dayMs(dateTo);
  if (from === null || to === null || from > to) return 0;
  if (group === 'day') return Math.round((to - from) / DAY_MS) + 1;
  if (group === 'week') {
    const monday = (t: number) => t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS;
    return Math.round((monday(to) - monday(from)) / (7 * DAY_MS)) + 1;
  }
  const a = new Date(from);
  const b = new Date(to);
  if (group === 'year') return b.getUTCFullYear() - a.getUTCFullYear() + 1;
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth()) + 1;
}

/** The Trend view's ranges: 3 months, 1 year (the default), 2 years, and all of the API's history. */
export const TREND_SPANS = ['3m', '1y', '2y', 'all'] as const;
export type TrendSpan = (typeof TREND_SPANS)[number];
/** The spans' labels, read when used (in the browser's language, see lib/i18n.ts). */
export const TREND_SPAN_LABELS: Record<TrendSpan, string> = {
  get '3m'() { return t('commonSpan3m'); },
  get '1y'() { return t('commonSpan1y'); },
  get '2y'() { return t('commonSpan2y'); },
  get all() { return t('commonSpanAll'); },
};

/**
 * Where a span's data comes from. "all" starts on 2019-01-01, before the timeseries endpoints'
 * first day (2019-01-30): only backlinks/history reaches it (monthly, whole domains only).
 */
export type TrendPlan =
  | { source: 'timeseries'; dateFrom: string; dateTo: string; group: GroupRange }
  | { source: 'history'; dateFrom: string; dateTo: string; group: 'month' }
  | { source: 'unavailable'; reason: string };

/** The range of a span up to today, and the endpoint that answers it for this scope. */
export function trendPlan(span: TrendSpan, group: GroupRange, scope: string, now: number): TrendPlan {
  const dateTo = isoDay(now);
  if (span === 'all') {
    if (scope !== 'domain')
      return {
        source: 'unavailable',
        reason: t('commonSpanAllDomainOnly'),
      };
    return { source: 'history', dateFrom: HISTORY_MIN_DATE, dateTo, group: 'month' };
  }
  const d = new Date(now);
  const months = span === '3m' ? 3 : span === '1y' ? 12 : 24;
  // Date.UTC rolls a day past the month's end over (31 May − 3 months → 2 or 3 March): clamp to the month's last day.
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const from = Date.UTC(y, m, Math.min(d.getUTCDate(), last));
  return { source: 'timeseries', dateFrom: isoDay(from), dateTo, group };
}

/** The New & lost view's periods, in days back from today. */
export const NEW_LOST_PERIODS = ['30d', '90d', '1y'] as const;
export type NewLostPeriod = (typeof NEW_LOST_PERIODS)[number];
/** The periods' labels, read when used (in the browser's language, see lib/i18n.ts). */
export const NEW_LOST_PERIOD_LABELS: Record<NewLostPeriod, string> = {
  get '30d'() { return t('commonPeriod30d'); },
  get '90d'() { return t('commonPeriod90d'); },
  get '1y'() { return t('commonPeriod1y'); },
};

/** The first day of a New & lost period ending today. */
export function periodStart(period: NewLostPeriod, now: number): string {
  if (period === '1y') return defaultRange(now).dateFrom;
  return isoDay(dayMs(isoDay(now))! - ((period === '30d' ? 30 : 90) - 1) * DAY_MS);
}
