import { SCOPES, type Scope } from './lookupTarget';
import { POPUP_SCOPE_KEY } from './storage/keys';

/**
 * The scope the popup last used per site (root domain → scope), in storage.local `popupScope`.
 * Written by the popup when the user switches scope; read by the worker to answer a `checkTab`
 * (lib/lookup/checkTab.ts) with the right target at once.
 */
export const SCOPE_KEY = POPUP_SCOPE_KEY;

/** Most sites whose chosen scope is remembered. */
export const SCOPE_MEMORY_CAP = 300;

/** Read a stored scope map, dropping anything that is not `{ rootDomain: scope }`. */
export function readScopeMemory(raw: unknown): Record<string, Scope> {
  const out: Record<string, Scope> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string' && (SCOPES as readonly string[]).includes(value)) out[key] = value as Scope;
  }
  return out;
}

/**
 * Remember `scope` for `domain`. The map keeps insertion order as recency: the entry moves to the
 * end and the oldest entries go when there are more than `cap`. The default scope is stored too,
 * so that choosing "domain" again overrides an earlier choice.
 */
export function rememberScope(
  memory: Record<string, Scope>,
  domain: string,
  scope: Scope,
  cap: number = SCOPE_MEMORY_CAP,
): Record<string, Scope> {
  const entries = Object.entries(memory).filter(([key]) => key !== domain);
  entries.push([domain, scope]);
  return Object.fromEntries(entries.slice(Math.max(0, entries.length - cap)));
}
