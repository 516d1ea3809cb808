/**
 * Test pages for "Links on this page", served by the sandbox at https://www.links-lab.com/:
 * - /mix: a known mix of links (internal, followed, nofollow/ugc/sponsored in any case, hidden,
 *   duplicates, javascript:/mailto:/tel:/fragment links) to exactly 1,200 outbound domains;
 * - /mix2: 300 outbound domains, 200 of them shared with /mix;
 * - /hostile: a page that fights back (prototype overrides before the scan, a script that tampers
 *   with anything we add, too many links, huge hrefs and texts, markup in link text, IP links).
 * Outbound names contain `empty` so the sandbox answers them without generating a data set each.
 * `LAB_EXPECTED` holds what a correct scan reports for each, from the same definitions.
 */

export const LAB_HOST = 'www.links-lab.com';

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The outbound domains of /mix: 1,180 followed, 10 nofollow, 5 ugc, 5 sponsored. */
export const MIX_FOLLOW_DOMAINS = Array.from({ length: 1180 }, (_, i) => `empty-out-${pad(i + 1, 4)}.com`);
export const MIX_NOFOLLOW_DOMAINS = Array.from({ length: 10 }, (_, i) => `empty-nf-${pad(i + 1, 2)}.org`);
export const MIX_UGC_DOMAINS = Array.from({ length: 5 }, (_, i) => `empty-ugc-${i + 1}.net`);
export const MIX_SPONSORED_DOMAINS = Array.from({ length: 5 }, (_, i) => `empty-sp-${i + 1}.io`);
export const MIX_DOMAINS = [...MIX_FOLLOW_DOMAINS, ...MIX_NOFOLLOW_DOMAINS, ...MIX_UGC_DOMAINS, ...MIX_SPONSORED_DOMAINS];
/** /mix2: 200 domains of /mix and 100 new ones. */
export const MIX2_DOMAINS = [...MIX_FOLLOW_DOMAINS.slice(0, 200), ...Array.from({ length: 100 }, (_, i) => `empty-new-${pad(i + 1, 3)}.com`)];

export interface LabExpected {
  total: number;
  follow: number;
  nofollow: number;
  ugc: number;
  sponsored: number;
  internal: number;
  external: number;
  hidden: number;
  skipped: { script: number; mail: number; phone: number; fragment: number; other: number };
  domains: number;
}

function doc(title: string, body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px/1.5 sans-serif;margin:16px} a{margin-right:4px} .hide{display:none}</style>${head}</head>
<body>${body}</body></html>
`;
}

function mix(): string {
  const out: string[] = [];
  out.push('<h1>Links lab: the mix</h1><nav>');
  for (const p of ['/', '/about', '/blog', '/shop', '/contact']) out.push(`<a href="${p}">${p}</a>`);
  out.push('<a href="https://blog.links-lab.com/post">Our blog</a></nav><p>');
  for (const d of MIX_FOLLOW_DOMAINS) out.push(`<a href="https://${d}/">${d}</a> `);
  out.push('</p><p>');
  MIX_NOFOLLOW_DOMAINS.forEach((d, i) => void out.push(`<a href="https://${d}/page" rel="${i % 2 ? 'nofollow' : 'NoFollow noopener'}">${d}</a> `));
  MIX_UGC_DOMAINS.forEach((d) => void out.push(`<a href="https://${d}/thread" rel="UGC nofollow">${d}</a> `));
  MIX_SPONSORED_DOMAINS.forEach((d) => void out.push(`<a href="https://${d}/ad" rel="Sponsored">${d}</a> `));
  out.push('</p><p>Again: ');
  for (let i = 0; i < 3; i++) out.push(`<a href="https://${MIX_FOLLOW_DOMAINS[0]}/">${MIX_FOLLOW_DOMAINS[0]} again</a> `);
  out.push('</p><div class="hide">');
  for (let i = 1; i <= 3; i++) out.push(`<a href="https://${MIX_FOLLOW_DOMAINS[i]}/hidden">hidden</a>`);
  out.push('</div><p>');
  out.push('<a href="javascript:void(0)">js</a> <a href="JavaScript:alert(1)">js2</a> <a href="mailto:hi@links-lab.com">mail</a> <a href="tel:+441234">call</a> <a href="#top">top</a> <a href="#">#</a>');
  out.push('</p>');
  return doc('Links lab — mix', out.join(''));
}

function mix2(): string {
  const links = MIX2_DOMAINS.map((d) => `<a href="https://${d}/">${d}</a>`).join(' ');
  return doc('Links lab — mix 2', `<h1>Links lab: the second page</h1><p><a href="/">Home</a></p><p>${links}</p>`);
}

export const HOSTILE_FAKE_DOMAINS = 5990;

function hostile(): string {
  // Runs before the scan: everything a page could swap in the main world, and a watcher that
  // tampers with anything added to the document.
  const script = `<script>
  (function () {
    var origin = { qsa: Document.prototype.querySelectorAll, append: Node.prototype.appendChild };
    window.__tampered = 0;
    new MutationObserver(function (records) {
      for (var r of records) for (var n of r.addedNodes) {
        if (n.nodeType !== 1 || n.tagName.indexOf('-') < 0) continue;
        window.__tampered++;
        try { n.setAttribute('style', 'display:none'); } catch (e) {}
        try { n.attachShadow({ mode: 'open' }); } catch (e) {}
        try { n.innerHTML = '<img src=x onerror="window.__pwned=1">'; } catch (e) {}
        try { n.dispatchEvent(new MouseEvent('click', { bubbles: true })); } catch (e) {}
        var a = document.createElement('a'); a.href = 'https://late-link.example.org/'; a.textContent = 'late'; origin.append.call(document.body, a);
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
    Element.prototype.getAttribute = function () { return 'https://evil.example.com/'; };
    Element.prototype.attachShadow = function () { throw new Error('no shadow for you'); };
    Document.prototype.querySelectorAll = function () { return origin.qsa.call(this, 'title'); };
    Object.defineProperty(HTMLAnchorElement.prototype, 'href', { get: function () { return 'https://evil.example.com/'; } });
    Array.prototype.push = function () { throw new Error('no push'); };
    Array.prototype.map = function () { return []; };
    JSON.stringify = function () { return '{"links":[]}'; };
    Node.prototype.appendChild = function (c) { return c; };
  })();
  </script>`;
  const out: string[] = ['<h1>Hostile page</h1><p>'];
  out.push(`<a href="https://markup.example.org/">&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;&lt;b&gt;bold&lt;/b&gt;</a> `);
  out.push(`<a href="https://long.example.org/${'a'.repeat(3000)}">too long</a> `);
  out.push(`<a href="https://bigtext.example.org/">${'word '.repeat(200_000)}</a> `);
  out.push('<a href="http://127.0.0.1/admin">ip</a> <a href="http://localhost:8080/">local</a> ');
  for (let i = 1; i <= HOSTILE_FAKE_DOMAINS; i++) out.push(`<a href="https://empty-fake-${i}.com/">f${i}</a> `);
  out.push('</p>');
  return doc('Links lab — hostile', out.join(''), script);
}

export const LAB_EXPECTED: Record<'/mix' | '/mix2', LabExpected> = {
  '/mix': {
    total: 6 + 1180 + 10 + 5 + 5 + 3 + 3,
    follow: 6 + 1180 + 3 + 3,
    nofollow: 10,
    ugc: 5,
    sponsored: 5,
    internal: 6,
    external: 1180 + 10 + 5 + 5 + 3 + 3,
    hidden: 3,
    skipped: { script: 2, mail: 1, phone: 1, fragment: 2, other: 0 },
    domains: 1200,
  },
  '/mix2': {
    total: 301,
    follow: 301,
    nofollow: 0,
    ugc: 0,
    sponsored: 0,
    internal: 1,
    external: 300,
    hidden: 0,
    skipped: { script: 0, mail: 0, phone: 0, fragment: 0, other: 0 },
    domains: 300,
  },
};

/** The lab page for this host and path, or null (then the ordinary sample site answers). */
export function labPage(host: string, path: string): string | null {
  if (host.toLowerCase() !== LAB_HOST) return null;
  if (path === '/mix') return mix();
  if (path === '/mix2') return mix2();
  if (path === '/hostile') return hostile();
  return null;
}
