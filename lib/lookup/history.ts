import { z } from 'zod/mini';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { HistoryEntrySchema, QueryOptionsSchema, type EarlierCheck, type HistoryEntry } from '@/lib/messages';
import type { QueryOptions } from '@/lib/settings/query';
import { createMutex } from './mutex';
import { LOCAL } from '@/lib/storage/registry';
import type { WriteResult } from './ledger';

/**
 * The last HISTORY_LIMIT profile checks, newest first, in storage.local (`local:history`, version 2).
 * One line per target and scope; a new check of it replaces the line and keeps the figures it
 * replaces among the line's `earlier` ones (at most EARLIER_LIMIT, newest first), so the popup can
 * say what changed since the last check without paying for anything. Each line and each earlier
 * figure remembers its cache key (provider, account, target and options in one hash): two checks with
 * the same key were made with the same options. Read back defensively: each line is checked alone
 * (damaged ones dropped and counted), a value that is not a list reads as an empty history.
 */
export const HISTORY_LIMIT = 50;
/** Earlier figures kept per line. */
export const EARLIER_LIMIT = 5;
export const HISTORY_VERSION = 2;

const HISTORY_KEY = LOCAL.history;

/**
 * A line as version 1 stored it (frozen: never edit, it is what old installs still hold): the newest
 * check only, without the data's fetch time, its options or earlier figures.
 */
export interface HistoryLineV1 {
  at: number;
  target: { value: string; display: string; scope: 'domain' | 'host' | 'page' };
  scope: 'domain' | 'host' | 'page';
  rank: number | null;
  backlinks: number | null;
  referringDomains: number | null;
  key: string;
}

const Count = z.nullable(z.number());
/** One set of figures as stored: when the API produced them, under which key and options. */
const FiguresSchema = z.object({
  fetchedAt: z.number(),
  rank: Count,
  backlinks: Count,
  referringDomains: Count,
  key: z.string(),
  /** null: not recorded (lines from version 1). */
  options: z.nullable(QueryOptionsSchema),
});
type StoredFigures = z.infer<typeof FiguresSchema>;

const StoredSchema = z.extend(z.omit(HistoryEntrySchema, { cached: true, earlier: true }), {
  key: z.string(),
  /** When the API produced the figures (a check answered from the cache shows older data). */
  fetchedAt: z.number(),
  options: z.nullable(QueryOptionsSchema),
  earlier: z.array(FiguresSchema),
});
export type StoredHistoryEntry = z.infer<typeof StoredSchema>;
/** What a check adds: the line without its earlier figures (the store keeps those). */
export type NewHistoryEntry = Omit<StoredHistoryEntry, 'earlier'>;

/** v1 → v2: each line gains its fetch time (the check's), unknown options and no earlier figures. */
export function migrateHistoryV1(old: unknown): unknown {
  if (!Array.isArray(old)) return old; // read as empty (and reported) by the reader
  return old.map((line: unknown) => {
    if (!line || typeof line !== 'object' || Array.isArray(line)) return line; // dropped and counted by the reader
    const l = line as Partial<HistoryLineV1> & Record<string, unknown>;
    if ('earlier' in l) return l; // already v2
    return { ...l, fetchedAt: l.at, options: null, earlier: [] };
  });
}

export type HistoryAddResult = (WriteResult & { earlier?: EarlierCheck | null }) | { ok: false; reason: 'invalid'; message: string };

export interface HistoryHealth {
  /** Damaged lines dropped by the last read. */
  dropped: number;
  /** The stored value was not a list (read as empty). */
  recovered: boolean;
  /** The last add could not be written. */
  writeFailure: 'storage-full' | 'write-failed' | null;
}

export interface History {
  /**
   * Never throws: a write failure comes back as `{ ok: false, reason }`. On success, `earlier` is the
   * earlier check this one is compared with (null when there is none, or nothing changed).
   */
  add(entry: NewHistoryEntry): Promise<HistoryAddResult>;
  /**
   * Read-only: the earlier check `entry` would be compared with if it were added now (what `add`
   * returns), so a caller that writes the line later can still answer with it. Null on any failure.
   */
  earlierFor(entry: NewHistoryEntry): Promise<EarlierCheck | null>;
  /**
   * `earlierFor` in two steps: the history is read now (say, while a paid call runs) and the function
   * returned answers from that read once the new figures are known.
   */
  earlierReader(): (entry: NewHistoryEntry) => Promise<EarlierCheck | null>;
  /** Newest first; `isCached(key)` decides each line's `cached` (false if it throws). */
  list(isCached: (key: string) => Promise<boolean> | boolean): Promise<HistoryEntry[]>;
  health(): Promise<HistoryHealth>;
}

const finiteOrNull = (n: number | null) => n === null || (Number.isFinite(n) && n >= 0 && n <= Number.MAX_SAFE_INTEGER);
const saneTime = (t: number) => Number.isFinite(t) && t >= 0 && t <= 8.64e15;
const TEXT_MAX = 4096;

function saneFigures(f: Omit<StoredFigures, 'options'>): boolean {
  return saneTime(f.fetchedAt) && finiteOrNull(f.rank) && finiteOrNull(f.backlinks) && finiteOrNull(f.referringDomains) && f.key.length <= TEXT_MAX;
}

function validLine(item: unknown): StoredHistoryEntry | null {
  const parsed = StoredSchema.safeParse(item);
  if (!parsed.success) return null;
  const e = parsed.data;
  if (!saneTime(e.at) || !saneFigures(e)) return null;
  if (e.target.value.length > TEXT_MAX || e.target.display.length > TEXT_MAX) return null;
  // A damaged earlier figure costs only itself.
  return { ...e, earlier: e.earlier.filter(saneFigures).slice(0, EARLIER_LIMIT) };
}

const figuresOf = (e: NewHistoryEntry | StoredFigures): StoredFigures => ({
  fetchedAt: e.fetchedAt,
  rank: e.rank,
  backlinks: e.backlinks,
  referringDomains: e.referringDomains,
  key: e.key,
  options: e.options,
});
const sameData = (a: StoredFigures, b: StoredFigures) => a.key === b.key && a.fetchedAt === b.fetchedAt;
/** Same key and the same three figures: it adds nothing to compare with, so it is not kept. */
const sameFigures = (a: StoredFigures, b: StoredFigures) =>
  a.key === b.key && a.rank === b.rank && a.backlinks === b.backlinks && a.referringDomains === b.referringDomains;

/** The options that differ between two checks, by setting name (empty when they are the same or unknown). */
export function optionsThatDiffer(a: QueryOptions | null, b: QueryOptions | null): (keyof QueryOptions)[] {
  if (!a || !b) return [];
  return (Object.keys(a) as (keyof QueryOptions)[]).filter((k) => a[k] !== b[k]);
}

/**
 * The earlier check a new one is compared with, of the figures produced before it. Checks under the
 * same key (same options, provider and account) come first: the newest of them whose figures differ
 * (the checks after it found the same figures, so the change dates from it), or none when all agree.
 * Without any such check, the newest check of any key, flagged as made with other options. Null when
 * there is none or no figure changed. Ranks on another scale are never compared.
 */
export function earlierCheck(current: StoredFigures, earlier: readonly StoredFigures[]): EarlierCheck | null {
  const before = earlier.filter((f) => f.fetchedAt < current.fetchedAt).sort((a, b) => b.fetchedAt - a.fetchedAt);
  const sameKey = before.filter((f) => f.key === current.key);
  const candidates = sameKey.length > 0 ? sameKey : before.slice(0, 1);
  for (const base of candidates) {
    const sameOptions = base.key === current.key;
    const differ = sameOptions ? [] : optionsThatDiffer(base.options, current.options);
    // Ranks on different scales (or under options not recorded) are not comparable: left out.
    const rankComparable = sameOptions || (!differ.includes('rankScale') && base.options !== null && current.options !== null);
    const changed =
      (rankComparable && base.rank !== current.rank) || base.backlinks !== current.backlinks || base.referringDomains !== current.referringDomains;
    if (!changed) continue;
    return {
      fetchedAt: base.fetchedAt,
      rank: rankComparable ? base.rank : null,
      backlinks: base.backlinks,
      referringDomains: base.referringDomains,
      sameOptions,
      optionsDiffer: differ,
    };
  }
  return null;
}

/**
 * The line a new check makes: its figures, and as earlier ones the line it replaces and that line's
 * earlier figures (newest first, bounded). The same data seen again (a check answered from the cache),
 * or the same figures under the same key, is not kept: it adds nothing to compare with.
 */
function withEarlier(clean: StoredHistoryEntry, old: StoredHistoryEntry | undefined): StoredHistoryEntry {
  const current = figuresOf(clean);
  const earlier: StoredFigures[] = [];
  for (const f of old ? [figuresOf(old), ...old.earlier] : []) {
    if (sameData(f, current) || sameFigures(f, current) || earlier.some((g) => sameData(g, f))) continue;
    earlier.push(f);
  }
  return { ...clean, earlier: earlier.slice(0, EARLIER_LIMIT) };
}

export function createHistory(): History {
  const lock = createMutex();
  let lastDropped = 0;
  let recovered = false;
  let writeFailure: HistoryHealth['writeFailure'] = null;
  let item: WxtStorageItem<unknown, {}> | null = null;
  const historyItem = () =>
    (item ??= storage.defineItem<unknown>(HISTORY_KEY, { version: HISTORY_VERSION, migrations: { 2: migrateHistoryV1 } }));

  async function read(): Promise<StoredHistoryEntry[]> {
    let raw: unknown;
    try {
      raw = await historyItem().getValue();
    } catch {
      raw = 'unreadable';
    }
    // A line still in the v1 shape (e.g. written by a worker of the old version meanwhile) reads as v2.
    raw = migrateHistoryV1(raw);
    recovered = raw != null && !Array.isArray(raw);
    if (!Array.isArray(raw)) {
      lastDropped = recovered ? 1 : 0;
      return [];
    }
    const kept: StoredHistoryEntry[] = [];
    for (const entry of raw.slice(0, HISTORY_LIMIT * 4)) {
      const line = validLine(entry);
      if (line) kept.push(line);
    }
    lastDropped = raw.length - kept.length;
    return kept.slice(0, HISTORY_LIMIT);
  }

  function earlierReader(): (entry: NewHistoryEntry) => Promise<EarlierCheck | null> {
    const lines = read();
    lines.catch(() => undefined); // never awaited when the call fails
    return async (entry) => {
      try {
        const clean = validLine({ ...entry, earlier: [] });
        if (!clean) return null;
        const old = (await lines).find((e) => e.target.value === clean.target.value && e.scope === clean.scope);
        const line = withEarlier(clean, old);
        return earlierCheck(figuresOf(line), line.earlier);
      } catch {
        return null;
      }
    };
  }

  return {
    add(entry) {
      return lock(async (): Promise<HistoryAddResult> => {
        const clean = validLine({ ...entry, earlier: [] });
        if (!clean) return { ok: false, reason: 'invalid', message: 'Not a history line' };
        const lines = await read();
        const same = (e: StoredHistoryEntry) => e.target.value === clean.target.value && e.scope === clean.scope;
        const line = withEarlier(clean, lines.find(same));
        try {
          await historyItem().setValue([line, ...lines.filter((e) => !same(e))].slice(0, HISTORY_LIMIT));
          writeFailure = null;
          return { ok: true, earlier: earlierCheck(figuresOf(line), line.earlier) };
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          writeFailure = /quota|full|space|exceed/i.test(message) ? 'storage-full' : 'write-failed';
          return { ok: false, reason: writeFailure, message };
        }
      });
    },
    earlierFor: (entry) => earlierReader()(entry),
    earlierReader,
    async list(isCached) {
      // Under the lock: a line being written (after a reply) is listed once it is in.
      const entries = await lock(read);
      return Promise.all(
        entries.map(async (line) => {
          const { key, at, target, scope, rank, backlinks, referringDomains } = line;
          let cached = false;
          try {
            cached = (await isCached(key)) === true;
          } catch {
            cached = false;
          }
          return { at, target, scope, rank, backlinks, referringDomains, cached, earlier: earlierCheck(figuresOf(line), line.earlier) };
        }),
      );
    },
    async health() {
      await read();
      return { dropped: lastDropped, recovered, writeFailure };
    },
  };
}
