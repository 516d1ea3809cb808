import type { Outcome } from '@/lib/errors';
import type { AnchorsParams } from '@/lib/params.schema';
import { common, finish, textOf } from './builder';
import { checkEnum } from './checks';
import { containsPattern } from './filters';
import type { AnchorsTask } from './tasks';

/** The request builder of the anchors list (backlinks/anchors/live). */

const ANCHOR_SORT_RULE = {
  backlinks: 'backlinks,desc',
  referringDomains: 'referring_domains,desc',
  rank: 'rank,desc',
  firstSeen: 'first_seen,desc',
} as const;

/** backlinks/anchors/live */
export function buildAnchorsBody(params: AnchorsParams): Outcome<[AnchorsTask]> {
  const base = common(params.target, params.options);
  if (!base.ok) return base;
  const rule = (ANCHOR_SORT_RULE as Record<string, string>)[params.sort];
  if (!rule) return { ok: false, error: checkEnum('errFieldSort', params.sort, Object.keys(ANCHOR_SORT_RULE))! };
  const text = textOf(params.text);
  if (!text.ok) return text;
  const task: AnchorsTask = { ...base.value, limit: params.limit, offset: params.offset, order_by: [rule] };
  if (text.value) task.filters = ['anchor', 'ilike', containsPattern(text.value)];
  return finish('anchors', task);
}
