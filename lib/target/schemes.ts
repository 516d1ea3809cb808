/**
 * The scheme of a typed or tab address (`localhost:3000` has none) and the refusal for every scheme
 * that is not http(s): browser and new-tab pages, extension pages, files, inline data, mail, phone,
 * scripts and the rest.
 */
import { REFUSAL_MESSAGES, type Refused, refuse } from './refusals';

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
export function schemeOf(input: string): string | null {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(input);
  if (!m || m[1] === undefined) return null;
  const scheme = m[1].toLowerCase();
  if (ALWAYS_SCHEMES.has(scheme)) return scheme;
  // `localhost:3000`, `example.com:8080/x`: a host and a port, not a scheme.
  if (/^\d+(?:[/?#]|$)/.test(input.slice(m[0].length))) return null;
  return scheme;
}

/** A refusal for a URL whose scheme is not http(s). */
export function refuseScheme(scheme: string, input: string): Refused {
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
