/* Which rows the details' breakdowns show (pure; loaded with the details). */

/** Attributes worth a bar: noopener / noreferrer say nothing about link value. */
const QUIET_ATTRIBUTES = new Set(['noopener', 'noreferrer']);
export function shownAttributes(items: readonly { key: string; count: number }[]): { key: string; count: number }[] {
  return items.filter((i) => !QUIET_ATTRIBUTES.has(i.key));
}

/** Known platform types first, "unknown" (and empty) last. */
export function shownPlatforms(items: readonly { key: string; count: number }[]): { key: string; count: number }[] {
  const unknown = (k: string) => k === '' || k === 'unknown';
  return [...items.filter((i) => !unknown(i.key)), ...items.filter((i) => unknown(i.key))];
}
