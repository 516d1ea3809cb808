import { z } from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import type { Endpoint } from '../dataforseo/api';
import { AnchorsPageSchema, BacklinksPageSchema, ProfileSchema } from '../model';
import { createMutex } from './mutex';

/**
 * Answers of paid calls, persisted in storage.local so they outlive the worker and the browser.
 *
 * Layout: one storage key per entry (`cache:<sha256>`) and a small index (`cacheIndex`) with, per
 * entry, its key, fetch time and size. A hit reads only its own entry; writes update the index.
 *
 * Bounds: at most CACHE_LIMITS.maxEntries entries and CACHE_LIMITS.maxBytes of JSON (UTF-8) in
 * total; beyond either, the entries fetched longest ago are evicted first. Expired entries are
 * dropped on every write. storage.local allows 10 MB without the unlimitedStorage permission, so
 * the cache takes at most 4 MB of it and leaves room for everything else.
 *
 * Only successful answers are ever stored (the service never passes an error here).
 */
export const CACHE_LIMITS = { maxEntries: 400, maxBytes: 4 * 1024 * 1024 } as const;

const ENTRY_PREFIX = 'local:cache:' as const;
const entryKey = (key: string) => `${ENTRY_PREFIX}${key}` as const;
const INDEX_KEY = 'local:cacheIndex';

export interface CachedAnswer {
  endpoint: Endpoint;
  data: unknown;
  /** When the API answered (epoch ms). */
  fetchedAt: number;
  /** What the answer cost when it was fetched (USD). */
  cost: number;
  rows: number;
}

const CachedAnswerSchema = z.object({
  endpoint: z.enum(['profile', 'anchors', 'backlinks', 'account']),
  data: z.unknown(),
  fetchedAt: z.number(),
  cost: z.number(),
  rows: z.number(),
});

const IndexItemSchema = z.object({ k: z.string(), at: z.number(), b: z.number() });
type IndexItem = z.infer<typeof IndexItemSchema>;
const IndexSchema = z.array(IndexItemSchema);

/** Data read back from storage must still match the model, or it is a miss. */
const DATA_SCHEMA: Partial<Record<Endpoint, z.ZodMiniType>> = {
  profile: ProfileSchema,
  anchors: AnchorsPageSchema,
  backlinks: BacklinksPageSchema,
};

export interface Freshness {
  /** How long an answer may be reused (ms). 0 or less: never. */
  ttlMs: number;
  now: number;
}

export interface CacheStats {
  entries: number;
  bytes: number;
  limitBytes: number;
}

export interface Cache {
  /** A fresh entry, or null (missing, expired or no longer matching the model). */
  get(key: string, f: Freshness): Promise<CachedAnswer | null>;
  /** Store (or replace) an entry; evicts expired and, beyond the limits, the oldest entries. */
  set(key: string, answer: CachedAnswer, f: Freshness): Promise<void>;
  /** Whether a fresh entry is listed, from the index alone (no entry read). */
  has(key: string, f: Freshness): Promise<boolean>;
  stats(): Promise<CacheStats>;
  clear(): Promise<void>;
}

export interface CacheOptions {
  maxEntries?: number;
  maxBytes?: number;
}

const encoder = new TextEncoder();

function isFresh(fetchedAt: number, f: Freshness): boolean {
  return f.ttlMs > 0 && f.now - fetchedAt < f.ttlMs;
}

export function createCache(options: CacheOptions = {}): Cache {
  const maxEntries = options.maxEntries ?? CACHE_LIMITS.maxEntries;
  const maxBytes = options.maxBytes ?? CACHE_LIMITS.maxBytes;
  const lock = createMutex();

  async function readIndex(): Promise<IndexItem[]> {
    const parsed = IndexSchema.safeParse(await storage.getItem(INDEX_KEY));
    return parsed.success ? parsed.data : [];
  }

  return {
    async get(key, f) {
      if (f.ttlMs <= 0) return null;
      const parsed = CachedAnswerSchema.safeParse(await storage.getItem(entryKey(key)));
      if (!parsed.success) return null;
      const entry = parsed.data;
      if (!isFresh(entry.fetchedAt, f)) return null;
      const schema = DATA_SCHEMA[entry.endpoint];
      if (schema) {
        const data = schema.safeParse(entry.data);
        if (!data.success) return null;
        return { ...entry, data: data.data };
      }
      return entry as CachedAnswer;
    },

    set(key, answer, f) {
      return lock(async () => {
        const index = await readIndex();
        const drop: string[] = [];
        const kept: IndexItem[] = [];
        for (const item of index) {
          if (item.k === key) continue; // replaced below (or removed if it cannot be stored)
          if (isFresh(item.at, f)) kept.push(item);
          else drop.push(item.k);
        }
        const json = JSON.stringify(answer);
        const bytes = encoder.encode(json).length + encoder.encode(ENTRY_PREFIX + key).length;
        const storable = isFresh(answer.fetchedAt, f) && bytes <= maxBytes;
        if (storable) {
          kept.push({ k: key, at: answer.fetchedAt, b: bytes });
          kept.sort((a, b) => a.at - b.at);
          let total = kept.reduce((sum, item) => sum + item.b, 0);
          while (kept.length > maxEntries || total > maxBytes) {
            const oldest = kept.shift();
            if (!oldest) break;
            total -= oldest.b;
            drop.push(oldest.k);
          }
        }
        const stillListed = kept.some((item) => item.k === key);
        if (stillListed) {
          await storage.setItems([
            { key: `${ENTRY_PREFIX}${key}` as const, value: answer },
            { key: INDEX_KEY, value: kept },
          ]);
        } else {
          drop.push(key);
          await storage.setItem(INDEX_KEY, kept);
        }
        if (drop.length) await storage.removeItems(drop.map((k) => `${ENTRY_PREFIX}${k}` as const));
      });
    },

    async has(key, f) {
      if (f.ttlMs <= 0) return false;
      const index = await readIndex();
      return index.some((item) => item.k === key && isFresh(item.at, f));
    },

    async stats() {
      const index = await readIndex();
      return {
        entries: index.length,
        bytes: index.reduce((sum, item) => sum + item.b, 0),
        limitBytes: maxBytes,
      };
    },

    clear() {
      return lock(async () => {
        // Remove every entry, listed or not (an entry can be left unlisted if the worker stopped mid-write).
        const all = await storage.snapshot('local');
        const keys = Object.keys(all)
          .filter((k) => k.startsWith('cache:'))
          .map((k) => `local:${k}` as const);
        await storage.removeItems([...keys, INDEX_KEY]);
      });
    },
  };
}
