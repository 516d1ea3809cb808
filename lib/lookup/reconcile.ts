import { appError, type Outcome } from '@/lib/errors';
import { formatMoney } from '@/lib/format';
import type { Account } from '@/lib/model';
import type { SpendCheck } from '@/lib/messages';
import type { Provider } from '@/lib/providers';
import { dayKey, roundUsd, type Ledger } from './ledger';

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
  if (provider === 'sandbox') return 'The DataForSEO sandbox charges nothing, so there is nothing to compare: its checks are recorded at $0.';
  if (reported == null) return 'DataForSEO did not report today’s spend, so the unconfirmed charges cannot be checked. They stay counted at their estimate.';
  const zone = timezone ? ` (its day, time zone ${timezone})` : '';
  const base =
    `DataForSEO reports ${formatMoney(reported)} spent today on this account${zone}, by every tool that uses it. ` +
    `This extension recorded ${formatMoney(today)}` +
    (unconfirmed > 0 ? `, plus ${formatMoney(unconfirmed)} unconfirmed.` : ', and has no unconfirmed charge today.');
  if (unconfirmed <= 0) return base;
  const eps = 1e-6;
  if (reported <= today + eps) return `${base} That leaves nothing for the unconfirmed charges: most likely they were not charged.`;
  if (reported + eps < today + unconfirmed) {
    return `${base} At most ${formatMoney(roundUsd(reported - today))} of the unconfirmed charges can have been charged.`;
  }
  return `${base} That covers the unconfirmed charges, so they were probably charged (other tools on the account count too).`;
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
    return { ok: false, error: appError('invalid-request', 'The AIsa gateway has no free account call to compare the spend with. Nothing was spent.', false) };
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
