/**
 * The registrable domain of a hostname, from the Public Suffix List (tldts): the only module that
 * loads the list, so it stays in the background worker.
 *
 * The list is read WITH its private section, so sites on shared hosting suffixes are their own
 * site: `alice.github.io`, `x.blogspot.com`, `app.vercel.app` are roots, not `github.io`. When the
 * host is itself such a suffix (`github.io`, `s3.amazonaws.com`) the ICANN-only answer is used
 * instead (`github.io`, `amazonaws.com`).
 */
import { parse as parseDomain } from 'tldts';

/** Registrable domain of an ASCII hostname, private suffixes first; null when it has none. */
export function registrableDomain(host: string): string | null {
  const opts = { extractHostname: false, validateHostname: false, detectIp: false } as const;
  const withPrivate = parseDomain(host, { ...opts, allowPrivateDomains: true });
  if (!withPrivate.isIcann && !withPrivate.isPrivate) return null;
  if (withPrivate.domain) return withPrivate.domain;
  const icannOnly = parseDomain(host, { ...opts, allowPrivateDomains: false });
  return icannOnly.isIcann && icannOnly.domain ? icannOnly.domain : null;
}
