/**
 * The connection test of the options page: the free account call for DataForSEO (with what the
 * account's Backlinks access says), one paid profile check of a known domain for AIsa (only once the
 * user confirmed its price).
 */
import { appError } from '@/lib/errors';
import { formatMoney } from '@/lib/format';
import { t } from '@/lib/i18n';
import type { Account } from '@/lib/model';
import type { Reply } from '@/lib/messages';
import type { LookupTarget } from '@/lib/params.schema';
import { loadSettings } from '@/lib/settings/store';
import { queryOptionsFrom } from '@/lib/settings/query';
import { noCredentialsMessage } from '@/lib/lookup/pipeline';
import { activeCredentials, type HandlerContext, type Handlers } from './context';

/** The domain a paid AIsa connection test checks. */
export const TEST_TARGET: LookupTarget = { scope: 'domain', value: 'dataforseo.com', display: 'dataforseo.com' };

/** "Backlinks access active until …" or the reason there is none, from the free account call. */
export function accessSummary(account: Account, now: number): string {
  const expiry = account.backlinksSubscriptionExpiry;
  if (!expiry) return t('errAccessNoDate');
  const at = Date.parse(expiry);
  const day = Number.isNaN(at) ? expiry : new Date(at).toISOString().slice(0, 10);
  if (!Number.isNaN(at) && at < now) return t('errAccessEnded', day);
  return t('errAccessUntil', day);
}

export function connectionHandlers(ctx: HandlerContext): Pick<Handlers, 'testConnection'> {
  const { deps, now, estimateCost, paidCall, limiterFor, fail, succeed } = ctx;

  async function testConnection(confirmPaid: boolean): Promise<Reply<'testConnection'>> {
    const settings = await loadSettings();
    const creds = await activeCredentials(settings);
    if (!creds) return fail(appError('no-credentials', noCredentialsMessage(settings.provider), false));
    if (creds.provider === 'aisa') {
      const price = formatMoney(estimateCost('profile', 1));
      if (!confirmPaid) {
        return fail(
          appError('invalid-request', t('errAisaPaidTest', TEST_TARGET.display, price), false),
        );
      }
      const outcome = await paidCall({
        endpoint: 'profile',
        params: { target: TEST_TARGET, options: queryOptionsFrom(settings) },
        mode: 'refresh',
      });
      if (!outcome.ok) return fail(outcome.error);
      const cost = outcome.value.cost;
      return succeed(
        {
          provider: 'aisa',
          account: null,
          summary: t('errAisaKeyWorks', TEST_TARGET.display, formatMoney(cost)),
          cost,
        },
        { cost, fetchedAt: outcome.value.fetchedAt },
      );
    }
    const client = deps.clientFor(creds);
    const outcome = await limiterFor(creds.provider).run(() => client.account());
    if (!outcome.ok) return fail(outcome.error);
    return succeed({
      provider: creds.provider,
      account: outcome.value.data,
      summary: accessSummary(outcome.value.data, now()),
      cost: 0,
    });
  }

  return { testConnection: (r) => testConnection(r.confirmPaid) };
}
