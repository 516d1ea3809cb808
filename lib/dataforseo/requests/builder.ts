import type { AppError, Outcome } from '@/lib/errors';
import { t } from '@/lib/i18n';
import type { LookupTarget, QueryOptions } from '@/lib/params.schema';
import type { Endpoint } from '@/lib/dataforseo/api';
import { checkDomainTarget, checkEnum, checkPageTarget, refuse } from './checks';
import { RANK_SCALES, STATUS_TYPES, TEXT_MAX } from './limits';
import type { CommonTask } from './tasks';
import { validateTask } from './validate';

/**
 * The steps every request builder shares: the common task fields (common), the search text (textOf)
 * and the checked POST body (finish). The extension's params (lib/params.schema.ts) → the exact API
 * task, wrapped as the POST body (`[task]`: live endpoints take exactly one task). Anything the API
 * would reject is refused here, before any network call, as an `invalid-request` AppError that is
 * not retryable.
 */

/**
 * The fields every target-based task shares, checked: target (by scope), include_subdomains (domain and
 * host scopes), include_indirect_links, exclude_internal_backlinks, backlinks_status_type, rank_scale.
 * An endpoint's builder (lib/dataforseo/endpoints/<name>.schema.ts) picks the ones its API page documents.
 */
export function common(target: LookupTarget, options: QueryOptions): Outcome<CommonTask> {
  const scope: unknown = target.scope;
  const value = target.value;
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, error: refuse(t('errTargetEmpty')) };
  if (scope === 'page') {
    const e = checkPageTarget(value);
    if (e) return { ok: false, error: e };
  } else if (scope === 'domain' || scope === 'host') {
    const e = checkDomainTarget(value);
    if (e) return { ok: false, error: e };
  } else {
    return { ok: false, error: refuse(t('errUnknownScope', String(scope).slice(0, 20))) };
  }
  for (const [name, v, allowed] of [
    ['errFieldLinkStatus', options.statusType, STATUS_TYPES],
    ['errFieldRankScale', options.rankScale, RANK_SCALES],
  ] as const) {
    const e = checkEnum(name, v, allowed);
    if (e) return { ok: false, error: e };
  }
  const task: CommonTask = {
    target: value,
    include_indirect_links: options.includeIndirectLinks,
    exclude_internal_backlinks: options.excludeInternalBacklinks,
    backlinks_status_type: options.statusType,
    rank_scale: options.rankScale,
  };
  if (scope === 'domain') task.include_subdomains = options.includeSubdomains;
  if (scope === 'host') task.include_subdomains = false;
  return { ok: true, value: task };
}

/**
 * Wrap one task as the POST body and check it (validateTask, plus the endpoint's own `check`);
 * a refusal sends nothing.
 */
export function finish<T>(endpoint: Endpoint, task: T, check?: (task: T) => AppError | null): Outcome<[T]> {
  const body: [T] = [task];
  const error = validateTask(endpoint, body) ?? check?.(task) ?? null;
  return error ? { ok: false, error } : { ok: true, value: body };
}

export function textOf(text: unknown): Outcome<string> {
  if (typeof text !== 'string') return { ok: true, value: '' };
  const trimmed = text.trim();
  if (trimmed.length > TEXT_MAX) return { ok: false, error: refuse(t('errSearchTooLong', String(TEXT_MAX))) };
  return { ok: true, value: trimmed };
}
