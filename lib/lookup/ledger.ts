import type { LedgerEntry } from '@/lib/messages';
import {
  MAX_CALL_USD,
  sanitizeCost,
  sanitizeEstimate,
  validEntry,
  type CostFlag,
  type OpenReservation,
  type StoredLedgerEntry,
} from './ledgerState.schema';
import { addEntry, committed, dayKey, instant, roundUsd, totalsOf, type SpendTotals } from './ledgerMath';

export { MAX_CALL_USD, MAX_DAY_USD, sanitizeCost } from './ledgerState.schema';
export type { CostFlag, OpenReservation, StoredLedgerEntry } from './ledgerState.schema';

/**
 * What every paid call cost. One storage.local item (`ledger`): the last MAX_ENTRIES calls, a total
 * per local calendar day for the last MAX_DAYS days, and the reservations of calls not yet settled.
 * A paid call is reserved (written) BEFORE it is sent and settled after, so a worker stopped in
 * between leaves an open reservation that still counts: the ledger can over-count by an estimate,
 * never under-count (a settle written behind the reply is for an answer whose cache line holds its
 * cost, which settles it after a stop). "Today" and "this month" are in the browser's local time.
 */


/** This worker instance: open reservations of another one were left by a stopped worker. */
const WORKER_SESSION = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

import { createLedgerStore, LEDGER_LIMITS, type WriteFailure, type WriteResult } from './ledgerStore';
export { LEDGER_LIMITS, type WriteFailure, type WriteResult } from './ledgerStore';

export interface SpendSummary extends SpendTotals {
  /** Today's settled spend plus today's open reservations: what the daily budget is checked against. */
  committedToday: number;
  /** Reserved by calls this worker still has running (USD, all days). */
  inProgress: number;
  /** Reserved by calls a stopped worker never settled: charged or not, unknown (USD, all days). */
  unconfirmed: number;
  unconfirmedCount: number;
  /** Ledger lines whose reported cost was implausible and ledgered as the estimate. */
  flaggedCount: number;
  /** Damaged lines/totals/reservations dropped when the ledger was read back (cumulative). */
  droppedCount: number;
  /** The stored value as a whole was not a ledger and was started afresh (since this worker started). */
  recovered: boolean;
  /** The last write of the ledger failed (cleared by the next successful one). */
  writeFailure: WriteFailure | null;
}

export interface ReserveMeta {
  provider: LedgerEntry['provider'];
  endpoint: LedgerEntry['endpoint'];
  target: string;
  /** The cache key of the answer being bought (see OpenReservation.key). */
  key?: string;
  /** When (epoch ms); default Date.now(). */
  at?: number;
}

export type ReserveResult =
  | { ok: true; id: string; committedToday: number }
  | { ok: false; reason: 'budget'; today: number; inProgress: number; estimate: number }
  | { ok: false; reason: WriteFailure; message: string };

export interface SettleDetails {
  rows: number;
  /** When the answer came (epoch ms); default Date.now(). */
  at?: number;
}

export type SettleResult =
  | { ok: true; cost: number; flag?: CostFlag; totals: SpendTotals }
  | { ok: false; reason: WriteFailure | 'unknown-reservation'; message: string };

export interface Ledger {
  /**
   * Write a reservation of `estimate` before a paid call. With `dailyBudget` set, refuses (nothing
   * written) when settled + open reservations of today + estimate would cross it.
   */
  reserve(estimate: number, meta: ReserveMeta, opts?: { dailyBudget?: number | null }): Promise<ReserveResult>;
  /**
   * Replace a reservation by the call's real cost (implausible costs: the estimate, flagged). With
   * `durable: false` it answers once the settlement is in this worker's memory (today's totals
   * include it at once) and writes it behind: only for an answer whose cache line already holds the
   * reservation id and cost, from which a stopped worker's successor settles it (pipeline.ts).
   */
  settle(id: string, actualCost: unknown, details: SettleDetails, opts?: { durable?: boolean }): Promise<SettleResult>;
  /** Drop a reservation whose call certainly cost nothing (refused before sending, no response). */
  release(id: string): Promise<WriteResult>;
  /** Open reservations left by stopped workers, oldest first (to reconcile with settle/release). */
  unconfirmed(): Promise<OpenReservation[]>;
  /**
   * The user's word on the charges stopped workers left open: charged (each becomes a ledger line at
   * its estimate, flagged `confirmed-by-user`) or not charged (dropped). One write; answers how many.
   */
  resolveUnconfirmed(charged: boolean): Promise<WriteResult & { count: number }>;
  /** Add one call already made (reserve + settle in one); returns the totals after it. Throws if storage fails. */
  record(entry: LedgerEntry, estimate?: number): Promise<SpendTotals>;
  totals(now: number): Promise<SpendTotals>;
  summary(now: number): Promise<SpendSummary>;
  /** The last `n` calls, newest first. */
  recent(n?: number): Promise<StoredLedgerEntry[]>;
}

export interface LedgerOptions {
  /** This worker instance's name (tests give each simulated worker its own). */
  session?: string;
}

export function createLedger(options: LedgerOptions = {}): Ledger {
  const SESSION = options.session ?? WORKER_SESSION;
  let counter = 0;
  const { current, persist, writeFailure, recovered } = createLedgerStore(SESSION);

  const ledger: Ledger = {
    async reserve(estimate, meta, opts = {}) {
      const state = await current();
      const at = instant(meta.at);
      const est = sanitizeEstimate(estimate);
      const day = dayKey(at);
      const before = committed(state, day);
      const cap = opts.dailyBudget;
      if (cap != null && before + est > cap + 1e-9) {
        let inProgress = 0;
        for (const r of Object.values(state.open)) if (dayKey(r.at) === day) inProgress += r.estimate;
        return { ok: false, reason: 'budget', today: state.days[day] ?? 0, inProgress: roundUsd(inProgress), estimate: est };
      }
      const id = `${SESSION}:${++counter}`;
      state.open[id] = { id, at, estimate: est, session: SESSION, provider: meta.provider, endpoint: meta.endpoint, target: meta.target.slice(0, 2048) };
      if (meta.key) state.open[id].key = meta.key.slice(0, 256);
      // Not stored, so not reserved: the call is refused (the failed write took the line back).
      const written = await persist(state);
      if (!written.ok) return written;
      return { ok: true, id, committedToday: roundUsd(before + est) };
    },
    async settle(id, actualCost, details, opts = {}) {
      const state = await current();
      const open = state.open[id];
      if (!open) return { ok: false, reason: 'unknown-reservation', message: `No open reservation ${id}` };
      const { cost, flag } = sanitizeCost(actualCost, open.estimate);
      const at = instant(details.at);
      const rows = Number.isFinite(details.rows) && details.rows >= 0 ? details.rows : 0;
      const entry: StoredLedgerEntry = { at, provider: open.provider, endpoint: open.endpoint, target: open.target, cost, rows };
      if (flag) {
        entry.flag = flag;
        entry.reported = String(actualCost).slice(0, 64);
      }
      delete state.open[id];
      addEntry(state, entry);
      const settled: SettleResult = flag ? { ok: true, cost, flag, totals: totalsOf(state, at) } : { ok: true, cost, totals: totalsOf(state, at) };
      const writing = persist(state);
      if (opts.durable === false) {
        void writing.then((w) => {
          if (!w.ok) console.error('Backlink Lens: could not write a settled cost (the cache line holds it)', w.message);
        });
        return settled;
      }
      // A failed write leaves the reservation open (counted at its estimate); the next reserve
      // writes first, so no paid call goes out until storage takes the ledger again.
      const written = await writing;
      return written.ok ? settled : written;
    },
    async release(id) {
      const state = await current();
      if (!state.open[id]) return { ok: true };
      delete state.open[id];
      return persist(state);
    },
    async unconfirmed() {
      const { open } = await current();
      return Object.values(open).filter((r) => r.session !== SESSION).sort((a, b) => a.at - b.at);
    },
    async resolveUnconfirmed(charged) {
      const state = await current();
      const left = Object.values(state.open).filter((r) => r.session !== SESSION);
      if (left.length === 0) return { ok: true as const, count: 0 };
      for (const r of left) {
        delete state.open[r.id];
        if (charged) {
          addEntry(state, { at: r.at, provider: r.provider, endpoint: r.endpoint, target: r.target, cost: r.estimate, rows: 0, flag: 'confirmed-by-user' });
        }
      }
      const written = await persist(state);
      return written.ok ? { ok: true as const, count: left.length } : { ...written, count: 0 };
    },
    async record(entry, estimate) {
      // One write: the call is already made, so there is nothing to reserve ahead.
      const shape = validEntry({ ...entry, cost: 0 });
      if (!shape) throw new Error('Backlink Lens: not a ledger entry');
      const { cost, flag } = sanitizeCost(entry.cost, estimate ?? MAX_CALL_USD);
      const line: StoredLedgerEntry = { ...shape, cost };
      if (flag) {
        line.flag = flag;
        line.reported = String(entry.cost).slice(0, 64);
      }
      const state = await current();
      addEntry(state, line);
      const written = await persist(state);
      if (!written.ok) throw new Error(`Backlink Lens: the ledger could not be written (${written.reason})`);
      return totalsOf(state, line.at);
    },
    async totals(now) {
      return totalsOf(await current(), now);
    },
    async summary(now) {
      const state = await current();
      let inProgress = 0;
      let unconfirmed = 0;
      let unconfirmedCount = 0;
      for (const r of Object.values(state.open)) {
        if (r.session === SESSION) inProgress += r.estimate;
        else {
          unconfirmed += r.estimate;
          unconfirmedCount++;
        }
      }
      return {
        ...totalsOf(state, now),
        committedToday: committed(state, dayKey(now)),
        inProgress: roundUsd(inProgress),
        unconfirmed: roundUsd(unconfirmed),
        unconfirmedCount,
        flaggedCount: state.entries.filter((e) => e.flag).length,
        droppedCount: state.dropped,
        recovered: recovered(),
        writeFailure: writeFailure(),
      };
    },
    async recent(n = LEDGER_LIMITS.recent) {
      const { entries } = await current();
      return entries.slice(-n).reverse();
    },
  };
  return ledger;
}
