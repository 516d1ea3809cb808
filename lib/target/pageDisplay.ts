/**
 * A page target's display: the Unicode origin and a readable path and query (decoded where that
 * is safe), shortened in the middle when long.
 */

/** Page displays longer than this (in characters) are shortened in the middle of the path. */
export const MAX_PAGE_DISPLAY = 100;

/** Characters that must not appear decoded in a displayed URL (controls, bidi/zero-width, spaces). */
const UNSAFE_DISPLAY = /[\p{Cc}\p{Cf}\p{Z}\s]/u;

function readablePath(encoded: string): string {
  try {
    const decoded = decodeURI(encoded);
    return UNSAFE_DISPLAY.test(decoded) ? encoded : decoded;
  } catch {
    return encoded;
  }
}

/** Shorten `text` to `max` characters (code points) by cutting out the middle. */
function shortenMiddle(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const keep = Math.max(max - 1, 2);
  const head = Math.ceil(keep * 0.6);
  const tail = keep - head;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

/** The display of a page URL whose host is shown as `unicodeHost` (lib/target/unicodeHost.ts). */
export function pageDisplay(url: URL, unicodeHost: string): string {
  const origin = `${url.protocol}//${unicodeHost}${url.port ? `:${url.port}` : ''}`;
  const rest = readablePath(url.pathname + url.search);
  if (Array.from(origin + rest).length <= MAX_PAGE_DISPLAY) return origin + rest;
  // Keep the whole origin; shorten the path and query, but never below a readable stub.
  const room = Math.max(MAX_PAGE_DISPLAY - Array.from(origin).length, 24);
  return origin + shortenMiddle(rest, room);
}
