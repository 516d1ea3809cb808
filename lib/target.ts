import { parse as parseDomain } from 'tldts';
import { t } from './i18n';
import type { LookupTarget, Scope } from './params.schema';
import { stripTrackingParams } from './trackingParams';

/**
 * A tab or link URL → the three things that can be checked about it (root domain, host, exact page),
 * or a refusal with one sentence for the user. Pure: no network, no browser APIs beyond `URL`.
 *
 * Decisions:
 * - The root domain comes from the Public Suffix List (tldts) WITH its private section, so sites on
 *   shared hosting suffixes are their own site: `alice.github.io`, `x.blogspot.com`, `app.vercel.app`
 *   are roots, not `github.io`. When the host is itself such a suffix (`github.io`, `s3.amazonaws.com`)
 *   the ICANN-only answer is used instead (`github.io`, `amazonaws.com`).
 * - Values are ASCII (punycode) because that is what the API takes; displays are Unicode, except for
 *   labels that mix Latin with Cyrillic or Greek letters (a common look-alike trick), which stay ASCII.
 * - Input without a scheme (`example.com/path`, `localhost:3000`) is read as https, so the same
 *   function serves typed addresses; anything else that is not http(s) is refused.
 * - Special-use and local names are refused before the Public Suffix List is asked, because
 *   `foo.test` or `nas.local` would otherwise look registrable.
 * - Page targets lose their tracking parameters (lib/trackingParams.ts: utm_*, gclid, fbclid, …) by
 *   default: the API looks a page up exactly as given, and a tagged address is usually unknown to it.
 *   Other query parameters stay, in order; the page display shows the cleaned address.
 */

export type RefusalReason =
  | 'empty'
  | 'invalid-url'
  | 'scheme'
  | 'browser-page'
  | 'new-tab'
  | 'local'
  | 'ip'
  | 'no-public-suffix'
  | 'too-long';

export interface Refusal {
  reason: RefusalReason;
  /** One sentence for the user, e.g. "Browser pages have no backlinks. Open a website and try again." */
  message: string;
}

/** The three ways a URL can be checked. */
export interface SiteTargets {
  domain: LookupTarget;
  host: LookupTarget;
  page: LookupTarget;
}

export type TargetResult = { ok: true; site: SiteTargets } | { ok: false; refusal: Refusal };

/** Longest URL the API accepts as a target (and `LookupTargetSchema.value` allows). */
export const MAX_URL_LENGTH = 2048;
/** Page displays longer than this (in characters) are shortened in the middle of the path. */
export const MAX_PAGE_DISPLAY = 100;

/** The refusal sentences, read when used (in the browser's language, see lib/i18n.ts). */
export const REFUSAL_MESSAGES = {
  get empty() { return t('commonRefuseEmpty'); },
  get invalidUrl() { return t('commonRefuseInvalid'); },
  get browserPage() { return t('commonRefuseBrowser'); },
  get extensionPage() { return t('commonRefuseExtension'); },
  get viewSource() { return t('commonRefuseViewSource'); },
  get newTab() { return t('commonRefuseNewTab'); },
  get file() { return t('commonRefuseFile'); },
  get inline() { return t('commonRefuseInline'); },
  get mailto() { return t('commonRefuseMailto'); },
  get phone() { return t('commonRefusePhone'); },
  get script() { return t('commonRefuseScript'); },
  get otherScheme() { return t('commonRefuseScheme'); },
  get local() { return t('commonRefuseLocal'); },
  get ip() { return t('commonRefuseIp'); },
  get noPublicSuffix() { return t('commonRefuseNoSuffix'); },
  get tooLong() { return t('commonRefuseTooLong', MAX_URL_LENGTH.toLocaleString('en-US')); },
};

function refuse(reason: RefusalReason, message: string): TargetResult {
  return { ok: false, refusal: { reason, message } };
}

/* ------------------------------------------------------------------------------------------------
 * Schemes
 * ---------------------------------------------------------------------------------------------- */

const BROWSER_SCHEMES = new Set([
  'chrome',
  'chrome-untrusted',
  'chrome-devtools',
  'devtools',
  'about',
  'edge',
  'brave',
  'opera',
  'vivaldi',
  'arc',
  'resource',
]);
const EXTENSION_SCHEMES = new Set([
  'chrome-extension',
  'moz-extension',
  'extension',
  'safari-extension',
  'safari-web-extension',
  'ms-browser-extension',
]);
const INLINE_SCHEMES = new Set(['data', 'blob', 'filesystem']);
const PHONE_SCHEMES = new Set(['tel', 'callto', 'sms', 'facetime', 'skype']);
/** Schemes whose payload may look like `host:port`; never read these as a scheme-less host. */
const ALWAYS_SCHEMES = new Set([...PHONE_SCHEMES, 'mailto', 'javascript', 'urn', 'geo', 'magnet']);

/** Hosts of browser new-tab pages, per browser scheme. */
const NEW_TAB_HOSTS = new Set(['newtab', 'new-tab-page', 'new-tab-page-third-party', 'startpage']);
const NEW_TAB_ABOUT = new Set(['newtab', 'home', 'blank', 'privatebrowsing', 'startpage']);

/** `scheme:` prefix, lowercased, or null when the input has none. */
function schemeOf(input: string): string | null {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(input);
  if (!m || m[1] === undefined) return null;
  const scheme = m[1].toLowerCase();
  if (ALWAYS_SCHEMES.has(scheme)) return scheme;
  // `localhost:3000`, `example.com:8080/x`: a host and a port, not a scheme.
  if (/^\d+(?:[/?#]|$)/.test(input.slice(m[0].length))) return null;
  return scheme;
}

/** A refusal for a URL whose scheme is not http(s). */
function refuseScheme(scheme: string, input: string): TargetResult {
  if (scheme === 'view-source') return refuse('browser-page', REFUSAL_MESSAGES.viewSource);
  if (scheme === 'chrome-search') return refuse('new-tab', REFUSAL_MESSAGES.newTab);
  if (BROWSER_SCHEMES.has(scheme)) {
    // The part after the scheme: `//newtab/`, `newtab`, `blank`, `//vivaldi-webui/startpage`.
    const rest = input
      .slice(scheme.length + 1)
      .replace(/^\/\//, '')
      .toLowerCase();
    const [first = '', second = ''] = rest.split(/[/?#]/);
    if (scheme === 'about' ? NEW_TAB_ABOUT.has(first) : NEW_TAB_HOSTS.has(first)) {
      return refuse('new-tab', REFUSAL_MESSAGES.newTab);
    }
    if (first === 'vivaldi-webui' && second === 'startpage') return refuse('new-tab', REFUSAL_MESSAGES.newTab);
    return refuse('browser-page', REFUSAL_MESSAGES.browserPage);
  }
  if (EXTENSION_SCHEMES.has(scheme)) return refuse('browser-page', REFUSAL_MESSAGES.extensionPage);
  if (scheme === 'file') return refuse('scheme', REFUSAL_MESSAGES.file);
  if (INLINE_SCHEMES.has(scheme)) return refuse('scheme', REFUSAL_MESSAGES.inline);
  if (scheme === 'mailto') return refuse('scheme', REFUSAL_MESSAGES.mailto);
  if (PHONE_SCHEMES.has(scheme)) return refuse('scheme', REFUSAL_MESSAGES.phone);
  if (scheme === 'javascript') return refuse('scheme', REFUSAL_MESSAGES.script);
  return refuse('scheme', REFUSAL_MESSAGES.otherScheme);
}

/* ------------------------------------------------------------------------------------------------
 * Hosts
 * ---------------------------------------------------------------------------------------------- */

/** Names that only exist on one machine or one network. */
const LOCAL_SUFFIXES = ['localhost', 'local', 'internal', 'lan', 'home.arpa', 'test'];
/** Special-use or infrastructure names that never carry public websites. */
const NON_PUBLIC_SUFFIXES = ['invalid', 'example', 'onion', 'alt', 'arpa'];

function isUnder(host: string, suffixes: readonly string[]): boolean {
  return suffixes.some((s) => host === s || host.endsWith(`.${s}`));
}

/** After the URL parser, every IPv4 form (`0x7f.1`, `3232235777`) is dotted decimal; IPv6 is bracketed. */
function isIpHost(host: string): boolean {
  return host.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}

/** Registrable domain of an ASCII hostname, private suffixes first (see the top of the file). */
function registrableDomain(host: string): string | null {
  const opts = { extractHostname: false, validateHostname: false, detectIp: false } as const;
  const withPrivate = parseDomain(host, { ...opts, allowPrivateDomains: true });
  if (!withPrivate.isIcann && !withPrivate.isPrivate) return null;
  if (withPrivate.domain) return withPrivate.domain;
  const icannOnly = parseDomain(host, { ...opts, allowPrivateDomains: false });
  return icannOnly.isIcann && icannOnly.domain ? icannOnly.domain : null;
}

/* ------------------------------------------------------------------------------------------------
 * Punycode (RFC 3492) decoding, for display only
 * ---------------------------------------------------------------------------------------------- */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_INT = 0x7fffffff;

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let d = firstTime ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 22; // 0-9 → 26-35
  if (code >= 65 && code <= 90) return code - 65; // A-Z → 0-25
  if (code >= 97 && code <= 122) return code - 97; // a-z → 0-25
  return -1;
}

/**
 * Decode one punycode label body (without `xn--`) to Unicode; null when it is not valid punycode.
 */
export function decodePunycode(input: string): string | null {
  const output: number[] = [];
  const delimiter = input.lastIndexOf('-');
  for (let j = 0; j < Math.max(delimiter, 0); j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) return null;
    output.push(c);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  let pos = delimiter > 0 ? delimiter + 1 : 0;
  while (pos < input.length) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) return null;
      const digit = digitValue(input.charCodeAt(pos++));
      if (digit < 0) return null;
      if (digit > Math.floor((MAX_INT - i) / w)) return null;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      if (w > Math.floor(MAX_INT / (BASE - t))) return null;
      w *= BASE - t;
    }
    const length = output.length + 1;
    bias = adapt(i - oldI, length, oldI === 0);
    if (Math.floor(i / length) > MAX_INT - n) return null;
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

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

/* ------------------------------------------------------------------------------------------------
 * Page display
 * ---------------------------------------------------------------------------------------------- */

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

function pageDisplay(url: URL, unicodeHost: string): string {
  const origin = `${url.protocol}//${unicodeHost}${url.port ? `:${url.port}` : ''}`;
  const rest = readablePath(url.pathname + url.search);
  if (Array.from(origin + rest).length <= MAX_PAGE_DISPLAY) return origin + rest;
  // Keep the whole origin; shorten the path and query, but never below a readable stub.
  const room = Math.max(MAX_PAGE_DISPLAY - Array.from(origin).length, 24);
  return origin + shortenMiddle(rest, room);
}

/* ------------------------------------------------------------------------------------------------
 * Public API
 * ---------------------------------------------------------------------------------------------- */

export interface ParseOptions {
  /** Keep tracking parameters in the page target (default: removed). */
  keepTracking?: boolean;
}

/**
 * Turn a tab or link URL into lookup targets, or refuse it with a reason and one sentence for the
 * user. Never touches the network.
 */
export function parseTarget(url: string | null | undefined, options: ParseOptions = {}): TargetResult {
  const input = (url ?? '').trim();
  if (input === '') return refuse('empty', REFUSAL_MESSAGES.empty);
  if (input.length > MAX_URL_LENGTH) return refuse('too-long', REFUSAL_MESSAGES.tooLong);

  const scheme = schemeOf(input);
  if (scheme !== null && scheme !== 'http' && scheme !== 'https') return refuseScheme(scheme, input);
  const absolute = scheme !== null ? input : input.startsWith('//') ? `https:${input}` : `https://${input}`;

  let parsed: URL;
  try {
    parsed = new URL(absolute);
  } catch {
    return refuse('invalid-url', REFUSAL_MESSAGES.invalidUrl);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return refuse('scheme', REFUSAL_MESSAGES.otherScheme);
  }

  // The URL parser already lowercased the host, turned IDN into punycode and normalized IPv4.
  const hostname = parsed.hostname.replace(/\.+$/, '');
  if (hostname === '') return refuse('invalid-url', REFUSAL_MESSAGES.invalidUrl);
  if (isIpHost(hostname)) return refuse('ip', REFUSAL_MESSAGES.ip);
  if (hostname.length > 253 || hostname.split('.').some((label) => label === '' || label.length > 63)) {
    return refuse('invalid-url', REFUSAL_MESSAGES.invalidUrl);
  }
  if (isUnder(hostname, LOCAL_SUFFIXES)) return refuse('local', REFUSAL_MESSAGES.local);
  if (isUnder(hostname, NON_PUBLIC_SUFFIXES)) return refuse('no-public-suffix', REFUSAL_MESSAGES.noPublicSuffix);

  const domain = registrableDomain(hostname);
  if (domain === null) return refuse('no-public-suffix', REFUSAL_MESSAGES.noPublicSuffix);

  // `www.` goes only when something registrable is left (`www.co.uk` is itself a registrable name).
  const host = hostname.startsWith('www.') && hostname.length > domain.length ? hostname.slice(4) : hostname;

  parsed.hostname = hostname;
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  if (!options.keepTracking) parsed.search = stripTrackingParams(parsed.search);
  const pageValue = parsed.href;
  if (pageValue.length > MAX_URL_LENGTH) return refuse('too-long', REFUSAL_MESSAGES.tooLong);

  return {
    ok: true,
    site: {
      domain: { scope: 'domain', value: domain, display: toUnicodeHost(domain) },
      host: { scope: 'host', value: host, display: toUnicodeHost(host) },
      page: { scope: 'page', value: pageValue, display: pageDisplay(parsed, toUnicodeHost(hostname)) },
    },
  };
}

/** The target of one scope. */
export function targetFor(site: SiteTargets, scope: Scope): LookupTarget {
  return site[scope];
}

/**
 * The worker's own check of a target that arrived in a message: it must be exactly what
 * parseTarget makes for that scope (a page arrives as its URL, a domain or host as its name), so a
 * page can never make the worker spend on an IP, a local name or a malformed target.
 */
export function checkLookupTarget(target: LookupTarget): Refusal | null {
  const input = target.scope === 'page' ? target.value : `https://${target.value}/`;
  if (target.scope !== 'page' && /[/:@?#\s]/.test(target.value)) {
    return { reason: 'invalid-url', message: REFUSAL_MESSAGES.invalidUrl };
  }
  const parsed = parseTarget(input);
  if (!parsed.ok) return parsed.refusal;
  if (parsed.site[target.scope].value !== target.value) {
    return { reason: 'invalid-url', message: REFUSAL_MESSAGES.invalidUrl };
  }
  return null;
}
