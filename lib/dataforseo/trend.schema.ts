import { z } from 'zod/mini';
import type { Outcome } from '@/lib/errors';
import { t, type MessageKey } from '@/lib/i18n';
import { LookupTargetSchema, RankScaleSchema } from '@/lib/params.schema';
import type { LookupTarget } from '@/lib/params.schema';
import { GROUP_RANGES, rangeProblem } from '@/lib/trendRange';
import { apiDateToIso } from './map';
import { checkDomainTarget, refuse } from './requests/checks';

/**
 * What the three trend endpoints share (history, timeseries_summary, timeseries_new_lost_summary):
 * params pieces, the target rule (a domain or subdomain, never a page), the date range rule, and
 * the point date. Each endpoint's own module is ./endpoints/<name>.schema.ts.
 */

export const DaySchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
export const GroupRangeSchema = z.enum(GROUP_RANGES);
export { LookupTargetSchema, RankScaleSchema };

/** A domain or host target as the trend endpoints take it; a page is refused (they have no page data) with the `pageRefusal` sentence. */
export function trendTarget(target: LookupTarget, pageRefusal: MessageKey): Outcome<string> {
  if (target.scope === 'page') return { ok: false, error: refuse(t(pageRefusal)) };
  const e = checkDomainTarget(target.value);
  return e ? { ok: false, error: e } : { ok: true, value: target.value };
}

/** The range, checked against today: a refusal names the problem (and costs nothing). */
export function trendRange(dateFrom: string, dateTo: string, now: number, minDate: string): Outcome<{ date_from: string; date_to: string }> {
  const problem = rangeProblem(dateFrom, dateTo, now, minDate);
  return problem ? { ok: false, error: refuse(problem) } : { ok: true, value: { date_from: dateFrom, date_to: dateTo } };
}

/** A point's date ("2024-03-31 00:00:00 +00:00") → "2024-03-31"; unreadable → null. */
export function pointDay(raw: string | null | undefined): string | null {
  const iso = apiDateToIso(raw);
  if (iso) return iso.slice(0, 10);
  const m = typeof raw === 'string' ? /^(\d{4}-\d{2}-\d{2})\b/.exec(raw.trim()) : null;
  return m ? m[1]! : null;
}
