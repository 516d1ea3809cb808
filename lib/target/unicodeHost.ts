/**
 * An ASCII (punycode) hostname shown to people in Unicode, except for labels that mix Latin with
 * Cyrillic or Greek letters (a common look-alike trick) or do not decode cleanly, which stay ASCII.
 */
import { decodePunycode } from '@/lib/punycode';

const SAFE_LABEL = /^[\p{L}\p{M}\p{N}-]+$/u;
const LATIN = /\p{Script=Latin}/u;
const LOOKALIKE_SCRIPTS = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

function unicodeLabel(label: string): string {
  if (!label.startsWith('xn--')) return label;
  const decoded = decodePunycode(label.slice(4));
  if (decoded === null || !SAFE_LABEL.test(decoded)) return label;
  if (LATIN.test(decoded) && LOOKALIKE_SCRIPTS.test(decoded)) return label;
  return decoded;
}

/**
 * An ASCII hostname for people: punycode labels shown in Unicode when they decode cleanly and the
 * URL parser turns the result back into exactly the same ASCII name; otherwise the ASCII name.
 */
export function toUnicodeHost(asciiHost: string): string {
  if (!asciiHost.includes('xn--')) return asciiHost;
  const unicode = asciiHost.split('.').map(unicodeLabel).join('.');
  if (unicode === asciiHost) return asciiHost;
  try {
    return new URL(`http://${unicode}/`).hostname === asciiHost ? unicode : asciiHost;
  } catch {
    return asciiHost;
  }
}
