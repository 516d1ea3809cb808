import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { appError, type ErrorKind, type Outcome } from '@/lib/errors';
import { createLimiter } from './limiter';

const ok: Outcome<string> = { ok: true, value: 'done' };

describe('limiter', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A fake call that takes `ms` and records when it started and how many ran at once. */
  function probe(ms: number) {
    let active = 0;
    let maxActive = 0;
    const starts: number[] = [];
    const task = () =>
      new Promise<Outcome<string>>((resolve) => {
        active++;
        maxActive = Math.max(maxActive, active);
        starts.push(Date.now());
        setTimeout(() => {
          active--;
          resolve(ok);
        }, ms);
      });
    return { task, starts, max: () => maxActive };
  }

  it('a burst of 200: never more than 30 in flight, all complete', async () => {
    const limiter = createLimiter({ perMinute: () => 2000 });
    const p = probe(500);
    let done = 0;
    const all = Array.from({ length: 200 }, () => limiter.run(p.task).then((o) => (done += o.ok ? 1 : 0)));
    await vi.advanceTimersByTimeAsync(0);
    expect(limiter.stats()).toMatchObject({ active: 30, queued: 170 });
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(all);
    expect(done).toBe(200);
    expect(p.max()).toBe(30);
    // 200 calls of 500 ms, 30 at a time: 7 rounds.
    expect(Math.max(...p.starts) - Math.min(...p.starts)).toBe(6 * 500);
  });

  it('a burst of 200 at 60 per minute: no rolling minute has more than 60 starts, all complete', async () => {
    const limiter = createLimiter({ perMinute: () => 60 });
    const p = probe(200);
    const all = Array.from({ length: 200 }, () => limiter.run(p.task));
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    const outcomes = await Promise.all(all);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(p.starts).toHaveLength(200);
    expect(p.max()).toBeLessThanOrEqual(30);
    for (const s of p.starts) {
      const inWindow = p.starts.filter((t) => t >= s && t < s + 60_000).length;
      expect(inWindow).toBeLessThanOrEqual(60);
    }
    // 200 starts at 60 per minute need at least three full minutes.
    expect(Math.max(...p.starts) - Math.min(...p.starts)).toBeGreaterThanOrEqual(3 * 60_000);
  });

  it('a lowered per-minute setting applies to the next start', async () => {
    let cap = 2000;
    const limiter = createLimiter({ perMinute: () => cap });
    const p = probe(10);
    const first = Array.from({ length: 5 }, () => limiter.run(p.task));
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all(first);
    cap = 5;
    const more = limiter.run(p.task);
    await vi.advanceTimersByTimeAsync(1000);
    expect(p.starts).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await more).ok).toBe(true);
    expect(p.starts).toHaveLength(6);
  });

  it('retries a rate-limit at most 3 times, honouring Retry-After', async () => {
    const limiter = createLimiter({ random: () => 0 });
    const times: number[] = [];
    const task = vi.fn(async (): Promise<Outcome<string>> => {
      times.push(Date.now());
      return { ok: false, error: appError('rate-limit', 'slow down', true, { httpStatus: 429, retryAfter: 7 }) };
    });
    const result = limiter.run(task);
    await vi.advanceTimersByTimeAsync(60_000);
    const outcome = await result;
    expect(task).toHaveBeenCalledTimes(4);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.kind).toBe('rate-limit');
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([7000, 7000, 7000]);
  });

  it('backs off exponentially with jitter without Retry-After, then succeeds', async () => {
    const limiter = createLimiter({ random: () => 0.5, baseDelayMs: 1000 });
    const times: number[] = [];
    let n = 0;
    const task = vi.fn(async (): Promise<Outcome<string>> => {
      times.push(Date.now());
      return ++n <= 2 ? { ok: false, error: appError('concurrency', 'too many', true, { statusCode: 40209 }) } : ok;
    });
    const result = limiter.run(task);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await result).toEqual(ok);
    expect(task).toHaveBeenCalledTimes(3);
    // 1000 + 0.5 × 1000, then 2000 + 0.5 × 2000.
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([1500, 3000]);
  });

  it('a rate-limit answer pauses the calls waiting behind it', async () => {
    const limiter = createLimiter({ maxConcurrent: 1, random: () => 0 });
    const starts: Array<[string, number]> = [];
    let first = true;
    const limited = async (): Promise<Outcome<string>> => {
      starts.push(['a', Date.now()]);
      if (first) {
        first = false;
        return { ok: false, error: appError('rate-limit', 'slow', true, { retryAfter: 5 }) };
      }
      return ok;
    };
    const other = async (): Promise<Outcome<string>> => {
      starts.push(['b', Date.now()]);
      return ok;
    };
    const t0 = Date.now();
    const a = limiter.run(limited);
    const b = limiter.run(other);
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all([a, b]);
    const bStart = starts.find(([k]) => k === 'b')![1];
    // b was queued behind a; it may start right after a's first answer only if no pause applies.
    expect(bStart - t0).toBeGreaterThanOrEqual(5000);
  });

  const neverRetried: ErrorKind[] = ['auth', 'payment', 'account', 'cost-limit', 'no-access', 'budget', 'invalid-request'];
  it.each(neverRetried)('never retries %s', async (kind) => {
    const limiter = createLimiter();
    const task = vi.fn(async (): Promise<Outcome<string>> => ({ ok: false, error: appError(kind, 'no', false) }));
    const result = limiter.run(task);
    await vi.advanceTimersByTimeAsync(120_000);
    expect((await result).ok).toBe(false);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('a task that throws frees its slot', async () => {
    const limiter = createLimiter({ maxConcurrent: 1 });
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const next = limiter.run(async () => ok);
    await vi.advanceTimersByTimeAsync(0);
    expect(await next).toEqual(ok);
    expect(limiter.stats().active).toBe(0);
  });
});
