import { z } from 'zod/mini';
import { MAX_URL_LENGTH } from '@/lib/target/refusals';
import { MAX_SERP_URLS } from './hosts';
import { SERP_MESSAGE } from './protocol';

/** The results-page overlay's request as the worker checks it (lib/serp/protocol.ts is the zod-free contract). */
export const SerpRequestSchema = z.object({
  type: z.literal(SERP_MESSAGE),
  urls: z.array(z.string().check(z.maxLength(MAX_URL_LENGTH))).check(z.minLength(1), z.maxLength(MAX_SERP_URLS)),
  step: z.enum(['quote', 'run']),
  maxPriceUsd: z.optional(z.number().check(z.gte(0), z.lte(100))),
});

