import { describe, expect, it } from 'vitest';
import { cacheKey, canonicalJson, keyMaterial, type KeyParts } from './key';
import { anchorsParams, backlinksParams, profileParams } from '@/tests/helpers/lookup';

const base = (params: unknown, endpoint: KeyParts['endpoint'] = 'backlinks'): KeyParts => ({
  provider: 'dataforseo',
  account: 'a1b2c3d4e5f60718',
  endpoint,
  params,
});

/** Deep copy with every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).reverse().map((k) => [k, reversed((value as any)[k])]));
  }
  return value;
}

/** Set a dotted path on a deep copy. */
function withChange(obj: unknown, path: string, value: unknown): any {
  const copy = structuredClone(obj) as any;
  const parts = path.split('.');
  let at = copy;
  for (const p of parts.slice(0, -1)) at = at[p];
  at[parts.at(-1)!] = value;
  return copy;
}

describe('cache key', () => {
  const backlinkChanges: Array<[string, unknown]> = [
    ['target.value', 'example.org'],
    ['target.scope', 'host'],
    ['options.includeSubdomains', false],
    ['options.includeIndirectLinks', false],
    ['options.excludeInternalBacklinks', false],
    ['options.statusType', 'all'],
    ['options.rankScale', 'one_thousand'],
    ['limit', 101],
    ['offset', 100],
    ['searchAfterToken', 'tok-123'],
    ['sort', 'firstSeen'],
    ['dir', 'asc'],
    ['mode', 'one_per_domain'],
    ['filters.dofollowOnly', true],
    ['filters.newOnly', true],
    ['filters.lostOnly', true],
    ['filters.brokenOnly', true],
    ['filters.itemType', 'image'],
    ['filters.text', 'shoes'],
  ];

  it.each(backlinkChanges)('backlinks: changing %s changes the key', async (path, value) => {
    const params = backlinksParams();
    const changed = withChange(params, path, value);
    expect(keyMaterial(base(changed))).not.toBe(keyMaterial(base(params)));
    expect(await cacheKey(base(changed))).not.toBe(await cacheKey(base(params)));
  });

  it.each([
    ['limit', 10],
    ['offset', 10],
    ['sort', 'rank'],
    ['text', 'buy'],
  ] as Array<[string, unknown]>)('anchors: changing %s changes the key', async (path, value) => {
    const params = anchorsParams();
    expect(await cacheKey(base(withChange(params, path, value), 'anchors'))).not.toBe(
      await cacheKey(base(params, 'anchors')),
    );
  });

  it('provider, account and endpoint are part of the key', async () => {
    const p = profileParams();
    const k = await cacheKey(base(p, 'profile'));
    expect(await cacheKey({ ...base(p, 'profile'), provider: 'sandbox' })).not.toBe(k);
    expect(await cacheKey({ ...base(p, 'profile'), provider: 'aisa' })).not.toBe(k);
    expect(await cacheKey({ ...base(p, 'profile'), account: 'ffffffffffffffff' })).not.toBe(k);
    expect(await cacheKey(base(p, 'anchors'))).not.toBe(k);
  });

  it('key order does not matter, at any depth', async () => {
    const params = backlinksParams();
    const shuffled = reversed(params);
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(params)); // the test really reorders
    expect(keyMaterial(base(shuffled))).toBe(keyMaterial(base(params)));
    expect(await cacheKey(base(shuffled))).toBe(await cacheKey(base(params)));
  });

  it('canonical JSON sorts keys and keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  it('is a fixed-length hex digest', async () => {
    const long = withChange(backlinksParams(), 'searchAfterToken', 'x'.repeat(9000));
    expect(await cacheKey(base(long))).toMatch(/^[0-9a-f]{64}$/);
  });
});
