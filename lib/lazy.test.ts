import { describe, expect, test } from 'vitest';
import { lazy, lazyRecord } from './lazy';

describe('lazyRecord', () => {
  test('builds a value on its first read only, once, and lists every key', () => {
    const built: string[] = [];
    const r = lazyRecord({
      a: () => {
        built.push('a');
        return { n: 1 };
      },
      b: () => {
        built.push('b');
        return 'two';
      },
    });
    expect(Object.keys(r)).toEqual(['a', 'b']);
    expect(built).toEqual([]);
    const first = r.a;
    expect(r.a).toBe(first);
    expect(first.n).toBe(1);
    expect(built).toEqual(['a']);
    expect(r.b).toBe('two');
    expect(built).toEqual(['a', 'b']);
  });

  test('a build that throws is tried again at the next read', () => {
    let calls = 0;
    const r = lazyRecord({
      x: () => {
        if (++calls === 1) throw new Error('first');
        return calls;
      },
    });
    expect(() => r.x).toThrow('first');
    expect(r.x).toBe(2);
    expect(r.x).toBe(2);
  });
});

describe('lazy', () => {
  test('builds on the first call and keeps the value', () => {
    let calls = 0;
    const get = lazy(() => ({ n: ++calls }));
    expect(calls).toBe(0);
    expect(get()).toBe(get());
    expect(calls).toBe(1);
  });
});
