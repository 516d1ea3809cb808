/**
 * A fake Google results page for www.google.com/search?q=… (the e2e maps every host to the
 * sandbox): ten organic results in Google-like markup (`#search` > `#rso` > `div.g` blocks with
 * `a > h3`), an ad block above, Google's own links, and a button that appends ten more results the
 * way infinite scroll does. Result hosts are derived from the query, so each query has its own.
 */
export const SERP_HOST = 'www.google.com';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The organic result URLs of page `start` (0-based index of the first result) for a query. */
export function serpResultUrls(q: string, start = 0, count = 10): string[] {
  const slug = q.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'query';
  return Array.from({ length: count }, (_, i) => `https://www.${slug}-result-${start + i + 1}.com/page/${start + i + 1}`);
}

const block = (url: string, i: number) =>
  `<div class="g" data-hveid="r${i}"><div class="yuRUbf"><a href="${esc(url)}" data-testid="result-link"><br><h3>Result ${i + 1}</h3><cite>${esc(new URL(url).hostname)}</cite></a></div><div class="VwiC3b">Snippet ${i + 1}.</div></div>`;

export function serpPage(host: string, path: string): string | null {
  if (host !== SERP_HOST) return null;
  const u = new URL(path, `https://${host}`);
  if (u.pathname !== '/search') return null;
  const q = u.searchParams.get('q') ?? '';
  const start = Number(u.searchParams.get('start') ?? '0') || 0;
  const first = serpResultUrls(q, start);
  const more = JSON.stringify(serpResultUrls(q, start + 10));
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(q)} - Google Search</title></head><body>
<form action="/search"><input name="q" value="${esc(q)}"></form>
<div id="tads"><div class="g" data-text-ad="1"><a href="https://ads.example-advertiser.com/"><h3>Ad</h3></a></div></div>
<div id="search"><div id="rso">${first.map(block).join('')}</div></div>
<a href="/search?q=${encodeURIComponent(q)}&amp;start=${start + 10}" id="pnnext"><h3>Next</h3></a>
<button id="more" type="button">More results</button>
<script>
const more = ${more.replace(/</g, '\\u003c')};
document.getElementById('more').addEventListener('click', () => {
  const rso = document.getElementById('rso');
  const n = rso.children.length;
  for (const [i, u] of more.entries()) {
    const g = document.createElement('div'); g.className = 'g'; g.dataset.hveid = 'm' + i;
    const a = document.createElement('a'); a.href = u; const h3 = document.createElement('h3'); h3.textContent = 'Result ' + (n + i + 1);
    const cite = document.createElement('cite'); cite.textContent = new URL(u).hostname;
    a.append(h3, cite); g.append(a); rso.append(g);
  }
});
</script></body></html>`;
}
