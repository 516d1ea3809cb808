import { appError, type AppError } from '@/lib/errors';
import { formatMoney } from '@/lib/format';
import { t } from '@/lib/i18n';
import type { Ledger, ReserveMeta, SettleDetails, SettleResult, WriteFailure, WriteResult } from './ledger';
import { roundUsd } from './ledgerMath';

/**
 * The user's daily spending cap, enforced BEFORE a call is made, and the persistent reservation of
 * the call's estimate in the ledger. A call whose estimate would take today's spend (settled, plus
 * open reservations: calls in progress and calls a stopped worker never settled) over the cap is
 * refused with kind `budget`. A reservation that cannot be written refuses the call too: no paid
 * call is made that the ledger could not count.
 *
 * Pipeline contract: `reserve({ estimate, dailyBudget, now, meta })` right before the paid call (a
 * refusal with `storageFailure` means: tell the user, make no paid call); then exactly one of
 * `settle(response cost, { rows, at }, { durable })` once the API answered (right after the answer is
 * cached with its reservation id, in one transaction, so a stop between the two is settled from the
 * cache; that is also why, with the line stored, the settle need not wait for its write), or
 * `releaseNow()` when the call certainly cost nothing (refused before sending, network error before
 * any response). Anything else (timeout after sending, a stopped worker) leaves the reservation open:
 * it counts at its estimate and shows as an unconfirmed charge until settled or released.
 */
export interface Reservation {
  /** The ledger's reservation id. */
  id: string;
  /** Replace the reservation by the call's real cost (the response's `cost`). */
  settle(actualCost: unknown, details: SettleDetails, opts?: { durable?: boolean }): Promise<SettleResult>;
  /** The call certainly cost nothing: drop the reservation. Idempotent; a no-op after settle. */
  releaseNow(): Promise<WriteResult>;
  /** Same as releaseNow, without waiting (kept for existing callers). */
  release(): void;
}

export interface BudgetCheck {
  /** Estimated cost of the call (USD). */
  estimate: number;
  /** settings.dailyBudget: USD per day, null = no cap. */
  dailyBudget: number | null;
  now: number;
  /** What the call is, for the ledger line if the worker stops before settling. */
  meta?: Omit<ReserveMeta, 'at'>;
}

export type BudgetOutcome =
  | { ok: true; value: Reservation }
  | { ok: false; error: AppError; storageFailure?: WriteFailure };

export interface Budget {
  reserve(check: BudgetCheck): Promise<BudgetOutcome>;
  /** USD reserved by this worker's calls still in progress. */
  pending(): number;
}

export function budgetMessage(cap: number, today: number, inProgress: number, estimate: number): string {
  const progress = inProgress > 0 ? ` ${t('errBudgetProgress', formatMoney(inProgress))}` : '';
  return t('errBudget', formatMoney(estimate), formatMoney(today), progress, formatMoney(cap));
}

/** The sentence for a ledger write that failed: storage full, or another write failure. */
export function storageFailureMessage(reason: string): string {
  return reason === 'storage-full' ? t('errStorageFull') : t('errStorageFailed');
}

const DEFAULT_META: Omit<ReserveMeta, 'at'> = { provider: 'dataforseo', endpoint: 'profile', target: '' };

export function createBudget(ledger: Ledger): Budget {
  let pending = 0;
  return {
    async reserve({ estimate, dailyBudget, now, meta = DEFAULT_META }) {
      const result = await ledger.reserve(estimate, { ...meta, at: now }, { dailyBudget });
      if (!result.ok) {
        if (result.reason === 'budget') {
          return {
            ok: false,
            error: appError('budget', budgetMessage(dailyBudget ?? 0, result.today, result.inProgress, result.estimate), false),
          };
        }
        return { ok: false, error: appError('internal', storageFailureMessage(result.reason), false), storageFailure: result.reason };
      }
      const cost = Math.max(0, Number.isFinite(estimate) ? estimate : 0);
      pending = roundUsd(pending + cost);
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        pending = Math.max(0, roundUsd(pending - cost));
      };
      const releaseNow = () => {
        finish();
        return ledger.release(result.id);
      };
      return {
        ok: true,
        value: {
          id: result.id,
          settle(actualCost, details, opts) {
            finish();
            return ledger.settle(result.id, actualCost, details, opts);
          },
          releaseNow,
          release() {
            void releaseNow();
          },
        },
      };
    },
    pending: () => pending,
  };
}
