import { z } from 'zod/mini';
import { ERROR_KINDS, type AppError } from './appError';

/**
 * The error values themselves (kinds, `AppError`, `appError`, `Outcome`) live in lib/appError.ts,
 * which has no schema, so pages can use them without zod; they are re-exported here so every
 * existing import keeps working. This file adds the schema the worker checks replies with.
 */
export { ERROR_KINDS, appError } from './appError';
export type { AppError, ErrorKind, Outcome } from './appError';

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
});

// The schema and the hand-written type must describe the same value, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof AppErrorSchema>, AppError> = true;
void sameShape;
