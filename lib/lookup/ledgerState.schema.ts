import { z } from 'zod/mini';
import { LedgerEntrySchema, type LedgerEntry } from '@/lib/messages';

/**
 * The stored shape of the ledger (`local:ledger`) and its defensive read-back. Everything read from
 * storage is treated as possibly damaged: each line, each day total and each open reservation is
 * checked alone; what fails is dropped and counted, what passes is kept. Nothing here throws.
 */

/** No single call may be ledgered above this (USD). A reported cost above it is taken as garbage. */
export const MAX_CALL_USD = 100;
/** A stored day total is clamped to this (USD), so sums stay finite whatever storage holds. */
export const MAX_DAY_USD = 100_000;
/** At most this many open reservations are kept (oldest dropped first, counted as damage). */
export const MAX_OPEN = 1000;

/** Why a reported cost was not taken as it was. */
export type CostFlag = 'cost-not-finite' | 'cost-negative' | 'cost-absurd' | 'cost-missing' | 'confirmed-by-user';

/** A ledger line: what a call cost, with a flag when the reported cost was replaced by the estimate. */
export type StoredLedgerEntry = LedgerEntry & {
  flag?: CostFlag;
  /** The cost as reported, as text (it may have been NaN or Infinity), when flagged. */
  reported?: string;
};

export interface OpenReservation {
  id: string;
  at: number;
  estimate: number;
  /** The worker instance that made it: another one's open reservation is an unconfirmed charge. */
  session: string;
  provider: LedgerEntry['provider'];
  endpoint: LedgerEntry['endpoint'];
  target: string;
  /** The cache key of the answer the call was buying: a restarted worker finds its lost answer by it. */
  key?: string;
}

export interface LedgerState {
  entries: StoredLedgerEntry[];
  /** 'YYYY-MM-DD' (local) → USD settled that day. */
  days: Record<string, number>;
  open: Record<string, OpenReservation>;
  /** Damaged lines, day totals and reservations dropped on read so far (kept across writes). */
  dropped: number;
}

export const emptyState = (): LedgerState => ({ entries: [], days: {}, open: {}, dropped: 0 });

const isFiniteIn = (n: unknown, lo: number, hi: number): n is number =>
  typeof n === 'number' && Number.isFinite(n) && n >= lo && n <= hi;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_MAX = 8.64e15; // the largest valid Date

const FLAGS: readonly CostFlag[] = ['cost-not-finite', 'cost-negative', 'cost-absurd', 'cost-missing', 'confirmed-by-user'];

const EntryShape = z.extend(LedgerEntrySchema, {
  flag: z.optional(z.enum(FLAGS as [CostFlag, ...CostFlag[]])),
  reported: z.optional(z.string()),
});

const OpenShape = z.object({
  id: z.string(),
  at: z.number(),
  estimate: z.number(),
  session: z.string(),
  provider: LedgerEntrySchema.shape.provider,
  endpoint: LedgerEntrySchema.shape.endpoint,
  target: z.string(),
  key: z.optional(z.string().check(z.maxLength(256))),
});

/** One stored line, or null when it is damaged. */
export function validEntry(raw: unknown): StoredLedgerEntry | null {
  const parsed = EntryShape.safeParse(raw);
  if (!parsed.success) return null;
  const e = parsed.data;
  if (!isFiniteIn(e.at, 0, TIME_MAX) || !isFiniteIn(e.cost, 0, MAX_CALL_USD)) return null;
  if (!isFiniteIn(e.rows, 0, Number.MAX_SAFE_INTEGER) || e.target.length > 2048) return null;
  const clean: StoredLedgerEntry = {
    at: e.at,
    provider: e.provider,
    endpoint: e.endpoint,
    target: e.target,
    cost: e.cost,
    rows: e.rows,
  };
  if (e.flag) clean.flag = e.flag;
  if (e.reported !== undefined) clean.reported = e.reported.slice(0, 64);
  return clean;
}

function validOpen(raw: unknown): OpenReservation | null {
  const parsed = OpenShape.safeParse(raw);
  if (!parsed.success) return null;
  const r = parsed.data;
  if (!isFiniteIn(r.at, 0, TIME_MAX) || !isFiniteIn(r.estimate, 0, MAX_CALL_USD)) return null;
  const clean: OpenReservation = { id: r.id, at: r.at, estimate: r.estimate, session: r.session, provider: r.provider, endpoint: r.endpoint, target: r.target.slice(0, 2048) };
  if (r.key !== undefined) clean.key = r.key;
  return clean;
}

const roundUsd = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Reads whatever storage held into a usable state. `reset` is true when the value as a whole was
 * unreadable (not the ledger's shape), `droppedNow` counts what was dropped by this read.
 */
export function recoverState(
  raw: unknown,
  dayOf: (ms: number) => string,
): { state: LedgerState; droppedNow: number; reset: boolean } {
  if (raw == null) return { state: emptyState(), droppedNow: 0, reset: false };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { state: { ...emptyState(), dropped: 1 }, droppedNow: 1, reset: true };
  const obj = raw as Record<string, unknown>;
  let dropped = 0;

  const entries: StoredLedgerEntry[] = [];
  if (Array.isArray(obj.entries)) {
    for (const item of obj.entries) {
      const e = validEntry(item);
      if (e) entries.push(e);
      else dropped++;
    }
  } else if (obj.entries !== undefined) dropped++;

  // A day total never reads below what its kept lines add up to (a damaged total is rebuilt).
  const fromEntries: Record<string, number> = {};
  for (const e of entries) {
    const d = dayOf(e.at);
    fromEntries[d] = roundUsd((fromEntries[d] ?? 0) + e.cost);
  }
  const days: Record<string, number> = {};
  if (obj.days && typeof obj.days === 'object' && !Array.isArray(obj.days)) {
    for (const [day, usd] of Object.entries(obj.days as Record<string, unknown>)) {
      if (!DAY_RE.test(day)) {
        dropped++;
        continue;
      }
      if (typeof usd === 'number' && usd > MAX_DAY_USD) {
        days[day] = MAX_DAY_USD; // huge or Infinity: clamped, never lowered to nothing
        dropped++;
      } else if (isFiniteIn(usd, 0, MAX_DAY_USD)) {
        days[day] = usd;
      } else dropped++;
    }
  } else if (obj.days !== undefined) dropped++;
  for (const [day, usd] of Object.entries(fromEntries)) days[day] = Math.min(MAX_DAY_USD, Math.max(days[day] ?? 0, usd));

  const open: Record<string, OpenReservation> = {};
  if (obj.open && typeof obj.open === 'object' && !Array.isArray(obj.open)) {
    const list = Object.values(obj.open as Record<string, unknown>)
      .map((r) => {
        const v = validOpen(r);
        if (!v) dropped++;
        return v;
      })
      .filter((r): r is OpenReservation => r !== null)
      .sort((a, b) => a.at - b.at);
    dropped += Math.max(0, list.length - MAX_OPEN);
    for (const r of list.slice(-MAX_OPEN)) open[r.id] = r;
  } else if (obj.open !== undefined) dropped++;

  const before = isFiniteIn(obj.dropped, 0, Number.MAX_SAFE_INTEGER) ? Math.floor(obj.dropped) : 0;
  return {
    state: { entries, days, open, dropped: Math.min(Number.MAX_SAFE_INTEGER, before + dropped) },
    droppedNow: dropped,
    reset: false,
  };
}

/**
 * The cost to ledger for a call: the reported one when it is a plausible number, otherwise the
 * estimate, flagged. Never 0-by-accident, never NaN or Infinity.
 */
export function sanitizeCost(reported: unknown, estimate: number): { cost: number; flag?: CostFlag } {
  const est = sanitizeEstimate(estimate);
  if (reported === undefined || reported === null) return { cost: est, flag: 'cost-missing' };
  if (typeof reported !== 'number' || !Number.isFinite(reported)) return { cost: est, flag: 'cost-not-finite' };
  if (reported < 0) return { cost: est, flag: 'cost-negative' };
  if (reported > MAX_CALL_USD) return { cost: est, flag: 'cost-absurd' };
  return { cost: roundUsd(reported) };
}

/** An estimate as ledgered: finite, 0..MAX_CALL_USD; a non-number counts as the maximum. */
export function sanitizeEstimate(estimate: number): number {
  if (typeof estimate !== 'number' || Number.isNaN(estimate)) return MAX_CALL_USD;
  return roundUsd(Math.min(MAX_CALL_USD, Math.max(0, estimate)));
}
