import { z } from 'zod/mini';
import type { Endpoint, EndpointModel } from '@/lib/dataforseo/endpoints';
import { ENDPOINT_SCHEMAS, EndpointSchema } from '@/lib/dataforseo/endpoints.schema';

/**
 * One entry of the cache (lib/lookup/cache.ts) as stored, and how its data is read back: checked
 * against its endpoint's model, unless this very build wrote it (its stamp).
 */

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
  /** The ledger reservation this answer settles (a stopped worker's charge is settled from it). */
  reservation?: string;
  /** The build that wrote it (set by set()): data this very build checked is read back without checking it again. */
  stamp?: string;
}

/** This build's stamp of lib/'s source (wxt.config.ts `sourceStamp`); none outside a build (unit tests). */
export const BUILD_STAMP: string | null = (import.meta.env as Record<string, string | undefined>).BL_SOURCE_STAMP ?? null;

export const CachedAnswerSchema = z.object({
  endpoint: EndpointSchema,
  data: z.unknown(),
  fetchedAt: z.number(),
  cost: z.number(),
  rows: z.number(),
  expiresAt: z.optional(z.number()),
  reservation: z.optional(z.string()),
  stamp: z.optional(z.string()),
});

/** A cached answer whose data matched its endpoint's model. */
export type TypedAnswer<E extends Endpoint> = Omit<CachedAnswer, 'endpoint' | 'data'> & { endpoint: E; data: EndpointModel<E> };

/**
 * An entry's data as its endpoint's model, or null when it no longer matches. Written by this same build
 * (`stamp`): its data was the model's output when it was stored (one parse, at the API's boundary; every
 * reply is still checked before it goes out, lib/worker.ts). Anything else read back is parsed.
 */
export function entryData<E extends Endpoint>(entry: { data: unknown; stamp?: string }, endpoint: E, stamp: string | null): EndpointModel<E> | null {
  if (stamp !== null && entry.stamp === stamp) return entry.data as EndpointModel<E>;
  const data = ENDPOINT_SCHEMAS[endpoint].model.safeParse(entry.data);
  return data.success ? data.data : null;
}
