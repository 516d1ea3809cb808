/**
 * Untrusted text (API answers, page addresses) made safe to show. Pure, no dependencies, page-safe.
 *
 * - Length: rows show at most `ROW_CAP` characters; the full text is shown on demand in chunks
 *   (`chunkText`) inside a scroll-bounded box, so a 1 MB anchor costs bounded layout work.
 * - Invisible characters: bidi controls and zero-width characters are shown as a visible marker
 *   (`⟨U+202E⟩`) in names and URLs; in running text the joiners (U+200C/U+200D, used by emoji and
 *   several scripts) stay, every other one is marked.
 * - Domains: a punycode label is shown in Unicode only under the rules Chromium applies to its own
 *   address bar (one script per label, or Latin with Han+Hiragana+Katakana, Han+Bopomofo or Han+Hangul;
 *   no Cyrillic-only label made of Latin look-alikes; no invisible or non-letter characters).
 * - Links: userinfo is dropped (`https://a@evil.test/` → `https://evil.test/`); only http(s) links.
 */

import { decodePunycode } from './punycode';

/** Characters shown in a row before the text is cut. */
export const ROW_CAP = 300;
/** Characters in a tooltip. */
export const TITLE_CAP = 1000;
/** Characters per chunk of a full text (each chunk is its own block, laid out on its own). */
export const CHUNK = 2000;

/** For names and URLs: bidi controls (U+202A–202E, U+2066–2069, U+200E/200F, U+061C), zero-width and invisible format characters, and every C0/C1 control. */
const UNSAFE_NAME = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF\u180E\u00AD\u0000-\u001F\u007F-\u009F]/gu;
/** In running text: bidi controls and invisible characters except the joiners. */
const UNSAFE_TEXT = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B\u2060\uFEFF\u180E\u00AD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;

function marker(ch: string): string {
  return `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** A domain, URL or other name with every invisible/bidi character made visible. */
export function visibleName(s: string): string {
  return s.replace(UNSAFE_NAME, marker);
}

/** Running text (anchors, titles) with bidi controls and invisible characters made visible. */
export function visibleText(s: string): string {
  return s.replace(UNSAFE_TEXT, marker);
}

/** The first `max` characters of `s` (not splitting a surrogate pair) and whether anything was cut. */
export function capText(s: string, max: number = ROW_CAP): { text: string; cut: boolean } {
  if (s.length <= max) return { text: s, cut: false };
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end -= 1;
  return { text: `${s.slice(0, end)}…`, cut: true };
}

/** `s` in pieces of at most `size` UTF-16 units, never splitting a surrogate pair. */
export function chunkText(s: string, size: number = CHUNK): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    let end = Math.min(i + size, s.length);
    const c = s.charCodeAt(end - 1);
    if (end < s.length && c >= 0xd800 && c <= 0xdbff) end -= 1;
    out.push(s.slice(i, end));
    i = end;
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------
 * Domains: Unicode only when Chromium would show it
 * ---------------------------------------------------------------------------------------------- */

const SCRIPTS = [
  'Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Devanagari',
  'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai',
  'Lao', 'Tibetan', 'Myanmar', 'Khmer', 'Mongolian', 'Ethiopic', 'Cherokee', 'Han', 'Hiragana', 'Katakana',
  'Bopomofo', 'Hangul', 'Yi', 'Tifinagh', 'Canadian_Aboriginal',
] as const;
const SCRIPT_RES = SCRIPTS.map((s) => [s, new RegExp(`^\\p{Script=${s}}$`, 'u')] as const);
/** Script-neutral: digits, hyphen, combining marks inherit the script around them. */
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u;
/** What a label may contain at all: letters, marks, digits, hyphen. */
const LABEL_CHARS = /^[\p{L}\p{M}\p{Nd}-]+$/u;
/** Cyrillic letters that look like Latin ones (Chromium's list); a label made only of them is a look-alike. */
const CYRILLIC_LATIN_ALIKE = /^[асԁеһіјӏорԛѕԝхуъЬҽпгѵѡ0-9-]+$/u;
/** Allowed multi-script combinations (beyond a single script). */
const ALLOWED_MIXES: readonly (readonly string[])[] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];

function scriptOf(ch: string): string | null {
  if (NEUTRAL.test(ch)) return null;
  for (const [name, re] of SCRIPT_RES) if (re.test(ch)) return name;
  return 'Other';
}

/** Whether a decoded label may be shown in Unicode. `tldUnicode`: the top-level label as shown. */
export function labelShowsUnicode(label: string, tldUnicode: string): boolean {
  if (!LABEL_CHARS.test(label)) return false;
  const scripts = new Set<string>();
  for (const ch of label) {
    const s = scriptOf(ch);
    if (s) scripts.add(s);
  }
  if (scripts.has('Other')) return false;
  if (scripts.size > 1 && !ALLOWED_MIXES.some((mix) => [...scripts].every((s) => mix.includes(s)))) return false;
  // A Cyrillic label made of Latin look-alikes, unless the domain's own TLD is Cyrillic (.рф, .бг …).
  if (scripts.has('Cyrillic') && CYRILLIC_LATIN_ALIKE.test(label) && !/\p{Script=Cyrillic}/u.test(tldUnicode)) return false;
  return true;
}

/**
 * An ASCII host as people should see it: Unicode when every punycode label passes the rules and the
 * URL parser maps the Unicode back to exactly the same ASCII; otherwise the ASCII host. Any invisible
 * character left in the result is made visible.
 */
export function displayHost(host: string | null | undefined): string {
  if (!host) return '';
  const ascii = host.toLowerCase();
  if (!ascii.includes('xn--')) return visibleName(host);
  const labels = ascii.split('.');
  const decoded = labels.map((l) => (l.startsWith('xn--') ? decodePunycode(l.slice(4)) : l));
  if (decoded.some((l) => l === null)) return visibleName(host);
  const tld = decoded[decoded.length - 1] ?? '';
  if (!decoded.every((l, i) => !labels[i]!.startsWith('xn--') || labelShowsUnicode(l!, tld!))) return visibleName(host);
  const unicode = decoded.join('.');
  try {
    return new URL(`http://${unicode}/`).hostname === ascii ? unicode : visibleName(host);
  } catch {
    return visibleName(host);
  }
}

/* ------------------------------------------------------------------------------------------------
 * Links
 * ---------------------------------------------------------------------------------------------- */

/** The href a link may have: http(s) only, without userinfo; null when it must not be a link. */
export function linkHref(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.username = '';
  u.password = '';
  return u.href;
}

/**
 * A URL as text for people: parsed http(s) URLs lose their userinfo and show their host by the
 * domain rules; anything else is shown as given, with invisible characters made visible.
 */
export function displayUrl(url: string | null | undefined): string {
  if (!url) return '';
  const href = linkHref(url);
  if (!href) return visibleName(url);
  const u = new URL(href);
  const host = displayHost(u.hostname);
  const rest = `${u.port ? `:${u.port}` : ''}${u.pathname}${u.search}${u.hash}`;
  return `${u.protocol}//${host}${visibleName(rest)}`;
}

/**
 * A checked target's heading: sites by the domain rules from their ASCII value; pages keep the
 * worker's shortened path but get their host re-checked by the same rules.
 */
export function targetDisplay(t: { scope: string; value: string; display: string }): string {
  if (t.scope !== 'page') return displayHost(t.value);
  let u: URL;
  try {
    u = new URL(t.value);
  } catch {
    return visibleName(t.display);
  }
  const origin = `${u.protocol}//${displayHost(u.hostname)}${u.port ? `:${u.port}` : ''}`;
  const slash = t.display.indexOf('/', t.display.indexOf('//') + 2);
  return origin + (slash < 0 ? '' : visibleName(t.display.slice(slash)));
}
