/**
 * A tab, link or typed address → an absolute http(s) URL (or the refusal), and a page target's
 * cleaned address.
 *
 * - Input without a scheme (`example.com/path`, `localhost:3000`) is read as https, so the same
 *   function serves typed addresses; anything else that is not http(s) is refused.
 * - Page targets lose their tracking parameters (lib/trackingParams.ts: utm_*, gclid, fbclid, …) by
 *   default: the API looks a page up exactly as given, and a tagged address is usually unknown to it.
 *   Other query parameters stay, in order; the page display shows the cleaned address.
 */
import { stripTrackingParams } from '@/lib/trackingParams';
import { MAX_URL_LENGTH, REFUSAL_MESSAGES, type Refused, refuse } from './refusals';
import { refuseScheme, schemeOf } from './schemes';

/** The address as the URL parser reads it (http or https), or the refusal. */
export function readUrl(url: string | null | undefined): { ok: true; url: URL } | Refused {
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
  return { ok: true, url: parsed };
}

/**
 * The page target's address: `parsed` (changed in place) with `hostname`, without credentials and
 * fragment, and without tracking parameters unless `keepTracking`.
 */
export function cleanPageUrl(parsed: URL, hostname: string, keepTracking: boolean | undefined): string {
  parsed.hostname = hostname;
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  if (!keepTracking) parsed.search = stripTrackingParams(parsed.search);
  return parsed.href;
}
