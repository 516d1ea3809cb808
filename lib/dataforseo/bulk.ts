import type { BulkMetric } from '../bulk';
import type { Settings } from '../settings/fields';
import { estimateCost } from './cost';

/**
 * The four bulk endpoints of the endpoint table, zod-free (the table in ./endpoints.ts spreads
 * these rows in; their worker-only half is ./bulk.schema.ts). One call carries up to 1,000 targets
 * and answers one item per target; it is billed like a list: $0.02 + $0.00003 per item (the bulk
 * announcement's own figures, docs/api-notes.md).
 */

/** One call's params: the targets as the API takes them (normalized by the worker), and the rank scale. */
export interface BulkParams {
  targets: string[];
  /** Only bulk_ranks sends it; the others ignore it. */
  rankScale: Settings['rankScale'];
}

/** One item of a bulk answer, mapped: the figures that endpoint answers, the others null. */
export interface BulkItem {
  target: string;
  rank: number | null;
  referringDomains: number | null;
  referringDomainsNofollow: number | null;
  backlinks: number | null;
  spamScore: number | null;
}

/** A bulk answer: one item per target the API named (an item without a target is dropped). */
export interface BulkPage {
  items: BulkItem[];
}

export type BulkEndpoint = 'bulkRanks' | 'bulkReferringDomains' | 'bulkBacklinks' | 'bulkSpamScore';
export const BULK_ENDPOINTS = ['bulkRanks', 'bulkReferringDomains', 'bulkBacklinks', 'bulkSpamScore'] as const satisfies readonly BulkEndpoint[];

/** Which endpoint answers each figure the user can ask for (lib/bulk.ts `BulkMetric`). */
export const METRIC_ENDPOINT: { [M in BulkMetric]: BulkEndpoint } = {
  rank: 'bulkRanks',
  referringDomains: 'bulkReferringDomains',
  backlinks: 'bulkBacklinks',
  spamScore: 'bulkSpamScore',
};

const HOUR_MS = 3_600_000;

function bulkRow(path: string, name: BulkEndpoint) {
  return {
    path,
    paid: true,
    /** One item per target sent. */
    expectedRows: (params: BulkParams) => params.targets.length,
    price: (rows: number) => estimateCost(name, rows),
    cacheTtlMs: (settings: { cacheHours: number }) => settings.cacheHours * HOUR_MS,
  };
}

export const BULK_ROWS = {
  bulkRanks: bulkRow('backlinks/bulk_ranks/live', 'bulkRanks'),
  bulkReferringDomains: bulkRow('backlinks/bulk_referring_domains/live', 'bulkReferringDomains'),
  bulkBacklinks: bulkRow('backlinks/bulk_backlinks/live', 'bulkBacklinks'),
  bulkSpamScore: bulkRow('backlinks/bulk_spam_score/live', 'bulkSpamScore'),
};
