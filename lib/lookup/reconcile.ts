import { appError, type Outcome } from '@/lib/errors';
import { formatMoney } from '@/lib/format';
import { t } from '@/lib/i18n';
import type { Account } from '@/lib/model';
import type { SpendCheck } from '@/lib/messages';
import type { Provider } from '@/lib/providers';
import type { Ledger } from './ledger';
import { dayKey, roundUsd } from './ledgerMath';

/**
 * Unconfirmed charges (calls a stopped worker never settled) next to DataForSEO's own figure for
 * today, from the free appendix/user_data call. DataForSEO's figure is the whole account's (every
 * tool using it) in the account's time zone; the ledger's is this extension's, in the local day. So
 * the comparison can say "nothing left for them" or "enough to cover them", never which call it was:
 * the user decides (resolveUnconfirmed).
 */

/** The comparison of DataForSEO's figure for today with the ledger's, in words (honest about what it cannot tell). */
export function spendCheckSentence(
  reported: number | null,
  timezone: string | null,
  today: number,
  unconfirmed: number,
  provider: Provider,
): string {
  if (provider === 'sandbox') return t('errSpendSandbox');
  if (reported == null) return t('errSpendNotReported');
  const zone = timezone ? ` ${t('errSpendZone', timezone)}` : '';
  const recorded =
    unconfirmed > 0 ? t('errSpendRecordedPlus', formatMoney(today), formatMoney(unconfirmed)) : t('errSpendRecordedNone', formatMoney(today));
  const base = `${t('errSpendReported', formatMoney(reported), zone)} ${recorded}`;
  if (unconfirmed <= 0) return base;
  const eps = 1e-6;
  if (reported <= today + eps) return `${base} ${t('errSpendNothingLeft')}`;
  if (reported + eps < today + unconfirmed) {
    return `${base} ${t('errSpendAtMost', formatMoney(roundUsd(reported - today)))}`;
  }
  return `${base} ${t('errSpendCovers')}`;
}


export async function compareSpend(input: {
  provider: Provider;
  ledger: Ledger;
  now: number;
  /** The free account call. */
  account: () => Promise<Outcome<{ data: Account }>>;
}): Promise<Outcome<SpendCheck>> {
  const { provider, ledger, now } = input;
  if (provider === 'aisa') {
    return { ok: false, error: appError('invalid-request', t('errAisaNoSpendCheck'), false) };
  }
  const summary = await ledger.summary(now);
  const today = dayKey(now);
  const unconfirmedToday = roundUsd(
    (await ledger.unconfirmed()).filter((r) => dayKey(r.at) === today).reduce((sum, r) => sum + r.estimate, 0),
  );
  const outcome = await input.account();
  if (!outcome.ok) return outcome;
  const account = outcome.value.data;
  return {
    ok: true,
    value: {
      providerToday: account.spentToday,
      timezone: account.timezone,
      today: summary.today,
      unconfirmedToday,
      unconfirmedCount: summary.unconfirmedCount,
      summary: spendCheckSentence(account.spentToday, account.timezone, summary.today, unconfirmedToday, provider),
    },
  };
}
