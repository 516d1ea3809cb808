/** Small deterministic pseudo-random helpers: the same seed string always gives the same sequence. */

/** 32-bit FNV-1a hash followed by a murmur-style finaliser. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  /** An element chosen with the given weights (same length as list). */
  weighted<T>(list: readonly T[], weights: readonly number[]): T;
  /** Index in [0, n) skewed towards 0 (power > 1 means stronger skew). */
  skewed(n: number, power: number): number;
  hex(length: number): string;
}

/** sfc32 generator seeded from a string (state in a typed array: no number boxing in the hot path). */
export function rng(seed: string): Rng {
  const st = new Uint32Array(4);
  st[0] = hash32(seed + '#a');
  st[1] = hash32(seed + '#b');
  st[2] = hash32(seed + '#c');
  st[3] = hash32(seed + '#d') | 1;
  const next = (): number => {
    const a = st[0]!;
    const b = st[1]!;
    const c = st[2]!;
    const d = st[3]!;
    const t = (a + b + d) >>> 0;
    st[3] = d + 1;
    st[0] = b ^ (b >>> 9);
    st[1] = c + (c << 3);
    const c2 = (c << 21) | (c >>> 11);
    st[2] = c2 + t;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const self: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(list: readonly T[]): T => {
      if (list.length === 0) throw new Error('pick from empty list');
      return list[Math.floor(next() * list.length)] as T;
    },
    weighted: <T>(list: readonly T[], weights: readonly number[]): T => {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < list.length; i++) {
        r -= weights[i] ?? 0;
        if (r < 0) return list[i] as T;
      }
      return list[list.length - 1] as T;
    },
    skewed: (n, power) => Math.min(n - 1, Math.floor(n * Math.pow(next(), power))),
    hex: (length) => {
      let s = '';
      for (let i = 0; i < length; i++) s += Math.floor(next() * 16).toString(16);
      return s;
    },
  };
  return self;
}
