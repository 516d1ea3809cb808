/**
 * The bulk endpoints (bulk_ranks, bulk_backlinks, bulk_referring_domains, bulk_spam_score,
 * bulk_pages_summary): up to 1,000 targets a task, one item per target, each figure equal to what
 * the summary endpoint answers for the same target with its default options.
 */
import * as engine from './engine';
import { scaleRank, type RankScale } from './data';
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

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

function item(endpoint: BulkEndpoint, seed: string, target: string, o: BulkOptions): Record<string, unknown> {
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

/** The result object of a bulk task, and the number of rows it is billed for (one per target). */
export function bulk(seed: string, endpoint: BulkEndpoint, o: BulkOptions): { result: Record<string, unknown>; rows: number } {
  const items = o.targets.map((t) => item(endpoint, seed, t, o));
  const result: Record<string, unknown> = endpoint === 'bulk_pages_summary' ? { total_count: items.length, items_count: items.length, items } : { items_count: items.length, items };
  return { result, rows: items.length };
}
