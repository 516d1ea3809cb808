/**
 * What a lookup target is, as one zod-free rule: pages check stored targets with
 * `readLookupTarget`, and the worker's `LookupTargetSchema` (lib/params.schema.ts) is built from
 * the same constants (lib/handover/handover.test.ts holds the two side by side).
 */

/** What part of a site is checked. */
export const SCOPES = ['domain', 'host', 'page'] as const;
export type Scope = (typeof SCOPES)[number];

/** Longest `value` and `display` of a target. */
export const MAX_TARGET_TEXT = 2048;

/**
 * A lookup target as the API takes it: `value` is a registrable domain or host in punycode
 * without `www.` (scope domain/host), or an absolute http(s) URL without fragment (scope page).
 */
export interface LookupTarget {
  scope: Scope;
  value: string;
  /** The same target for people: Unicode domain, shortened URL. */
  display: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A valid LookupTarget (a clean copy of its three fields, like a zod object), or null. */
export function readLookupTarget(v: unknown): LookupTarget | null {
  if (!isObject(v)) return null;
  const { scope, value, display } = v;
  if (typeof scope !== 'string' || !(SCOPES as readonly string[]).includes(scope)) return null;
  if (typeof value !== 'string' || value.length < 1 || value.length > MAX_TARGET_TEXT) return null;
  if (typeof display !== 'string' || display.length > MAX_TARGET_TEXT) return null;
  return { scope: scope as Scope, value, display };
}
