/**
 * Every failure in the extension is one of these kinds, with one user-facing sentence and
 * whether retrying can help. Errors are values: they cross the message boundary as data.
 *
 * This module holds no schema (no zod), so pages can import it at no cost; `AppErrorSchema`
 * is in lib/errors.schema.ts.
 */
export const ERROR_KINDS = [
  'auth', // 40100, HTTP 401, AIsa invalid_api_key
  'account', // 40104 account not verified, 40201 access paused
  'payment', // 40200, 40210, HTTP 402
  'rate-limit', // 40202, HTTP 429
  'cost-limit', // 40203 daily cost limit set in the DataForSEO dashboard
  'no-access', // 40204 no Backlinks subscription, 40207 IP not whitelisted
  'concurrency', // 40209 more than 30 simultaneous requests
  'duplicate-limit', // 40205, 40206
  'invalid-request', // 40000, 40501, 40503, 40506 and our own request-builder refusals
  'not-found', // 404xx, HTTP 404
  'server', // 500xx, 503xx, HTTP 5xx
  'timeout', // 50401 or our own per-request timeout
  'network', // fetch failed
  'bad-response', // JSON that does not parse or does not match the contract
  'budget', // our own daily budget would be crossed
  'unsupported-target', // lib/target refused the page or link
  'no-credentials', // nothing stored yet
  'not-cached', // a cacheOnly request found nothing in the cache (nothing was spent)
  'answer-lost', // a stopped worker paid for this answer and lost it; bought again only on a click
  'internal', // a bug in the extension; never the API's fault
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** The shape `AppErrorSchema` (lib/errors.schema.ts) checks; the two are kept equal by a type check there. */
export interface AppError {
  kind: ErrorKind;
  message: string;
  retryable: boolean;
  /** DataForSEO status_code (top-level or task), when there was one. */
  statusCode?: number | undefined;
  /** HTTP status, when there was a response. */
  httpStatus?: number | undefined;
  /** Seconds to wait before retrying, when the API said so (AIsa Retry-After). */
  retryAfter?: number | undefined;
  /**
   * What asking again would cost, quoted by the worker, on the errors a page answers with a paid
   * button (not in the cache: "Check ≈ $0.04"; an answer lost: "Check again").
   */
  quote?: Quote | undefined;
}

/** A price the worker quotes for a call not made yet; `free`: the provider charges nothing (the sandbox), usd is 0. */
export interface Quote {
  usd: number;
  free: boolean;
}

export function appError(
  kind: ErrorKind,
  message: string,
  retryable: boolean,
  extra: Partial<Omit<AppError, 'kind' | 'message' | 'retryable'>> = {},
): AppError {
  return { kind, message, retryable, ...extra };
}

/** A value or an error: how every fallible operation in lib/ answers. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };
