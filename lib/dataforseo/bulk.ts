import type { BulkMetric } from '@/lib/bulk';
import type { Settings } from '@/lib/settings/fields';
import { cacheHours, endpointRow, pricedPerRow, type EndpointRow } from './endpointRow';

/**
 * What the four bulk rows share, zod-free: each row is its own module (./endpoints/bulk*.ts, built
 * with `bulkRow` below; the worker-only halves ./endpoints/bulk*.schema.ts with ./bulk.schema.ts).
 * One call carries up to 1,000 targets
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

/**
 * One bulk row of the endpoint table (./endpoints/bulk*.ts). `paid: false` means "not a data request
 * of its own": pages never call a bulk endpoint directly. It does cost money, and only through
 * bulkRun (lib/lookup/bulk.ts), which checks the budget, reserves each call in the ledger before
 * sending it and settles it with the response's cost, like the paid pipeline does.
 */
export function bulkRow<E extends BulkEndpoint>(name: E, path: string): EndpointRow<E> {
  return endpointRow<BulkEndpoint>({
    name,
    path,
    paid: false,
    /** One item per target sent. */
    expectedRows: (params: BulkParams) => params.targets.length,
    price: pricedPerRow(name),
    cacheTtlMs: cacheHours,
    example: { targets: ['example.com', 'https://example.org/pricing'], rankScale: 'one_hundred' },
  }) as EndpointRow<E>;
}
