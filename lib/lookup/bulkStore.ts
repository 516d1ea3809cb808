import { storage } from 'wxt/utils/storage';
import type { BulkMetric } from '@/lib/bulk';
import { createMutex } from './mutex';
import { KEY_NAMES } from '@/lib/storage/registry';

/**
 * The figures bought by bulk runs, cached per metric and target (lib/lookup/bulk.ts is the only
 * user). All storage access of the bulk pipeline is in this file, so it can be repointed (e.g. to
 * IndexedDB) without touching the pipeline.
 *
 * Layout: one storage.local item per metric (`bulkFigures:<metric>`), a map
 * `<scope>|<target>` → `[fetchedAt, expiresAt, ...values]`. The scope names the provider, the
 * account and (for ranks) the rank scale, so figures bought under one never answer for another.
 * Bounded: at most BULK_STORE_LIMITS.maxPerMetric targets per metric (≈ 60 bytes each); a write
 * drops expired entries first, then the ones fetched longest ago.
 */
export const BULK_STORE_LIMITS = { maxPerMetric: 10_000 } as const;

/** The values one metric stores per target: rank | [referring domains, nofollow] | backlinks | spam score. */
export type StoredValues = (number | null)[];

export interface StoredFigure {
  fetchedAt: number;
  values: StoredValues;
}

export interface BulkStore {
  /** The fresh entries of these targets (missing, expired or damaged ones are absent). */
  read(metric: BulkMetric, scope: string, targets: readonly string[], f: { now: number; ttlMs: number }): Promise<Map<string, StoredFigure>>;
  /** Store the figures of one answer; `ttlMs` ≤ 0 stores nothing. */
  write(metric: BulkMetric, scope: string, figures: ReadonlyMap<string, StoredValues>, f: { now: number; ttlMs: number }): Promise<void>;
  /** How many targets are stored, all metrics together. */
  count(): Promise<number>;
  clear(): Promise<void>;
}

type Row = [fetchedAt: number, expiresAt: number, ...values: (number | null)[]];

const itemKey = (metric: BulkMetric) => `local:${KEY_NAMES.bulkFiguresPrefix}${metric}` as const;
const METRICS: readonly BulkMetric[] = ['rank', 'referringDomains', 'backlinks', 'spamScore'];

const isValue = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v));

/** A stored row as written by write(), or null (damaged rows are ignored). */
function readRow(v: unknown): Row | null {
  if (!Array.isArray(v) || v.length < 3 || v.length > 6) return null;
  const [at, exp, ...values] = v as unknown[];
  if (typeof at !== 'number' || typeof exp !== 'number' || !Number.isFinite(at) || !Number.isFinite(exp)) return null;
  if (!values.every(isValue)) return null;
  return v as Row;
}

function readMap(raw: unknown): Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

export function createBulkStore(limits: { maxPerMetric?: number } = {}): BulkStore {
  const max = limits.maxPerMetric ?? BULK_STORE_LIMITS.maxPerMetric;
  const lock = createMutex();

  return {
    async read(metric, scope, targets, f) {
      const out = new Map<string, StoredFigure>();
      if (f.ttlMs <= 0 || targets.length === 0) return out;
      const map = readMap(await storage.getItem(itemKey(metric)));
      for (const target of targets) {
        const row = readRow(map[`${scope}|${target}`]);
        if (!row) continue;
        const [at, exp, ...values] = row;
        // Fresh by its own expiry and by the current cache-hours rule (a shorter one applies at once).
        if (f.now >= exp || f.now - at >= f.ttlMs || at > f.now) continue;
        out.set(target, { fetchedAt: at, values });
      }
      return out;
    },

    write(metric, scope, figures, f) {
      if (f.ttlMs <= 0 || figures.size === 0) return Promise.resolve();
      return lock(async () => {
        const map = readMap(await storage.getItem(itemKey(metric)));
        const replaced = new Set([...figures.keys()].map((target) => `${scope}|${target}`));
        const kept: [string, Row][] = [];
        for (const [k, v] of Object.entries(map)) {
          const row = readRow(v);
          // Expired and damaged rows go; the rows this answer replaces are written below.
          if (row && row[1] > f.now && !replaced.has(k)) kept.push([k, row]);
        }
        for (const [target, values] of figures) kept.push([`${scope}|${target}`, [f.now, f.now + f.ttlMs, ...values]]);
        // Oldest first out when over the bound.
        if (kept.length > max) kept.sort((a, b) => a[1][0] - b[1][0]);
        const next = Object.fromEntries(kept.slice(Math.max(0, kept.length - max)));
        await storage.setItem(itemKey(metric), next);
      });
    },

    async count() {
      let n = 0;
      for (const metric of METRICS) n += Object.keys(readMap(await storage.getItem(itemKey(metric)))).length;
      return n;
    },

    clear() {
      return lock(() => storage.removeItems(METRICS.map(itemKey)));
    },
  };
}
