/** The bulk page's handlers: the quote of a list of sites, and its run (lib/lookup/bulk.ts). */
import type { HandlerContext, Handlers } from './context';

export function bulkHandlers(ctx: HandlerContext): Pick<Handlers, 'bulkQuote' | 'bulkRun'> {
  const { bulk, fail, succeed } = ctx;
  return {
    bulkQuote: async (r) => {
      const outcome = await bulk.quote(r.targets, r.metrics);
      return outcome.ok ? succeed(outcome.value) : fail(outcome.error);
    },
    bulkRun: async (r) => {
      const outcome = await bulk.run(r.targets, r.metrics, r.maxPriceUsd);
      if (!outcome.ok) return fail(outcome.error);
      return succeed(outcome.value, { cost: outcome.value.spentUsd, fromCache: outcome.value.calls === 0 });
    },
  };
}
