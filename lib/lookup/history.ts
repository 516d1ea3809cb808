import { z } from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import { HistoryEntrySchema, type HistoryEntry } from '../messages';
import { createMutex } from './mutex';

/**
 * The last HISTORY_LIMIT profile checks, newest first, in storage.local (`history`). A new check of
 * the same target and scope replaces the older line. Each line remembers its cache key so the page
 * can be told whether reopening it costs nothing.
 */
export const HISTORY_LIMIT = 50;

const HISTORY_KEY = 'local:history';

const StoredSchema = z.extend(z.omit(HistoryEntrySchema, { cached: true }), { key: z.string() });
export type StoredHistoryEntry = z.infer<typeof StoredSchema>;

export interface History {
  add(entry: StoredHistoryEntry): Promise<void>;
  /** Newest first; `isCached(key)` decides each line's `cached`. */
  list(isCached: (key: string) => Promise<boolean> | boolean): Promise<HistoryEntry[]>;
}

export function createHistory(): History {
  const lock = createMutex();

  async function read(): Promise<StoredHistoryEntry[]> {
    const raw = await storage.getItem<unknown[]>(HISTORY_KEY);
    if (!Array.isArray(raw)) return [];
    // Keep every valid line even if one is damaged.
    return raw.flatMap((item) => {
      const parsed = StoredSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
  }

  return {
    add(entry) {
      return lock(async () => {
        const clean = StoredSchema.parse(entry);
        const rest = (await read()).filter(
          (e) => !(e.target.value === clean.target.value && e.scope === clean.scope),
        );
        await storage.setItem(HISTORY_KEY, [clean, ...rest].slice(0, HISTORY_LIMIT));
      });
    },
    async list(isCached) {
      const entries = await read();
      return Promise.all(
        entries.map(async ({ key, ...entry }) => ({ ...entry, cached: await isCached(key) })),
      );
    },
  };
}
