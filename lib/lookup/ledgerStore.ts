import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { recoverState, type LedgerState } from './ledgerState.schema';
import { dayKey } from './ledgerMath';
import { KEY_NAMES, LOCAL } from '@/lib/storage/registry';

/** The ledger's storage (ledger.ts keeps the rules): the state held in memory and its writes. */

/** What the ledger keeps: the last calls, day totals, and how many recent calls Spend lists. */
export const LEDGER_LIMITS = { maxEntries: 500, maxDays: 400, recent: 20 } as const;

const LEDGER_KEY = LOCAL.ledger;

/** Why storage could not take a write: full (quota) or any other failure. */
export type WriteFailure = 'storage-full' | 'write-failed';
export type WriteResult = { ok: true } | { ok: false; reason: WriteFailure; message: string };

function classify(e: unknown): { reason: WriteFailure; message: string } {
  const message = e instanceof Error ? e.message : String(e);
  const full = /quota|full|space|exceed/i.test(message);
  return { reason: full ? 'storage-full' : 'write-failed', message };
}

export interface LedgerStore {
  /** The ledger as this worker knows it (read from storage the first time); change it, then `persist` it. */
  current(): Promise<LedgerState>;
  /** Resolves once a write holding every change made to `state` before this call is done (or failed). */
  persist(state: LedgerState): Promise<WriteResult>;
  /** The last write's failure (null after a successful one). */
  writeFailure(): WriteFailure | null;
  /** The stored value as a whole was not a ledger and was started afresh (since this store was made). */
  recovered(): boolean;
}

/** `session`: the writer's name, in each write's mark. */
export function createLedgerStore(session: string): LedgerStore {
  let writeFailure: WriteFailure | null = null;
  let recovered = false;

  /*
   * The state is read from storage once and then held in memory: this module is the ledger's only
   * writer, so what it wrote is what is stored (plus writes still on their way). Every change is
   * made to the held state synchronously (a check and its change cannot interleave with another
   * request's) and then written whole. A change made by anyone else (storage.onChanged without one
   * of our write marks) drops the held state: the next use reads storage again.
   */
  let held: LedgerState | null = null;
  let loading: Promise<LedgerState> | null = null;
  let generation = 0;
  let writeNo = 0;
  /** Marks of our writes whose storage.onChanged has not come back yet. */
  const ours = new Set<string>();
  const listener = (changes: Record<string, { newValue?: unknown } | undefined>, area: string) => {
    if (area !== 'local' || !Object.hasOwn(changes, KEY_NAMES.ledger)) return;
    const mark = (changes[KEY_NAMES.ledger]?.newValue as { w?: unknown } | undefined)?.w;
    if (typeof mark === 'string' && ours.delete(mark)) return;
    forget();
  };
  function forget() {
    held = null;
    loading = null;
    generation++;
  }
  /** Whether changes by others are seen (else nothing is held: every use reads storage). */
  function watching(): boolean {
    const event = browser.storage?.onChanged;
    if (!event) return false;
    if (!event.hasListener(listener)) {
      event.addListener(listener);
      forget();
    }
    return true;
  }

  async function read(): Promise<LedgerState> {
    let raw: unknown;
    try {
      raw = await storage.getItem(LEDGER_KEY);
    } catch {
      raw = 'unreadable';
    }
    const { state, reset } = recoverState(raw, dayKey);
    recovered ||= reset;
    return state;
  }

  /** The ledger as this worker knows it (read from storage the first time). */
  function current(): Promise<LedgerState> {
    if (!watching()) return read();
    if (held) return Promise.resolve(held);
    if (!loading) {
      const gen = generation;
      const p = read().then((state) => {
        if (gen !== generation) return state; // changed by someone else meanwhile: not held
        held = state;
        loading = null;
        return state;
      });
      loading = p;
    }
    return loading;
  }

  /** Writes `state` whole (trimmed to the limits). */
  async function writeState(state: LedgerState): Promise<WriteResult> {
    if (state.entries.length > LEDGER_LIMITS.maxEntries) {
      state.entries.splice(0, state.entries.length - LEDGER_LIMITS.maxEntries);
    }
    const days = Object.keys(state.days).sort();
    for (const old of days.slice(0, Math.max(0, days.length - LEDGER_LIMITS.maxDays))) delete state.days[old];
    const mark = `${session}:${++writeNo}`;
    ours.add(mark);
    if (ours.size > 64) ours.delete(ours.values().next().value as string);
    try {
      await storage.setItem(LEDGER_KEY, { ...state, w: mark });
      writeFailure = null;
      return { ok: true };
    } catch (e) {
      ours.delete(mark);
      const failure = classify(e);
      writeFailure = failure.reason;
      // Storage keeps the last state it took: that is the ledger again (the next use reads it), and
      // every change of this write is undone with it (a reservation not stored is no reservation).
      if (held === state) forget();
      return { ok: false, ...failure };
    }
  }

  const notWritten = (): WriteResult => ({ ok: false, reason: writeFailure ?? 'write-failed', message: 'The ledger changed before this could be written' });

  /*
   * Writes are one at a time; changes made while one is on its way go out together in the next
   * (a group commit): two paid calls reserved together cost one write more, not two.
   */
  let inFlight: Promise<WriteResult> | null = null;
  let next: Promise<WriteResult> | null = null;
  function persist(state: LedgerState): Promise<WriteResult> {
    if (held !== state) {
      // Unwatched storage: a state just read, written on its own. Watched: forgotten since it was
      // taken (a failed write, or someone else's change), so these changes are not written.
      return browser.storage?.onChanged ? Promise.resolve(notWritten()) : writeState(state);
    }
    if (next) return next;
    if (!inFlight) {
      const w = writeState(state).finally(() => {
        inFlight = null;
      });
      inFlight = w;
      return w;
    }
    const after = inFlight.then((): Promise<WriteResult> | WriteResult => {
      next = null;
      // Forgotten meanwhile (the write before failed and took these changes back with it): not written.
      return held === state ? persist(state) : notWritten();
    });
    next = after;
    return after;
  }

  return { current, persist, writeFailure: () => writeFailure, recovered: () => recovered };
}
