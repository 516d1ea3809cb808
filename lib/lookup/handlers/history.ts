/**
 * The history handler: the profile checks made so far, each marked still cached or not, once the
 * history lines still being written after their replies are in.
 */
import { ENDPOINTS } from '@/lib/dataforseo/endpoints';
import { loadSettings } from '@/lib/settings/store';
import type { HandlerContext, Handlers } from './context';

export function historyHandlers(ctx: HandlerContext): Pick<Handlers, 'history'> {
  const { now, cache, history, afterReplies, succeed } = ctx;
  return {
    history: async () => {
      await Promise.all([...afterReplies]);
      const settings = await loadSettings();
      const at = now();
      // History lines are profile checks: the profile row's lifetime says whether each is still cached.
      const ttlMs = ENDPOINTS.profile.cacheTtlMs(settings);
      const list = await history.list((key) => cache.has(key, { ttlMs, now: at }));
      return succeed(list);
    },
  };
}
