import { z } from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import type { Endpoint, EndpointModel } from '../dataforseo/endpoints';
import { ENDPOINT_SCHEMAS, EndpointSchema } from '../dataforseo/endpoints.schema';
import { createMutex } from './mutex';

/**
 * Answers of paid calls, persisted in storage.local so they outlive the worker and the browser.
 *
 * Layout: one storage key per entry (`cache:<sha256>`) and a small index (`cacheIndex`) with, per
 * entry, its key, fetch time and size. A hit reads only its own entry; writes update the index.
 *
 * Lifetime: each entry carries its own `expiresAt`, set when it is written from its endpoint row's
 * lifetime rule (lib/dataforseo/endpoints.ts); a write drops only entries past their OWN expiry, so
 * endpoints with different lifetimes never evict each other. A read also applies the caller's
 * current rule (a shorter cache lifetime chosen later applies to entries already stored). Entries
 * written before `expiresAt` existed have none: they expire by the caller's rule, as before.
 *
 * Bounds: at most CACHE_LIMITS.maxEntries entries and CACHE_LIMITS.maxBytes of JSON (UTF-8) in
 * total; beyond either, the entries fetched longest ago are evicted first. storage.local allows 10 MB without the unlimitedStorage permission, so
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
  /**
   * When the entry stops being reused (epoch ms). Set by set() from the Freshness it is given when
   * absent; entries stored by older versions have none.
   */
  expiresAt?: number;
}

const CachedAnswerSchema = z.object({
  endpoint: EndpointSchema,
  data: z.unknown(),
  fetchedAt: z.number(),
  cost: z.number(),
  rows: z.number(),
  expiresAt: z.optional(z.number()),
});

/** k: entry key, at: fetch time, b: bytes, e: expiresAt (absent in indexes written before it existed). */
const IndexItemSchema = z.object({ k: z.string(), at: z.number(), b: z.number(), e: z.optional(z.number()) });
type IndexItem = z.infer<typeof IndexItemSchema>;
const IndexSchema = z.array(IndexItemSchema);

/** A cached answer whose data matched its endpoint's model. */
export type TypedAnswer<E extends Endpoint> = Omit<CachedAnswer, 'endpoint' | 'data'> & { endpoint: E; data: EndpointModel<E> };

export interface Freshness {
  /**
   * How long an answer may be reused (ms) by the caller's current rule (the endpoint row's
   * `cacheTtlMs`). 0 or less: never. set() takes an entry's `expiresAt` from it when the entry has none.
   */
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
  /** get() for an entry of a known endpoint, its data typed by that endpoint's model (another endpoint's entry: null). */
  read<E extends Endpoint>(key: string, endpoint: E, f: Freshness): Promise<TypedAnswer<E> | null>;
  /**
   * Store (or replace) an entry with its `expiresAt` (the answer's own, else fetchedAt + f.ttlMs);
   * evicts entries past their own expiry and, beyond the limits, the oldest entries.
   */
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

/** Fresh under the caller's rule and, when the entry has one, before its own expiry. */
function isFresh(fetchedAt: number, expiresAt: number | undefined, f: Freshness): boolean {
  return f.ttlMs > 0 && f.now - fetchedAt < f.ttlMs && (expiresAt === undefined || f.now < expiresAt);
}

/** Whether a write may drop an entry: past its own expiry, or (no expiry stored) past the old rule. */
function isExpired(item: IndexItem, f: Freshness): boolean {
  return item.e !== undefined ? f.now >= item.e : !isFresh(item.at, undefined, f);
}

export function createCache(options: CacheOptions = {}): Cache {
  const maxEntries = options.maxEntries ?? CACHE_LIMITS.maxEntries;
  const maxBytes = options.maxBytes ?? CACHE_LIMITS.maxBytes;
  const lock = createMutex();

  async function readIndex(): Promise<IndexItem[]> {
    const parsed = IndexSchema.safeParse(await storage.getItem(INDEX_KEY));
    return parsed.success ? parsed.data : [];
  }

  /** The stored entry if fresh by its own expiry and the caller's rule, data not yet checked. */
  async function readEntry(key: string, f: Freshness): Promise<z.infer<typeof CachedAnswerSchema> | null> {
    if (f.ttlMs <= 0) return null;
    const parsed = CachedAnswerSchema.safeParse(await storage.getItem(entryKey(key)));
    if (!parsed.success) return null;
    return isFresh(parsed.data.fetchedAt, parsed.data.expiresAt, f) ? parsed.data : null;
  }

  async function read<E extends Endpoint>(
    key: string,
    endpoint: E,
    f: Freshness,
    known?: z.infer<typeof CachedAnswerSchema>,
  ): Promise<TypedAnswer<E> | null> {
    const entry = known ?? (await readEntry(key, f));
    if (!entry || entry.endpoint !== endpoint) return null;
    // Data read back from storage must still match its endpoint's model, or it is a miss.
    const data = ENDPOINT_SCHEMAS[endpoint].model.safeParse(entry.data);
    if (!data.success) return null;
    return { ...entry, endpoint, data: data.data };
  }

  return {
    async get(key, f) {
      const entry = await readEntry(key, f);
      return entry ? read(key, entry.endpoint, f, entry) : null;
    },

    read: (key, endpoint, f) => read(key, endpoint, f),

    set(key, answer, f) {
      return lock(async () => {
        const index = await readIndex();
        const drop: string[] = [];
        const kept: IndexItem[] = [];
        for (const item of index) {
          if (item.k === key) continue; // replaced below (or removed if it cannot be stored)
          if (isExpired(item, f)) drop.push(item.k);
          else kept.push(item);
        }
        const expiresAt = answer.expiresAt ?? answer.fetchedAt + f.ttlMs;
        const stored: CachedAnswer = { ...answer, expiresAt };
        const json = JSON.stringify(stored);
        const bytes = encoder.encode(json).length + encoder.encode(ENTRY_PREFIX + key).length;
        const storable = isFresh(answer.fetchedAt, expiresAt, f) && bytes <= maxBytes;
        if (storable) {
          kept.push({ k: key, at: answer.fetchedAt, b: bytes, e: expiresAt });
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
            { key: `${ENTRY_PREFIX}${key}` as const, value: stored },
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
      return index.some((item) => item.k === key && isFresh(item.at, item.e, f));
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
