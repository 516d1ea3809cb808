/**
 * Hosts that are never a public website, refused before the Public Suffix List is asked (else
 * `foo.test` or `nas.local` would look registrable): IP addresses, malformed names, local and
 * special-use names.
 */
import { REFUSAL_MESSAGES, type Refused, refuse } from './refusals';

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

/**
 * The refusal for a hostname as the URL parser gives it (lowercased, punycode, IPv4 normalized;
 * trailing dots removed), or null when it may be a public site.
 */
export function refuseHost(hostname: string): Refused | null {
  if (hostname === '') return refuse('invalid-url', REFUSAL_MESSAGES.invalidUrl);
  if (isIpHost(hostname)) return refuse('ip', REFUSAL_MESSAGES.ip);
  if (hostname.length > 253 || hostname.split('.').some((label) => label === '' || label.length > 63)) {
    return refuse('invalid-url', REFUSAL_MESSAGES.invalidUrl);
  }
  if (isUnder(hostname, LOCAL_SUFFIXES)) return refuse('local', REFUSAL_MESSAGES.local);
  if (isUnder(hostname, NON_PUBLIC_SUFFIXES)) return refuse('no-public-suffix', REFUSAL_MESSAGES.noPublicSuffix);
  return null;
}
