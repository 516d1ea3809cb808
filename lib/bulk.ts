/**
 * Many targets at once (zod-free, pages may import it): the figures the bulk endpoints answer per
 * target, and the two protocol requests pages use — a free quote (what is cached, what would be
 * bought, at what price) and the run the user confirmed. The worker checks every target with the
 * same rules as a single lookup; refused ones are listed with their reason and never sent.
 */

/** One figure of a target, by the bulk endpoint that answers it. */
export const BULK_METRICS = ['rank', 'referringDomains', 'backlinks', 'spamScore'] as const;
export type BulkMetric = (typeof BULK_METRICS)[number];

/** Most targets one call carries (the API's limit for every bulk endpoint). */
export const MAX_BULK_CALL_TARGETS = 1000;
/** Most targets one quote or run may name (a run is split into calls of ≤ 1,000 per metric). */
export const MAX_BULK_TARGETS = 10_000;

/** The figures of one target; a metric not asked for, or not answered, is null. */
export interface BulkFigures {
  /** The target as sent to the API (domain or URL, normalized). */
  target: string;
  rank: number | null;
  referringDomains: number | null;
  /** Referring domains with at least one nofollow link (the API's meaning). */
  referringDomainsNofollow: number | null;
  backlinks: number | null;
  spamScore: number | null;
  /** ISO time the figures were fetched (the oldest of the metrics shown). */
  fetchedAt: string | null;
}

/** A target the worker would not send, with the sentence why. */
export interface BulkRefusal {
  text: string;
  reason: string;
}

/** Free: what a run of these targets and metrics would cost now. */
export interface BulkQuoteRequest {
  type: 'bulkQuote';
  targets: string[];
  metrics: BulkMetric[];
}
export interface BulkQuote {
  /** Accepted targets, normalized and de-duplicated, in first-seen order. */
  targets: string[];
  refused: BulkRefusal[];
  /** Per metric: how many targets are already cached and how many would be bought. */
  perMetric: { metric: BulkMetric; cached: number; toBuy: number; calls: number }[];
  calls: number;
  /** Estimated USD for the calls (0 when everything is cached). */
  priceUsd: number;
  /**
   * The accepted targets with at least one metric to buy, in order. The calls above are these,
   * 1,000 a call per metric: a page that runs in batches sends them first, ≤ 1,000 a batch, and the
   * cached rest in one last run (which costs nothing), so its calls are exactly the quoted ones.
   */
  buying: string[];
}

/** Paid: the run the user confirmed; the worker refuses it if the price would exceed `maxPriceUsd`. */
export interface BulkRunRequest {
  type: 'bulkRun';
  targets: string[];
  metrics: BulkMetric[];
  /** The price the user confirmed; the worker never spends more (estimate-wise) than this. */
  maxPriceUsd: number;
}
export interface BulkRunResult {
  figures: BulkFigures[];
  refused: BulkRefusal[];
  /** Calls made and what the API charged for them. */
  calls: number;
  spentUsd: number;
  /** The estimate of the calls made (what counts against `maxPriceUsd`). */
  estimatedUsd: number;
  /** Metrics whose call failed, with the sentence; the figures of the others are kept. */
  failed: { metric: BulkMetric; message: string }[];
}
