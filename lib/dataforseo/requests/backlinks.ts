import type { Outcome } from '@/lib/errors';
import { t } from '@/lib/i18n';
import type { BacklinkFilters, BacklinksParams } from '@/lib/params.schema';
import { dayMs, isoDay } from '@/lib/trendRange';
import { common, finish, textOf } from './builder';
import { checkEnum, refuse } from './checks';
import { andAll, containsPattern } from './filters';
import { MODES, ORDER_BY_MAX } from './limits';
import type { BacklinksTask, CommonTask, FilterExpr } from './tasks';

/** The request builder of the backlinks list (backlinks/backlinks/live): its sort, its filters and the status type they need. */

const BACKLINK_SORT_FIELD = {
  rank: 'rank',
  domainRank: 'domain_from_rank',
  pageRank: 'page_from_rank',
  firstSeen: 'first_seen',
  lastSeen: 'last_seen',
} as const;

/** Added after the user's sort rule so pages do not shuffle between offsets (backlinks are unique per referring URL within a page). */
export const BACKLINKS_TIEBREAKER = 'url_from,asc';

const ITEM_TYPES = ['anchor', 'image', 'redirect', 'canonical', 'meta', 'alternate'] as const;

/** Shown when "New" and "Lost" are both ticked. */
export const newAndLostMessage = (): string => t('errNewAndLost');

/**
 * The status type a backlinks list is asked with. By the API's definitions "live" returns only the
 * links found during the last check, so "Lost" (is_lost) can only be answered by "lost" ("all" with
 * an is_lost filter returns the same rows and is not needed). Every other filter combines with
 * "lost"; "New" cannot (a new link was found on the last visit), so that pair is refused.
 */
export function statusTypeFor(f: BacklinkFilters, chosen: CommonTask['backlinks_status_type']): Outcome<CommonTask['backlinks_status_type']> {
  if (!f.lostOnly) return { ok: true, value: chosen };
  if (f.newOnly) return { ok: false, error: refuse(newAndLostMessage()) };
  return { ok: true, value: 'lost' };
}

function backlinkFilters(f: BacklinkFilters): Outcome<FilterExpr | undefined> {
  const parts: FilterExpr[] = [];
  if (f.dofollowOnly) parts.push(['dofollow', '=', true]);
  if (f.newOnly) parts.push(['is_new', '=', true]);
  // Lost links come from the "lost" status type (see statusTypeFor), not from a filter.
  if (f.brokenOnly) parts.push(['is_broken', '=', true]);
  if (f.since !== undefined) {
    const day = dayMs(f.since);
    if (day === null) return { ok: false, error: refuse(t('errPeriodNotDate', f.since.slice(0, 20))) };
    // A period starting after today can only return nothing: refused before any call.
    if (day > Date.now()) return { ok: false, error: refuse(t('errPeriodFuture', isoDay(Date.now()))) };
    // Backlink items carry first_seen and last_seen (no lost date): a lost link was last seen just before it went.
    parts.push([f.lostOnly ? 'last_seen' : 'first_seen', '>=', `${f.since} 00:00:00 +00:00`]);
  }
  if (f.itemType !== 'any') {
    const e = checkEnum('errFieldLinkType', f.itemType, ['any', ...ITEM_TYPES]);
    if (e) return { ok: false, error: e };
    parts.push(['item_type', '=', f.itemType]);
  }
  const text = textOf(f.text);
  if (!text.ok) return text;
  if (text.value) {
    const pattern = containsPattern(text.value);
    parts.push([['anchor', 'ilike', pattern], 'or', ['domain_from', 'ilike', pattern]]);
  }
  return { ok: true, value: andAll(parts) };
}

/** backlinks/backlinks/live */
export function buildBacklinksBody(params: BacklinksParams): Outcome<[BacklinksTask]> {
  const base = common(params.target, params.options);
  if (!base.ok) return base;
  const field = (BACKLINK_SORT_FIELD as Record<string, string>)[params.sort];
  if (!field) return { ok: false, error: checkEnum('errFieldSort', params.sort, Object.keys(BACKLINK_SORT_FIELD))! };
  const dirError = checkEnum('errFieldSortDir', params.dir, ['desc', 'asc']);
  if (dirError) return { ok: false, error: dirError };
  const modeError = checkEnum('errFieldMode', params.mode, MODES);
  if (modeError) return { ok: false, error: modeError };
  const filters = backlinkFilters(params.filters);
  if (!filters.ok) return filters;
  const status = statusTypeFor(params.filters, base.value.backlinks_status_type);
  if (!status.ok) return status;

  const orderBy = [`${field},${params.dir}`];
  if (orderBy.length < ORDER_BY_MAX) orderBy.push(BACKLINKS_TIEBREAKER);

  const task: BacklinksTask = {
    ...base.value,
    backlinks_status_type: status.value,
    mode: params.mode,
    limit: params.limit,
    offset: params.offset,
    order_by: orderBy,
  };
  if (filters.value !== undefined) task.filters = filters.value;
  if (params.searchAfterToken) task.search_after_token = params.searchAfterToken;
  return finish('backlinks', task);
}
