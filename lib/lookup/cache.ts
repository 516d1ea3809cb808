import type { z } from 'zod/mini';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { storage } from 'wxt/utils/storage';
import type { Endpoint } from '@/lib/dataforseo/endpoints';
import { BUILD_STAMP, CachedAnswerSchema, entryData, type CachedAnswer, type TypedAnswer } from './cacheEntry.schema';
import { CACHE_DB, LEGACY_LOCAL_KEYS } from '@/lib/storage/registry';
import { isFresh, parseIndexItem, planWrite, type Freshness, type IndexItem } from './cacheIndex.schema';

export { planWrite, type Freshness } from './cacheIndex.schema';
export type { CachedAnswer, TypedAnswer } from './cacheEntry.schema';

/**
 * Answers of paid calls, persisted in IndexedDB (database `backlink-lens-cache`, lib/storage/registry.ts)
 * so they outlive the worker and the browser, through the `idb` wrapper.
 *
 * Layout: two object stores written together in ONE transaction: `entries` (cache key → the answer)
 * and `index` (cache key → fetch time, size, expiry, and the ledger reservation the answer settles).
 * A hit reads only its own entry. IndexedDB commits a transaction whole or not at all, so a worker
 * stopped in the middle of a write leaves the store as it was before the write: an entry is never
 * stored without its index line or the other way round. Every write also removes what an older
 * version or a damaged store left unlisted, so nothing escapes the bound.
 *
 * Lifetime: each entry carries its own `expiresAt`, set when it is written from its endpoint row's
 * lifetime rule (lib/dataforseo/endpoints.ts); a write drops only entries past their OWN expiry, so
 * endpoints with different lifetimes never evict each other. A read also applies the caller's
 * current rule (a shorter cache lifetime chosen later applies to entries already stored). Entries
 * written before `expiresAt` existed have none: they expire by the caller's rule, as before.
 *
 * Bound: at most CACHE_LIMITS.maxEntries entries and CACHE_LIMITS.maxBytes of JSON (UTF-8) in total;
 * beyond either, the entries fetched longest ago are evicted first. 64 MiB holds about 70 side-panel
 * pages of 1,000 backlinks (about 0.93 MB each as JSON), where storage.local's 4 MB held 4.
 *
 * Only successful answers are ever stored (the pipeline never passes an error here).
 */
export const CACHE_LIMITS = { maxEntries: 2000, maxBytes: 64 * 1024 * 1024 } as const;

interface CacheDb extends DBSchema {
  entries: { key: string; value: unknown };
  index: { key: string; value: unknown };
}

export interface CacheStats {
  entries: number;
  bytes: number;
  limitBytes: number;
}

/** What the index says about an entry, whatever its freshness (for reconciling the ledger). */
export interface CacheTrace {
  fetchedAt: number;
  reservation: string | null;
  cost: number | null;
  rows: number | null;
}

export interface Cache {
  /** Opens the database now (at the worker's start), so the first read does not wait for it. */
  warm(): Promise<void>;
  /** A fresh entry, or null (missing, expired or no longer matching the model). */
  get(key: string, f: Freshness): Promise<CachedAnswer | null>;
  /** get() for an entry of a known endpoint, its data typed by that endpoint's model (another endpoint's entry: null). */
  read<E extends Endpoint>(key: string, endpoint: E, f: Freshness): Promise<TypedAnswer<E> | null>;
  /**
   * Store (or replace) an entry with its `expiresAt` (the answer's own, else fetchedAt + f.ttlMs);
   * evicts entries past their own expiry and, beyond the limits, the oldest entries. Throws when
   * the database cannot take it (full, unavailable).
   */
  set(key: string, answer: CachedAnswer, f: Freshness): Promise<void>;
  /** Whether a fresh entry is listed, from the index alone (no entry read). */
  has(key: string, f: Freshness): Promise<boolean>;
  /** The index line of an entry, fresh or not; null when none is stored. */
  trace(key: string): Promise<CacheTrace | null>;
  stats(): Promise<CacheStats>;
  clear(): Promise<void>;
}

export interface CacheOptions {
  maxEntries?: number;
  maxBytes?: number;
  /** Another database (tests). */
  dbName?: string;
  /** The stamp of the build writing and reading (default: this build's; null: none, every read is checked). */
  stamp?: string | null;
}

const encoder = new TextEncoder();

export function createCache(options: CacheOptions = {}): Cache {
  const maxEntries = options.maxEntries ?? CACHE_LIMITS.maxEntries;
  const maxBytes = options.maxBytes ?? CACHE_LIMITS.maxBytes;
  const dbName = options.dbName ?? CACHE_DB.name;
  const stamp = options.stamp === undefined ? BUILD_STAMP : options.stamp;
  let opening: Promise<IDBPDatabase<CacheDb>> | null = null;

  /** The database, opened once per worker; a failed open is tried again on the next use. */
  function db(): Promise<IDBPDatabase<CacheDb>> {
    opening ??= openDB<CacheDb>(dbName, CACHE_DB.version, {
      upgrade(database) {
        if (!database.objectStoreNames.contains(CACHE_DB.entries)) database.createObjectStore(CACHE_DB.entries);
        if (!database.objectStoreNames.contains(CACHE_DB.index)) database.createObjectStore(CACHE_DB.index);
      },
      blocking() {
        // A newer version wants the database: let it go (the next use opens it again).
        void opening?.then((d) => d.close());
        opening = null;
      },
    })
      .then(async (database) => {
        await moveLegacy(database);
        return database;
      })
      .catch((e: unknown) => {
        opening = null;
        throw e;
      });
    return opening;
  }

  /**
   * The cache of older versions lived in storage.local (`cacheIndex` + one `cache:<key>` per
   * entry, up to 4 MB): its entries move here once and the keys are removed, so storage.local
   * keeps its room for the ledger. Interrupted, it simply runs again (a put replaces).
   */
  async function moveLegacy(database: IDBPDatabase<CacheDb>): Promise<void> {
    try {
      const legacyIndex = await storage.getItem<unknown>(`local:${LEGACY_LOCAL_KEYS.cacheIndex}`);
      if (legacyIndex == null) return;
      const all = await storage.snapshot('local');
      const moved: Array<[string, CachedAnswer, IndexItem]> = [];
      for (const raw of Array.isArray(legacyIndex) ? legacyIndex : []) {
        const item = parseIndexItem(raw);
        const entry = item && CachedAnswerSchema.safeParse(all[`${LEGACY_LOCAL_KEYS.cacheEntryPrefix}${item.k}`]);
        if (item && entry?.success) moved.push([item.k, entry.data, { k: item.k, at: item.at, b: item.b, ...(item.e !== undefined ? { e: item.e } : {}) }]);
      }
      if (moved.length) {
        const tx = database.transaction([CACHE_DB.entries, CACHE_DB.index], 'readwrite');
        await Promise.all([
          ...moved.flatMap(([k, entry, line]) => [tx.objectStore(CACHE_DB.entries).put(entry, k), tx.objectStore(CACHE_DB.index).put(line, k)]),
          tx.done,
        ]);
      }
      const keys = Object.keys(all)
        .filter((k) => k === LEGACY_LOCAL_KEYS.cacheIndex || k.startsWith(LEGACY_LOCAL_KEYS.cacheEntryPrefix))
        .map((k) => `local:${k}` as const);
      await storage.removeItems(keys);
    } catch (e) {
      console.warn('Backlink Lens: could not move the old cache out of storage.local', e);
    }
  }

  async function readEntry(key: string, f: Freshness): Promise<z.infer<typeof CachedAnswerSchema> | null> {
    if (f.ttlMs <= 0) return null;
    let raw: unknown;
    try {
      raw = await (await db()).get(CACHE_DB.entries, key);
    } catch (e) {
      console.warn('Backlink Lens: the cache could not be read', e);
      return null;
    }
    const parsed = CachedAnswerSchema.safeParse(raw);
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
    // Data read back must still match its endpoint's model (unless this build wrote it), or it is a miss.
    const data = entryData(entry, endpoint, stamp);
    return data === null ? null : { ...entry, endpoint, data };
  }

  async function indexLine(key: string): Promise<IndexItem | null> {
    try {
      return parseIndexItem(await (await db()).get(CACHE_DB.index, key));
    } catch {
      return null;
    }
  }

  async function allIndex(): Promise<IndexItem[]> {
    try {
      const raw = await (await db()).getAll(CACHE_DB.index);
      return raw.map(parseIndexItem).filter((i): i is IndexItem => i !== null);
    } catch {
      return [];
    }
  }

  return {
    async warm() {
      await db();
    },

    async get(key, f) {
      const entry = await readEntry(key, f);
      return entry ? read(key, entry.endpoint, f, entry) : null;
    },

    read: (key, endpoint, f) => read(key, endpoint, f),

    async set(key, answer, f) {
      // Everything that is not IndexedDB work happens before the transaction opens: a transaction
      // commits by itself as soon as it waits on anything else.
      const expiresAt = answer.expiresAt ?? answer.fetchedAt + f.ttlMs;
      const stored: CachedAnswer = { ...answer, expiresAt, ...(stamp !== null ? { stamp } : {}) };
      const bytes = encoder.encode(JSON.stringify(stored)).length + encoder.encode(key).length;
      const storable = isFresh(answer.fetchedAt, expiresAt, f) && bytes <= maxBytes;
      const line: IndexItem | null = storable
        ? { k: key, at: answer.fetchedAt, b: bytes, e: expiresAt, c: answer.cost, n: answer.rows, ...(answer.reservation ? { r: answer.reservation } : {}) }
        : null;
      const database = await db();
      const tx = database.transaction([CACHE_DB.entries, CACHE_DB.index], 'readwrite');
      const entries = tx.objectStore(CACHE_DB.entries);
      const index = tx.objectStore(CACHE_DB.index);
      // Every request of an aborted transaction rejects: each is awaited below or deliberately dropped here.
      const quiet = <T>(p: Promise<T>): Promise<T> => {
        p.catch(() => undefined);
        return p;
      };
      const done = quiet(tx.done);
      try {
        const [rawIndex, indexKeys, entryKeys] = await Promise.all([index.getAll(), index.getAllKeys(), entries.getAllKeys()]);
        const plan = planWrite({ rawIndex, indexKeys, entryKeys, key, line, f, maxEntries, maxBytes });
        const work: Promise<unknown>[] = [];
        for (const k of plan.drop) work.push(quiet(entries.delete(k)), quiet(index.delete(k)));
        if (plan.keep && line) work.push(quiet(entries.put(stored, key)), quiet(index.put(line, key)));
        await Promise.all([...work, done]);
      } catch (e) {
        // Nothing of a failed write stays: the transaction is rolled back whole.
        try {
          tx.abort();
        } catch {
          // already finished or aborted
        }
        throw e;
      }
    },

    async has(key, f) {
      if (f.ttlMs <= 0) return false;
      const item = await indexLine(key);
      return !!item && isFresh(item.at, item.e, f);
    },

    async trace(key) {
      const item = await indexLine(key);
      return item ? { fetchedAt: item.at, reservation: item.r ?? null, cost: item.c ?? null, rows: item.n ?? null } : null;
    },

    async stats() {
      const index = await allIndex();
      return {
        entries: index.length,
        bytes: index.reduce((sum, item) => sum + item.b, 0),
        limitBytes: maxBytes,
      };
    },

    async clear() {
      const database = await db();
      const tx = database.transaction([CACHE_DB.entries, CACHE_DB.index], 'readwrite');
      await Promise.all([tx.objectStore(CACHE_DB.entries).clear(), tx.objectStore(CACHE_DB.index).clear(), tx.done]);
    },
  };
}
