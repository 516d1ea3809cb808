/**
 * Query parameters that only say how a visitor arrived (ad clicks, newsletters, social shares).
 * A page target keeping them is a different, usually unknown page to the backlink index, so they
 * are removed from page targets by default. Names are compared case-insensitively; an entry ending
 * in `*` matches every name with that prefix.
 */
export const TRACKING_PARAMS: readonly string[] = [
  // Campaign tags (Google Analytics and everyone who copied them)
  'utm_*',
  // Google Ads, Display & Video, Search Ads 360, app campaigns, Merchant Center
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'srsltid',
  // Google Analytics cross-domain linker
  '_ga',
  '_gl',
  // Meta (Facebook, Instagram)
  'fbclid',
  'igshid',
  // Microsoft Advertising
  'msclkid',
  // Mailchimp
  'mc_eid',
  'mc_cid',
  // Yandex
  'yclid',
  '_openstat',
  // X (Twitter)
  'twclid',
  'ref_src',
  // TikTok
  'ttclid',
  // LinkedIn
  'li_fat_id',
  // Omeda
  'oly_anon_id',
  'oly_enc_id',
  // Vero
  'vero_id',
  // HubSpot
  '_hsenc',
  '_hsmi',
  '__hstc',
  '__hssc',
  '__hsfp',
  // Marketo
  'mkt_tok',
];

const EXACT = new Set(TRACKING_PARAMS.filter((p) => !p.endsWith('*')).map((p) => p.toLowerCase()));
const PREFIXES = TRACKING_PARAMS.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1).toLowerCase());

/** Whether a (decoded) query parameter name is a tracking parameter. */
export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return EXACT.has(n) || PREFIXES.some((p) => n.startsWith(p));
}

function decodedName(pair: string): string {
  const raw = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * A query string (`?a=1&utm_source=x`, or '') without its tracking parameters. Every other
 * parameter stays as it was written and in its order; when nothing is removed the input is
 * returned unchanged; when everything is, the result is ''.
 */
export function stripTrackingParams(search: string): string {
  if (search === '' || search === '?') return search;
  const pairs = search.replace(/^\?/, '').split('&');
  const kept = pairs.filter((pair) => !isTrackingParam(decodedName(pair)));
  if (kept.length === pairs.length) return search;
  const rest = kept.filter((pair) => pair !== '');
  return rest.length === 0 ? '' : `?${rest.join('&')}`;
}
