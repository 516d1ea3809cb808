/**
 * The "Links on this page" handlers, passed on to lib/links/service.ts; without it (a service built
 * with no links) both answer an error.
 */
import { appError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import type { HandlerContext, Handlers } from './context';

export function linksHandlers(ctx: HandlerContext): Pick<Handlers, 'scanLinks' | 'linksReport'> {
  const { deps, fail, succeed } = ctx;
  return {
    scanLinks: async (r) => {
      if (!deps.links) return fail(appError('internal', t('errLinksUnavailable'), false));
      const got = await deps.links.scan(r.tabId);
      return got.ok ? succeed(got.value) : fail(got.error);
    },
    linksReport: async (r) => {
      if (!deps.links) return fail(appError('internal', t('errLinksUnavailable'), false));
      const got = await deps.links.report(r.tabId);
      return got.ok ? succeed(got.value) : fail(got.error);
    },
  };
}
