import type { Endpoint } from '@/lib/dataforseo/endpoints';
import type { Provider } from '@/lib/providers';

/**
 * Bump when the shape of cached data changes (lib/model.ts): old entries then miss instead of
 * answering out of contract.
 */
export const CACHE_FORMAT = 1;

/** JSON with object keys sorted at every level, so key order never changes the text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export interface KeyParts {
  provider: Provider;
  /** accountFingerprint() of the credentials: two accounts never share answers. */
  account: string;
  endpoint: Endpoint;
  /** The whole request params: target, options, sort, filters, mode, limit, offset, token… */
  params: unknown;
}

/** The text a cache key is made from: everything that changes the answer, never a secret. */
export function keyMaterial(parts: KeyParts): string {
  return canonicalJson({
    f: CACHE_FORMAT,
    provider: parts.provider,
    account: parts.account,
    endpoint: parts.endpoint,
    params: parts.params,
  });
}

/** SHA-256 (hex) of keyMaterial(): a fixed-length storage key however long the params are. */
export async function cacheKey(parts: KeyParts): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(keyMaterial(parts)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
