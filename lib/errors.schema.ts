import { z } from 'zod/mini';
import { ERROR_KINDS, type AppError } from './errors';

/** The schema the worker checks error replies with; the error values themselves are lib/errors.ts (no zod). */

/** A price the worker quotes for a call not made yet (lib/errors.ts `Quote`). */
export const QuoteSchema = z.object({ usd: z.number(), free: z.boolean() });

export const AppErrorSchema = z.object({
  kind: z.enum(ERROR_KINDS),
  message: z.string(),
  retryable: z.boolean(),
  /** DataForSEO status_code (top-level or task), when there was one. */
  statusCode: z.optional(z.number()),
  /** HTTP status, when there was a response. */
  httpStatus: z.optional(z.number()),
  /** Seconds to wait before retrying, when the API said so (AIsa Retry-After). */
  retryAfter: z.optional(z.number()),
  quote: z.optional(QuoteSchema),
});

// The schema and the hand-written type must describe the same value, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof AppErrorSchema>, AppError> = true;
void sameShape;
