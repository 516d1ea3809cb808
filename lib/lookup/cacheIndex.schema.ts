import { z } from 'zod/mini';

/**
 * The cache's index lines (lib/lookup/cache.ts) and the pure rules of one write: which entries are
 * fresh, which a write drops, and what stays within the bound.
 */

/** k: entry key, at: fetch time, b: bytes, e: expiresAt, r: reservation id, c: cost, n: rows. */
export const IndexItemSchema = z.object({
  k: z.string(),
  at: z.number(),
  b: z.number(),
  e: z.optional(z.number()),
  r: z.optional(z.string()),
  c: z.optional(z.number()),
  n: z.optional(z.number()),
});
export type IndexItem = z.infer<typeof IndexItemSchema>;

export interface Freshness {
  /**
   * How long an answer may be reused (ms) by the caller's current rule (the endpoint row's
   * `cacheTtlMs`). 0 or less: never. set() takes an entry's `expiresAt` from it when the entry has none.
   */
  ttlMs: number;
  now: number;
}

/** Fresh under the caller's rule and, when the entry has one, before its own expiry. */
export function isFresh(fetchedAt: number, expiresAt: number | undefined, f: Freshness): boolean {
  return f.ttlMs > 0 && f.now - fetchedAt < f.ttlMs && (expiresAt === undefined || f.now < expiresAt);
}

/** Whether a write may drop an entry: past its own expiry, or (no expiry stored) past the old rule. */
function isExpired(item: IndexItem, f: Freshness): boolean {
  return item.e !== undefined ? f.now >= item.e : !isFresh(item.at, undefined, f);
}

export const parseIndexItem = (raw: unknown): IndexItem | null => {
  const parsed = IndexItemSchema.safeParse(raw);
  if (!parsed.success) return null;
  const i = parsed.data;
  return Number.isFinite(i.at) && Number.isFinite(i.b) && i.b >= 0 ? i : null;
};

/**
 * What one write removes and whether the new entry stays: damaged index lines and entries no line
 * lists, entries past their own expiry, then the oldest beyond the bounds (the new one counted).
 */
export function planWrite(input: {
  rawIndex: unknown[];
  indexKeys: IDBValidKey[];
  entryKeys: IDBValidKey[];
  key: string;
  line: IndexItem | null;
  f: Freshness;
  maxEntries: number;
  maxBytes: number;
}): { drop: string[]; keep: boolean } {
  const { key, line, f } = input;
  const drop = new Set<string>();
  const kept: IndexItem[] = [];
  input.rawIndex.forEach((raw, i) => {
    const item = parseIndexItem(raw);
    const at = String(input.indexKeys[i]);
    if (!item || item.k !== at) drop.add(at); // a damaged line: gone with its entry
    else if (item.k === key) return; // replaced (or removed if the new one cannot be stored)
    else if (isExpired(item, f)) drop.add(item.k);
    else kept.push(item);
  });
  if (line) {
    kept.push(line);
    kept.sort((a, b) => a.at - b.at);
    let total = kept.reduce((sum, item) => sum + item.b, 0);
    while (kept.length > input.maxEntries || total > input.maxBytes) {
      const oldest = kept.shift();
      if (!oldest) break;
      total -= oldest.b;
      drop.add(oldest.k);
    }
  }
  const listed = new Set(kept.map((item) => item.k));
  const keep = listed.has(key);
  if (!keep) drop.add(key);
  // Entries no index line lists (damage, or a store written by hand) go too.
  for (const k of input.entryKeys) if (!listed.has(String(k))) drop.add(String(k));
  return { drop: [...drop].filter((k) => !listed.has(k)), keep };
}
