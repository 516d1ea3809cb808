import { appError, type Outcome } from '../errors';
import { formatMoney } from '../format';
import { roundUsd, type Ledger } from './ledger';

/**
 * The user's daily spending cap, enforced BEFORE a call is made: a call whose estimated cost would
 * take today's spend (recorded, plus calls already in progress) over the cap is refused with kind
 * `budget`. Reservations of calls in progress are held in memory: they matter only while the worker
 * lives, and the ledger has the real costs once the calls return.
 */
export interface Reservation {
  /** Call once the call's real cost is in the ledger (or it failed). */
  release(): void;
}

export interface BudgetCheck {
  /** Estimated cost of the call (USD). */
  estimate: number;
  /** settings.dailyBudget: USD per day, null = no cap. */
  dailyBudget: number | null;
  now: number;
}

export interface Budget {
  reserve(check: BudgetCheck): Promise<Outcome<Reservation>>;
  /** USD reserved by calls in progress. */
  pending(): number;
}

const EPSILON = 1e-9;

export function budgetMessage(cap: number, today: number, inProgress: number, estimate: number): string {
  const progress = inProgress > 0 ? ` (plus ${formatMoney(inProgress)} in checks still running)` : '';
  return (
    `This check would cost about ${formatMoney(estimate)}, which would take today’s spend of ` +
    `${formatMoney(today)}${progress} over your daily budget of ${formatMoney(cap)}. Nothing was spent. ` +
    'To go on, raise or remove the daily budget in Options, or wait until tomorrow.'
  );
}

export function createBudget(ledger: Ledger): Budget {
  let pending = 0;
  return {
    async reserve({ estimate, dailyBudget, now }) {
      const cost = Math.max(0, estimate);
      if (dailyBudget == null) return { ok: true, value: { release() {} } };
      const { today } = await ledger.totals(now);
      // No await between this check and the reservation: concurrent checks see each other.
      if (today + pending + cost > dailyBudget + EPSILON) {
        return {
          ok: false,
          error: appError('budget', budgetMessage(dailyBudget, today, roundUsd(pending), cost), false),
        };
      }
      pending = roundUsd(pending + cost);
      let released = false;
      return {
        ok: true,
        value: {
          release() {
            if (released) return;
            released = true;
            pending = Math.max(0, roundUsd(pending - cost));
          },
        },
      };
    },
    pending: () => pending,
  };
}
