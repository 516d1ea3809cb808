import type { LookupTarget, Scope } from './params.schema';
import { registrableDomain } from './target/publicSuffix';
import { refuseHost } from './target/hosts';
import { pageDisplay } from './target/pageDisplay';
import { MAX_URL_LENGTH, type Refusal, REFUSAL_MESSAGES, type Refused, refuse } from './target/refusals';
import { toUnicodeHost } from './target/unicodeHost';
import { cleanPageUrl, readUrl } from './target/url';

/**
 * A tab or link URL → the three things that can be checked about it (root domain, host, exact page),
 * or a refusal with one sentence for the user. Pure: no network, no browser APIs beyond `URL`.
 * The worker's entry; the steps live in lib/target/:
 * - url.ts: the address → an http(s) URL (scheme-less input is read as https; schemes.ts refuses
 *   the rest), and the page's cleaned address (no credentials, fragment or tracking parameters);
 * - hosts.ts: IP, local and special-use hosts are refused before the Public Suffix List is asked;
 * - publicSuffix.ts: the root domain from the Public Suffix List (tldts) with its private section;
 * - unicodeHost.ts (punycode.ts), pageDisplay.ts: values are ASCII (punycode) because that is what
 *   the API takes; displays are Unicode, except look-alike labels, which stay ASCII;
 * - refusals.ts: the reasons and the sentences.
 */

/** The three ways a URL can be checked. */
export interface SiteTargets {
  domain: LookupTarget;
  host: LookupTarget;
  page: LookupTarget;
}

export type TargetResult = { ok: true; site: SiteTargets } | Refused;

export interface ParseOptions {
  /** Keep tracking parameters in the page target (default: removed). */
  keepTracking?: boolean;
}

/**
 * Turn a tab or link URL into lookup targets, or refuse it with a reason and one sentence for the
 * user. Never touches the network.
 */
export function parseTarget(url: string | null | undefined, options: ParseOptions = {}): TargetResult {
  const read = readUrl(url);
  if (!read.ok) return read;
  const parsed = read.url;

  // The URL parser already lowercased the host, turned IDN into punycode and normalized IPv4.
  const hostname = parsed.hostname.replace(/\.+$/, '');
  const refused = refuseHost(hostname);
  if (refused) return refused;

  const domain = registrableDomain(hostname);
  if (domain === null) return refuse('no-public-suffix', REFUSAL_MESSAGES.noPublicSuffix);

  // `www.` goes only when something registrable is left (`www.co.uk` is itself a registrable name).
  const host = hostname.startsWith('www.') && hostname.length > domain.length ? hostname.slice(4) : hostname;

  const pageValue = cleanPageUrl(parsed, hostname, options.keepTracking);
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
