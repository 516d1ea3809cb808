/**
 * The organic results of a Google results page: each result's block and its landing URL. Google's
 * markup changes; what is stable is a result link (`a` with an `h3` inside) in the results column
 * (`#search` / `#rso`). Ads (`#tads`, `[data-text-ad]`), Google's own links and non-http(s) links are
 * left out. Runs in the content script: no zod, no worker code.
 */

export interface SerpResult {
  /** The element the figures line goes after (the result's block). */
  block: Element;
  /** The result's landing URL (http or https). */
  url: string;
}

/** Google's redirect form `/url?q=…` (older markup) → the landing URL; else the href as is. */
export function landingUrl(href: string, base: string): string | null {
  let u: URL;
  try {
    u = new URL(href, base);
  } catch {
    return null;
  }
  if (/(^|\.)google\.[a-z.]+$/i.test(u.hostname) && u.pathname === '/url') {
    const q = u.searchParams.get('q') ?? u.searchParams.get('url');
    if (!q) return null;
    return landingUrl(q, base);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (/(^|\.)google\.[a-z.]+$/i.test(u.hostname)) return null;
  return u.href;
}

/** The result block of a link: the nearest `div.g` / `[data-hveid]` block, else the link's parent. */
function blockOf(a: Element): Element {
  return a.closest('div.g') ?? a.closest('[data-hveid]') ?? a.parentElement ?? a;
}

/** Every organic result of the document, in page order, one per block. */
export function extractResults(doc: Document, base: string): SerpResult[] {
  const root = doc.querySelector('#search') ?? doc.querySelector('#rso');
  if (!root) return [];
  const out: SerpResult[] = [];
  const seen = new Set<Element>();
  for (const h3 of Array.from(root.querySelectorAll('a h3'))) {
    const a = h3.closest('a');
    if (!a) continue;
    if (a.closest('#tads, #bottomads, [data-text-ad]')) continue;
    const href = a.getAttribute('href');
    if (!href) continue;
    const url = landingUrl(href, base);
    if (!url) continue;
    const block = blockOf(a);
    if (seen.has(block)) continue;
    seen.add(block);
    out.push({ block, url });
  }
  return out;
}
