import type { AppError, ErrorKind, Outcome } from '@/lib/errors';

/**
 * Keeps calls to one provider inside its limits: at most `maxConcurrent` in flight (DataForSEO: 30,
 * 40209 beyond) and at most `perMinute()` started in any rolling 60 s (DataForSEO: 2000; AIsa: the
 * user's setting, 60 on its free tier). Calls beyond wait in a FIFO queue.
 *
 * A call answered with a rate-limit or concurrency error is retried at most `maxRetries` times,
 * after the server's Retry-After when it gave one, else after an exponential delay with jitter.
 * A rate-limit answer also pauses every queued call for that delay. No other kind is ever retried
 * (auth, payment, account, cost-limit, no-access, budget, invalid-request… would fail again or spend).
 *
 * Counters live in memory only: they matter only while the worker lives.
 */
export const RETRYABLE_KINDS: readonly ErrorKind[] = ['rate-limit', 'concurrency'];

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
};

export interface LimiterOptions {
  maxConcurrent?: number;
  /** Read at every start, so a changed setting applies at once. */
  perMinute?: () => number;
  maxRetries?: number;
  /** First backoff delay (ms); doubles with each retry, plus up to the same again of jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  clock?: Clock;
  random?: () => number;
}

export interface LimiterStats {
  active: number;
  queued: number;
  startsLastMinute: number;
}

export interface Limiter {
  run<T>(task: () => Promise<Outcome<T>>): Promise<Outcome<T>>;
  stats(): LimiterStats;
}

const WINDOW_MS = 60_000;

export function createLimiter(options: LimiterOptions = {}): Limiter {
  const maxConcurrent = options.maxConcurrent ?? 30;
  const perMinute = options.perMinute ?? (() => 2000);
  const maxRetries = options.maxRetries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;

  let active = 0;
  let pausedUntil = 0;
  let timerAt: number | null = null;
  const starts: number[] = [];
  const queue: Array<() => void> = [];

  function wakeAt(at: number) {
    if (timerAt !== null && timerAt <= at) return;
    timerAt = at;
    clock.setTimeout(() => {
      if (timerAt === at) timerAt = null;
      pump();
    }, Math.max(0, at - clock.now()));
  }

  function pump() {
    while (queue.length > 0) {
      const now = clock.now();
      while (starts.length > 0 && (starts[0] as number) <= now - WINDOW_MS) starts.shift();
      if (active >= maxConcurrent) return; // a release pumps again
      if (now < pausedUntil) return wakeAt(pausedUntil);
      const cap = Math.max(1, Math.floor(perMinute()));
      if (starts.length >= cap) {
        // The slot frees when the start `cap` places back leaves the window.
        return wakeAt((starts[starts.length - cap] as number) + WINDOW_MS);
      }
      const next = queue.shift() as () => void;
      active++;
      starts.push(now);
      next();
    }
  }

  function acquire(): Promise<void> {
    return new Promise((resolve) => {
      queue.push(resolve);
      pump();
    });
  }

  function release() {
    active--;
    pump();
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => clock.setTimeout(resolve, ms));
  }

  function backoffMs(error: AppError, attempt: number): number {
    if (error.retryAfter != null && Number.isFinite(error.retryAfter) && error.retryAfter >= 0) {
      return Math.min(maxDelayMs, error.retryAfter * 1000);
    }
    const exp = baseDelayMs * 2 ** attempt;
    return Math.min(maxDelayMs, exp + random() * exp);
  }

  return {
    async run<T>(task: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
      for (let attempt = 0; ; attempt++) {
        await acquire();
        let outcome: Outcome<T>;
        try {
          outcome = await task();
        } catch (e) {
          release();
          throw e;
        }
        const retry = !outcome.ok && RETRYABLE_KINDS.includes(outcome.error.kind) && attempt < maxRetries;
        const delay = !outcome.ok && retry ? backoffMs(outcome.error, attempt) : 0;
        // Pause the queue before the slot is released, so nothing queued starts into the limit.
        if (!outcome.ok && retry && outcome.error.kind === 'rate-limit') {
          pausedUntil = Math.max(pausedUntil, clock.now() + delay);
        }
        release();
        if (!retry) return outcome;
        await sleep(delay);
      }
    },
    stats() {
      const now = clock.now();
      return {
        active,
        queued: queue.length,
        startsLastMinute: starts.filter((t) => t > now - WINDOW_MS).length,
      };
    },
  };
}
