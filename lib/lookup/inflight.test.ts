import { describe, expect, it, vi } from 'vitest';
import { createInflight } from './inflight';

describe('in-flight dedupe', () => {
  it('20 identical requests while one is in flight: one call', async () => {
    const inflight = createInflight();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const work = vi.fn(async () => {
      await held;
      return 'answer';
    });
    const all = Array.from({ length: 20 }, () => inflight.run('k', work));
    expect(inflight.size()).toBe(1);
    release();
    const results = await Promise.all(all);
    expect(work).toHaveBeenCalledTimes(1);
    expect(results.map((r) => r.value)).toEqual(Array(20).fill('answer'));
    expect(results.filter((r) => !r.shared)).toHaveLength(1);
    expect(inflight.size()).toBe(0);
  });

  it('different keys do not share, and a finished call is not reused', async () => {
    const inflight = createInflight();
    const work = vi.fn(async () => 1);
    await Promise.all([inflight.run('a', work), inflight.run('b', work)]);
    await inflight.run('a', work);
    expect(work).toHaveBeenCalledTimes(3);
  });

  it('a failure reaches every waiter and is not kept', async () => {
    const inflight = createInflight();
    const work = vi.fn(async () => {
      throw new Error('boom');
    });
    const both = [inflight.run('k', work), inflight.run('k', work)];
    await expect(both[0]).rejects.toThrow('boom');
    await expect(both[1]).rejects.toThrow('boom');
    expect(work).toHaveBeenCalledTimes(1);
    expect(inflight.size()).toBe(0);
  });
});
