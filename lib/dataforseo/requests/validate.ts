import type { AppError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import type { Endpoint } from '@/lib/dataforseo/api';
import { checkDomainTarget, checkEnum, checkInt, checkPageTarget, checkSortRules, refuse } from './checks';
import { certainNothing, countConditions } from './filters';
import { FILTERS_MAX, LIMIT_MAX, LIMIT_MIN, MODES, OFFSET_MAX, RANK_SCALES, STATUS_TYPES, TAG_MAX } from './limits';

/** validateTask: a whole POST body (`[task]`) checked against what the API accepts, before any call. */

/** Fields the builders may sort on, per endpoint. */
const ORDER_FIELDS: Record<'anchors' | 'backlinks', readonly string[]> = {
  anchors: ['backlinks', 'referring_domains', 'rank', 'first_seen', 'anchor'],
  backlinks: ['rank', 'domain_from_rank', 'page_from_rank', 'first_seen', 'last_seen', 'url_from'],
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkOrderBy(endpoint: 'anchors' | 'backlinks', v: unknown): AppError | null {
  return checkSortRules(v, ORDER_FIELDS[endpoint]);
}

/**
 * Check a POST body (`[task]`) for an endpoint against what the API accepts. Pure; used by every
 * builder (through finish(), ./builder.ts). Returns null when the body may be sent.
 */
export function validateTask(endpoint: Endpoint, body: unknown): AppError | null {
  if (endpoint === 'account') return body === undefined ? null : refuse(t('errAccountNoBody'));
  if (!Array.isArray(body) || body.length !== 1 || !isRecord(body[0]))
    return refuse(t('errOneTask'));
  const task = body[0];

  // A task naming several targets (domain_intersection) checks them in its own builder.
  if ('target' in task || !('targets' in task)) {
    const target = task.target;
    if (typeof target !== 'string') return refuse(t('errTargetMissing'));
    const targetError = /^https?:\/\//i.test(target) ? checkPageTarget(target) : checkDomainTarget(target);
    if (targetError) return targetError;
  }
  if ('include_subdomains' in task && typeof task.include_subdomains !== 'boolean')
    return refuse(t('errSubdomainsBool'));
  for (const key of ['include_indirect_links', 'exclude_internal_backlinks'] as const)
    if (key in task && typeof task[key] !== 'boolean') return refuse(t('errFlagBool', key));
  if ('backlinks_status_type' in task) {
    const e = checkEnum('errFieldLinkStatus', task.backlinks_status_type, STATUS_TYPES);
    if (e) return e;
  }
  if ('rank_scale' in task) {
    const e = checkEnum('errFieldRankScale', task.rank_scale, RANK_SCALES);
    if (e) return e;
  }
  if ('tag' in task) {
    if (typeof task.tag !== 'string') return refuse(t('errTagText'));
    if (task.tag.length > TAG_MAX) return refuse(t('errTagTooLong', String(TAG_MAX), String(task.tag.length)));
  }

  if (endpoint === 'profile') {
    if ('internal_list_limit' in task) {
      const e = checkInt('errFieldListSize', task.internal_list_limit, 1, 1000);
      if (e) return e;
    }
    return null;
  }
  // Other endpoints check their own fields (the `check` of finish()); the list checks below are the anchors' and backlinks'.
  if (endpoint !== 'anchors' && endpoint !== 'backlinks') return null;

  const limitError = checkInt('errFieldRows', task.limit, LIMIT_MIN, LIMIT_MAX);
  if (limitError) return limitError;
  const offsetError = checkInt('errFieldOffset', task.offset ?? 0, 0, OFFSET_MAX, endpoint === 'backlinks' ? 'errOffsetHint' : undefined);
  if (offsetError) return offsetError;
  if ('order_by' in task) {
    const e = checkOrderBy(endpoint, task.order_by);
    if (e) return e;
  }
  if ('filters' in task) {
    const n = countConditions(task.filters);
    if (typeof n === 'string') return refuse(t('errFiltersInvalid', n));
    if (n > FILTERS_MAX) return refuse(t('errFiltersTooMany', String(FILTERS_MAX), String(n)));
  }
  if (endpoint === 'backlinks') {
    const nothing = certainNothing(task.backlinks_status_type ?? 'live', task.filters);
    if (nothing) return refuse(t('errAlwaysEmpty', nothing));
    if ('mode' in task) {
      const e = checkEnum('errFieldMode', task.mode, MODES);
      if (e) return e;
    }
    if ('search_after_token' in task) {
      const token = task.search_after_token;
      if (typeof token !== 'string' || token.length === 0 || token.length > 10_000) return refuse(t('errTokenInvalid'));
    }
  }
  return null;
}
