/**
 * The bulk endpoints (bulk_ranks, bulk_backlinks, bulk_referring_domains, bulk_spam_score,
 * bulk_pages_summary): up to 1,000 targets a task, one item per target, each figure equal to what
 * the summary endpoint answers for the same target with its default options.
 */
import * as engine from './engine';
import { datasetSize, scaleRank, type RankScale } from './data';
import { rng } from './prng';
import { TaskError, invalidField, validTarget, validateTask } from './query';

export const BULK_ENDPOINTS = ['bulk_ranks', 'bulk_backlinks', 'bulk_referring_domains', 'bulk_spam_score', 'bulk_pages_summary'] as const;
export type BulkEndpoint = (typeof BULK_ENDPOINTS)[number];
export const MAX_BULK_TARGETS = 1000;

const ALLOWED: Record<BulkEndpoint, ReadonlySet<string>> = {
  bulk_ranks: new Set(['targets', 'rank_scale', 'tag']),
  bulk_backlinks: new Set(['targets', 'tag']),
  bulk_referring_domains: new Set(['targets', 'tag']),
  bulk_spam_score: new Set(['targets', 'tag']),
  bulk_pages_summary: new Set(['targets', 'include_subdomains', 'rank_scale', 'tag']),
};

export function isBulkEndpoint(e: string): e is BulkEndpoint {
  return (BULK_ENDPOINTS as readonly string[]).includes(e);
}

export interface BulkOptions {
  targets: string[];
  scale: RankScale;
  includeSubdomains: boolean;
}

/** Checks one bulk task; throws TaskError (40506 unknown fields, 40501 invalid value). */
export function validateBulk(endpoint: BulkEndpoint, task: Record<string, unknown>): BulkOptions {
  const unknown = Object.keys(task).filter((k) => !ALLOWED[endpoint].has(k));
  if (unknown.length) throw new TaskError(40506, `Unknown Fields in POST Data: ${unknown.join(', ')}.`);
  const t = task.targets;
  if (!Array.isArray(t) || t.length === 0 || t.length > MAX_BULK_TARGETS || !t.every((x) => validTarget(x))) throw invalidField('targets');
  if (task.tag !== undefined && (typeof task.tag !== 'string' || task.tag.length > 255)) throw invalidField('tag');
  const scale = task.rank_scale;
  if (scale !== undefined && scale !== 'one_hundred' && scale !== 'one_thousand') throw invalidField('rank_scale');
  const inc = task.include_subdomains;
  if (inc !== undefined && typeof inc !== 'boolean') throw invalidField('include_subdomains');
  return { targets: t as string[], scale: (scale as RankScale | undefined) ?? 'one_thousand', includeSubdomains: inc ?? true };
}

/** Summaries by seed, target and include_subdomains, at rank scale 0–1000 (kept small: figures only). */
const summaries = new Map<string, Record<string, unknown>>();
const SUMMARIES_MAX = 20_000;

/** The summary endpoint's answer for a target with its default options (rank on 0–1000). */
export function summaryOf(seed: string, target: string, includeSubdomains = true): Record<string, unknown> {
  const key = `${seed}\u0000${target.toLowerCase()}\u0000${includeSubdomains}`;
  const hit = summaries.get(key);
  if (hit) return hit;
  const o = validateTask('summary', { target, include_subdomains: includeSubdomains });
  const s = engine.summary(seed, o);
  summaries.set(key, s);
  if (summaries.size > SUMMARIES_MAX) {
    const oldest = summaries.keys().next().value;
    if (oldest !== undefined) summaries.delete(oldest);
  }
  return s;
}

/**
 * How the bulk figures are made. `exact` (default): from the whole generated summary of each target
 * (≈ 0.2 s per new target). `fast`: figures only, in closed form from the target's data-set size and
 * its own random stream (microseconds per target); the summary endpoint then answers the same
 * headline figures for the same target (`withFastFigures`), so bulk and summary still agree. Only
 * the counts are closed-form: in `fast` mode the backlinks and anchors lists are the generated ones
 * and do not add up to the summary's counts. For load tests of many targets (e.g. 2,500 in seconds).
 */
export type BulkFiguresMode = 'exact' | 'fast';

/** The headline figures of a target in closed form (rank on 0–1000), the same for every call. */
export interface FastFigures {
  rank: number | null;
  backlinks: number;
  backlinks_spam_score: number | null;
  referring_domains: number;
  referring_domains_nofollow: number | null;
  referring_main_domains: number;
  referring_main_domains_nofollow: number | null;
}

export function fastFigures(seed: string, target: string): FastFigures {
  const t = target.toLowerCase();
  const n = datasetSize(target, seed);
  if (n === 0) {
    return { rank: null, backlinks: 0, backlinks_spam_score: null, referring_domains: 0, referring_domains_nofollow: null, referring_main_domains: 0, referring_main_domains_nofollow: null };
  }
  const r = rng(`${seed}|figures|${t}`);
  // About as the generator makes them: ~8 % lost, 3–9 links per referring domain, a quarter nofollow.
  const backlinks = Math.max(1, Math.round(n * (0.9 + r.next() * 0.04)));
  const domains = Math.max(1, Math.min(backlinks, Math.round(backlinks / (3 + r.next() * 6))));
  const mains = Math.max(1, Math.round(domains * (0.8 + r.next() * 0.15)));
  const nofollow = Math.round(domains * (0.15 + r.next() * 0.2));
  return {
    rank: Math.min(1000, Math.round(120 + 200 * Math.log10(1 + n / 100)) + r.int(-40, 60)),
    backlinks,
    backlinks_spam_score: r.int(0, 40),
    referring_domains: domains,
    referring_domains_nofollow: nofollow,
    referring_main_domains: mains,
    referring_main_domains_nofollow: Math.min(mains, Math.round(nofollow * 0.9)),
  };
}

/** A summary result with its headline figures replaced by the fast ones (rank on the asked scale). */
export function withFastFigures(seed: string, target: string, summary: Record<string, unknown>, scale: RankScale): Record<string, unknown> {
  const f = fastFigures(seed, target);
  return { ...summary, ...f, rank: f.rank === null ? null : scaleRank(f.rank, scale) };
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

function item(endpoint: BulkEndpoint, seed: string, target: string, o: BulkOptions, mode: BulkFiguresMode): Record<string, unknown> {
  if (mode === 'fast' && endpoint !== 'bulk_pages_summary') return fastItem(endpoint, seed, target, o);
  const s = summaryOf(seed, target, endpoint === 'bulk_pages_summary' ? o.includeSubdomains : true);
  const rank = typeof s.rank === 'number' ? scaleRank(s.rank, o.scale) : 0;
  switch (endpoint) {
    case 'bulk_ranks':
      return { target, rank };
    case 'bulk_backlinks':
      return { target, backlinks: num(s.backlinks) };
    case 'bulk_referring_domains':
      return {
        target,
        referring_domains: num(s.referring_domains),
        referring_domains_nofollow: num(s.referring_domains_nofollow),
        referring_main_domains: num(s.referring_main_domains),
        referring_main_domains_nofollow: num(s.referring_main_domains_nofollow),
      };
    case 'bulk_spam_score':
      return { type: 'backlinks_bulk_spam_score', target, spam_score: num(s.backlinks_spam_score) };
    case 'bulk_pages_summary': {
      const { target: _t, ...rest } = s;
      return { type: 'backlinks_page_summary', url: target, ...rest, rank: typeof s.rank === 'number' ? rank : null };
    }
  }
}

function fastItem(endpoint: Exclude<BulkEndpoint, 'bulk_pages_summary'>, seed: string, target: string, o: BulkOptions): Record<string, unknown> {
  const f = fastFigures(seed, target);
  switch (endpoint) {
    case 'bulk_ranks':
      return { target, rank: f.rank === null ? 0 : scaleRank(f.rank, o.scale) };
    case 'bulk_backlinks':
      return { target, backlinks: num(f.backlinks) };
    case 'bulk_referring_domains':
      return {
        target,
        referring_domains: num(f.referring_domains),
        referring_domains_nofollow: num(f.referring_domains_nofollow),
        referring_main_domains: num(f.referring_main_domains),
        referring_main_domains_nofollow: num(f.referring_main_domains_nofollow),
      };
    case 'bulk_spam_score':
      return { type: 'backlinks_bulk_spam_score', target, spam_score: num(f.backlinks_spam_score) };
  }
}

/** The result object of a bulk task, and the number of rows it is billed for (one per target). */
export function bulk(seed: string, endpoint: BulkEndpoint, o: BulkOptions, mode: BulkFiguresMode = 'exact'): { result: Record<string, unknown>; rows: number } {
  const items = o.targets.map((t) => item(endpoint, seed, t, o, mode));
  const result: Record<string, unknown> = endpoint === 'bulk_pages_summary' ? { total_count: items.length, items_count: items.length, items } : { items_count: items.length, items };
  return { result, rows: items.length };
}
