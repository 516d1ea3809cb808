/**
 * The ledger's arithmetic, with no storage: money rounding, local calendar days and months, and the
 * sums over a ledger state (settled per day and month, committed with open reservations, one line
 * added). "Today" and "this month" are in the browser's local time.
 */
import { MAX_DAY_USD, type LedgerState, type StoredLedgerEntry } from './ledgerState.schema';

/** Money sums rounded to a millionth of a dollar, so 0.1 + 0.2 stays 0.3. */
export function roundUsd(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local calendar day of an instant: 'YYYY-MM-DD'. */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local calendar month of an instant: 'YYYY-MM'. */
export function monthKey(ms: number): string {
  return dayKey(ms).slice(0, 7);
}

export interface SpendTotals {
  /** Settled today (USD). */
  today: number;
  month: number;
}

/** A time to ledger at: the one given when it is a valid instant, otherwise now. */
export const instant = (at: number | undefined) =>
  typeof at === 'number' && Number.isFinite(at) && at >= 0 && at <= 8.64e15 ? at : Date.now();

/** Settled on `day` plus that day's open reservations: what the daily budget is checked against. */
export function committed(state: LedgerState, day: string): number {
  let sum = state.days[day] ?? 0;
  for (const r of Object.values(state.open)) if (dayKey(r.at) === day) sum += r.estimate;
  return roundUsd(Math.min(MAX_DAY_USD, sum));
}

/** Settled today and this month, as of `now`. */
export function totalsOf(state: LedgerState, now: number): SpendTotals {
  const month = monthKey(now);
  let monthSum = 0;
  for (const [day, usd] of Object.entries(state.days)) if (day.startsWith(month)) monthSum += usd;
  return { today: roundUsd(state.days[dayKey(now)] ?? 0), month: roundUsd(monthSum) };
}

/** One line added to the state: the list, and its day's total (clamped). */
export function addEntry(state: LedgerState, entry: StoredLedgerEntry): void {
  state.entries.push(entry);
  const day = dayKey(entry.at);
  state.days[day] = roundUsd(Math.min(MAX_DAY_USD, (state.days[day] ?? 0) + entry.cost));
}
