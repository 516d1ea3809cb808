import { z } from 'zod/mini';
import {
  BULK_METRICS,
  MAX_BULK_TARGETS,
  type BulkQuote,
  type BulkQuoteRequest,
  type BulkRunRequest,
  type BulkRunResult,
} from './bulk';
import { MAX_URL_LENGTH } from './target/refusals';
import { lazy } from './lazy';

/**
 * The zod twin of lib/bulk.ts (worker only): the bulkQuote / bulkRun requests as checked when they
 * arrive, and their replies as checked before they are sent. Type checks below keep them equal to
 * the zod-free contract.
 */

/** Built at the first bulk message of a worker's life (lib/lazy.ts), not at every start. */
export const bulkSchemas = lazy(() => {
  /** One text of the list: anything longer than an address may be is cut by the page to one more character, and refused. */
  const TextSchema = z.string().check(z.maxLength(MAX_URL_LENGTH + 1));
  const MetricsSchema = z.array(z.enum(BULK_METRICS)).check(z.minLength(1), z.maxLength(BULK_METRICS.length));
  const TargetsSchema = z.array(TextSchema).check(z.maxLength(MAX_BULK_TARGETS));

  const BulkQuoteRequestSchema = z.object({ type: z.literal('bulkQuote'), targets: TargetsSchema, metrics: MetricsSchema });
  const BulkRunRequestSchema = z.object({
    type: z.literal('bulkRun'),
    targets: TargetsSchema,
    metrics: MetricsSchema,
    maxPriceUsd: z.number().check(z.gte(0), z.lte(1_000_000)),
  });

  const RefusalSchema = z.object({ text: z.string(), reason: z.string() });
  const n = () => z.nullable(z.number());

  const BulkQuoteSchema = z.object({
    targets: z.array(z.string()),
    refused: z.array(RefusalSchema),
    perMetric: z.array(z.object({ metric: z.enum(BULK_METRICS), cached: z.number(), toBuy: z.number(), calls: z.number() })),
    calls: z.number(),
    priceUsd: z.number(),
    buying: z.array(z.string()),
  });

  const BulkRunResultSchema = z.object({
    figures: z.array(
      z.object({
        target: z.string(),
        rank: n(),
        referringDomains: n(),
        referringDomainsNofollow: n(),
        backlinks: n(),
        spamScore: n(),
        fetchedAt: z.nullable(z.string()),
      }),
    ),
    refused: z.array(RefusalSchema),
    calls: z.number(),
    spentUsd: z.number(),
    estimatedUsd: z.number(),
    failed: z.array(z.object({ metric: z.enum(BULK_METRICS), message: z.string() })),
  });

  return { BulkQuoteRequestSchema, BulkRunRequestSchema, BulkQuoteSchema, BulkRunResultSchema };
});
type Schemas = ReturnType<typeof bulkSchemas>;

// The zod schemas and the zod-free contract say the same thing (a mismatch fails the typecheck).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<z.infer<Schemas['BulkQuoteRequestSchema']>, BulkQuoteRequest>,
  Same<z.infer<Schemas['BulkRunRequestSchema']>, BulkRunRequest>,
  Same<z.infer<Schemas['BulkQuoteSchema']>, BulkQuote>,
  Same<z.infer<Schemas['BulkRunResultSchema']>, BulkRunResult>,
] = [true, true, true, true];
void checks;
