import { z } from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import { HistoryEntrySchema, type HistoryEntry } from '../messages';
import { createMutex } from './mutex';
import { storageMemo } from '../storageMemo';
import type { WriteResult } from './ledger';

/**
 * The last HISTORY_LIMIT profile checks, newest first, in storage.local (`history`). A new check of
 * the same target and scope replaces the older line. Each line remembers its cache key so the page
 * can be told whether reopening it costs nothing. Read back defensively: each line is checked alone
 * (damaged ones dropped and counted), a value that is not a list reads as an empty history.
 */
export const HISTORY_LIMIT = 50;

const HISTORY_KEY = 'local:history';

const StoredSchema = z.extend(z.omit(HistoryEntrySchema, { cached: true }), { key: z.string() });
export type StoredHistoryEntry = z.infer<typeof StoredSchema>;

export type HistoryAddResult = WriteResult | { ok: false; reason: 'invalid'; message: string };

export interface HistoryHealth {
  /** Damaged lines dropped by the last read. */
  dropped: number;
  /** The stored value was not a list (read as empty). */
  recovered: boolean;
  /** The last add could not be written. */
  writeFailure: 'storage-full' | 'write-failed' | null;
}

export interface History {
  /** Never throws: a write failure comes back as `{ ok: false, reason }`. */
  add(entry: StoredHistoryEntry): Promise<HistoryAddResult>;
  /** Newest first; `isCached(key)` decides each line's `cached` (false if it throws). */
  list(isCached: (key: string) => Promise<boolean> | boolean): Promise<HistoryEntry[]>;
  health(): Promise<HistoryHealth>;
}

const finiteOrNull = (n: number | null) => n === null || (Number.isFinite(n) && n >= 0 && n <= Number.MAX_SAFE_INTEGER);
const TEXT_MAX = 4096;

function validLine(item: unknown): StoredHistoryEntry | null {
  const parsed = StoredSchema.safeParse(item);
  if (!parsed.success) return null;
  const e = parsed.data;
  if (!Number.isFinite(e.at) || e.at < 0 || e.at > 8.64e15) return null;
  if (!finiteOrNull(e.rank) || !finiteOrNull(e.backlinks) || !finiteOrNull(e.referringDomains)) return null;
  if (e.key.length > TEXT_MAX || e.target.value.length > TEXT_MAX || e.target.display.length > TEXT_MAX) return null;
  return e;
}

export function createHistory(): History {
  const lock = createMutex();
  let lastDropped = 0;
  let recovered = false;
  let writeFailure: HistoryHealth['writeFailure'] = null;

  /** The stored value as last read or written (each line is still checked on every read). */
  const stored = storageMemo<unknown>(
    ['history'],
    async () => {
      try {
        return await storage.getItem<unknown>(HISTORY_KEY);
      } catch {
        return 'unreadable';
      }
    },
    (raw) => raw ?? null,
  );

  async function read(): Promise<StoredHistoryEntry[]> {
    const raw = await stored.get();
    recovered = raw != null && !Array.isArray(raw);
    if (!Array.isArray(raw)) {
      lastDropped = recovered ? 1 : 0;
      return [];
    }
    const kept: StoredHistoryEntry[] = [];
    for (const item of raw.slice(0, HISTORY_LIMIT * 4)) {
      const line = validLine(item);
      if (line) kept.push(line);
    }
    lastDropped = raw.length - kept.length;
    return kept.slice(0, HISTORY_LIMIT);
  }

  return {
    add(entry) {
      return lock(async (): Promise<HistoryAddResult> => {
        const clean = validLine(entry);
        if (!clean) return { ok: false, reason: 'invalid', message: 'Not a history line' };
        const rest = (await read()).filter(
          (e) => !(e.target.value === clean.target.value && e.scope === clean.scope),
        );
        const next = [clean, ...rest].slice(0, HISTORY_LIMIT);
        try {
          stored.clear();
          await storage.setItem(HISTORY_KEY, next);
          stored.set(next);
          writeFailure = null;
          return { ok: true };
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          writeFailure = /quota|full|space|exceed/i.test(message) ? 'storage-full' : 'write-failed';
          return { ok: false, reason: writeFailure, message };
        }
      });
    },
    async list(isCached) {
      // After the lines being written (a check's reply does not wait for its line).
      const entries = await lock(read);
      return Promise.all(
        entries.map(async ({ key, ...entry }) => {
          let cached = false;
          try {
            cached = (await isCached(key)) === true;
          } catch {
            cached = false;
          }
          return { ...entry, cached };
        }),
      );
    },
    async health() {
      await read();
      return { dropped: lastDropped, recovered, writeFailure };
    },
  };
}
