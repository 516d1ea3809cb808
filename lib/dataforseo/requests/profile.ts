import type { Outcome } from '@/lib/errors';
import type { ProfileParams } from '@/lib/params.schema';
import { common, finish } from './builder';
import { INTERNAL_LIST_LIMIT } from './limits';
import type { SummaryTask } from './tasks';

/** The request builder of the backlink profile (backlinks/summary/live). */

/** backlinks/summary/live */
export function buildProfileBody(params: ProfileParams): Outcome<[SummaryTask]> {
  const base = common(params.target, params.options);
  if (!base.ok) return base;
  return finish('profile', { ...base.value, internal_list_limit: INTERNAL_LIST_LIMIT });
}
