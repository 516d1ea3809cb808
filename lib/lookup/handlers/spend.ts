/**
 * The spend handlers: what the ledger says was spent (with the cache's size), today's spend as
 * DataForSEO reports it next to the ledger's (lib/lookup/reconcile.ts), the user's word on charges a
 * stopped worker left open, and emptying the cache (answered with the spend as it is after it).
 */
import { appError } from '@/lib/errors';
import type { Reply, Spend } from '@/lib/messages';
import { loadSettings } from '@/lib/settings/store';
import { storageFailureMessage } from '@/lib/lookup/budget';
import { noCredentialsMessage } from '@/lib/lookup/pipeline';
import { compareSpend } from '@/lib/lookup/reconcile';
import { activeCredentials, type HandlerContext, type Handlers } from './context';

type SpendHandlers = Pick<Handlers, 'spend' | 'checkSpend' | 'resolveUnconfirmed' | 'clearCache'>;

export function spendHandlers(ctx: HandlerContext): SpendHandlers {
  const { deps, now, cache, ledger, bulkStore, paidCall, limiterFor, fail, succeed } = ctx;

  async function spend(): Promise<Spend> {
    const at = now();
    const [summary, recent, settings, stats] = await Promise.all([
      ledger.summary(at),
      ledger.recent(),
      loadSettings(),
      cache.stats(),
    ]);
    return {
      today: summary.today,
      month: summary.month,
      dailyBudget: settings.dailyBudget,
      recent,
      cache: stats,
      unconfirmed: summary.unconfirmed,
      unconfirmedCount: summary.unconfirmedCount,
      flaggedCount: summary.flaggedCount,
      droppedCount: summary.droppedCount,
      writeFailure: summary.writeFailure,
    };
  }

  /** Today's spend as DataForSEO reports it next to the ledger's (lib/lookup/reconcile.ts). */
  async function checkSpend(): Promise<Reply<'checkSpend'>> {
    const settings = await loadSettings();
    const creds = await activeCredentials(settings);
    if (!creds) return fail(appError('no-credentials', noCredentialsMessage(settings.provider), false));
    const outcome = await compareSpend({
      provider: creds.provider,
      ledger,
      now: now(),
      account: () => limiterFor(creds.provider).run(() => deps.clientFor(creds).account()),
    });
    return outcome.ok ? succeed(outcome.value) : fail(outcome.error);
  }

  return {
    spend: async () => succeed(await spend()),
    checkSpend: () => checkSpend(),
    resolveUnconfirmed: async (r) => {
      const done = await ledger.resolveUnconfirmed(r.charged);
      paidCall.forgetLostCharges();
      if (!done.ok) {
        return fail(appError('internal', storageFailureMessage(done.reason), true));
      }
      return succeed(await spend());
    },
    clearCache: async () => {
      await Promise.all([cache.clear(), bulkStore.clear()]);
      return succeed(await spend());
    },
  };
}
