/**
 * The Google results pages the overlay may run on (issue 17). Asked for as optional host
 * permissions when the user turns the setting on, never granted at install. A short explicit list:
 * google.com and the largest country domains; a host not listed here never gets the script.
 * No zod or worker code here: the options page reads it.
 */
export const SERP_HOSTS = [
  'www.google.com',
  'www.google.co.uk',
  'www.google.de',
  'www.google.fr',
  'www.google.es',
  'www.google.it',
  'www.google.ca',
  'www.google.com.au',
  'www.google.nl',
  'www.google.co.in',
] as const;

/** Host permission patterns (manifest `optional_host_permissions`, `permissions.request`). */
export const SERP_ORIGINS: string[] = SERP_HOSTS.map((h) => `https://${h}/*`);

/** Content-script match patterns: the results path only. */
export const serpMatchesFor = (hosts: readonly string[]): string[] => hosts.map((h) => `https://${h}/search*`);

/** The id of the dynamically registered content script. */
export const SERP_SCRIPT_ID = 'serp-figures';
/** The built file of the content script (entrypoints/serp.ts, an unlisted script). */
export const SERP_SCRIPT_FILE = '/serp.js';

/** At most this many result URLs in one request from a results page. */
export const MAX_SERP_URLS = 100;

/** Whether a page URL is a Google results page of a listed host. */
export function isSerpUrl(url: string | undefined): boolean {
  if (typeof url !== 'string') return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === 'https:' && (SERP_HOSTS as readonly string[]).includes(u.hostname) && u.pathname === '/search';
}
