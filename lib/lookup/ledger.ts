import { z } from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import { LedgerEntrySchema, type LedgerEntry } from '../messages';
import { createMutex } from './mutex';

/**
 * What every paid call cost, recorded before the page gets its answer. One storage.local item
 * (`ledger`): the last MAX_ENTRIES calls and a total per local calendar day for the last MAX_DAYS
 * days. "Today" and "this month" are in the browser's local time.
 */
export const LEDGER_LIMITS = { maxEntries: 500, maxDays: 400, recent: 20 } as const;

const LEDGER_KEY = 'local:ledger';

const LedgerStateSchema = z.object({
  entries: z.array(LedgerEntrySchema),
  /** 'YYYY-MM-DD' (local) → USD. */
  days: z.record(z.string(), z.number()),
});
type LedgerState = z.infer<typeof LedgerStateSchema>;

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
  today: number;
  month: number;
}

export interface Ledger {
  /** Add one call; returns the totals after it. */
  record(entry: LedgerEntry): Promise<SpendTotals>;
  totals(now: number): Promise<SpendTotals>;
  /** The last `n` calls, newest first. */
  recent(n?: number): Promise<LedgerEntry[]>;
}

export function createLedger(): Ledger {
  const lock = createMutex();

  async function read(): Promise<LedgerState> {
    const parsed = LedgerStateSchema.safeParse(await storage.getItem(LEDGER_KEY));
    return parsed.success ? parsed.data : { entries: [], days: {} };
  }

  function totalsOf(state: LedgerState, now: number): SpendTotals {
    const today = dayKey(now);
    const month = monthKey(now);
    let monthSum = 0;
    for (const [day, usd] of Object.entries(state.days)) if (day.startsWith(month)) monthSum += usd;
    return { today: roundUsd(state.days[today] ?? 0), month: roundUsd(monthSum) };
  }

  return {
    record(entry) {
      return lock(async () => {
        const clean = LedgerEntrySchema.parse(entry);
        const state = await read();
        state.entries.push(clean);
        if (state.entries.length > LEDGER_LIMITS.maxEntries) {
          state.entries.splice(0, state.entries.length - LEDGER_LIMITS.maxEntries);
        }
        const day = dayKey(clean.at);
        state.days[day] = roundUsd((state.days[day] ?? 0) + clean.cost);
        const days = Object.keys(state.days).sort();
        for (const old of days.slice(0, Math.max(0, days.length - LEDGER_LIMITS.maxDays))) delete state.days[old];
        await storage.setItem(LEDGER_KEY, state);
        return totalsOf(state, clean.at);
      });
    },
    async totals(now) {
      return totalsOf(await read(), now);
    },
    async recent(n = LEDGER_LIMITS.recent) {
      const { entries } = await read();
      return entries.slice(-n).reverse();
    },
  };
}
