/** A small deterministic web page for any host that is not an API host, so browsers have real-looking tabs. */
import { rng } from './prng';

const TOPICS = ['gardening', 'cameras', 'coffee', 'running shoes', 'budget travel', 'home office', 'board games', 'cycling', 'baking', 'smart homes'];
const OTHER_HOSTS = ['www.example-news.com', 'blog.example-shop.com', 'www.example-reviews.org', 'docs.example-tools.io', 'forum.example-community.net', 'www.example-university.edu'];

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function sitePage(host: string, path: string): string {
  const h = host.toLowerCase();
  const r = rng(`site|${h}`);
  const topic = r.pick(TOPICS);
  const others = OTHER_HOSTS.filter((o) => o !== h);
  const linkA = others[r.int(0, others.length - 1)] ?? 'www.example.org';
  const linkB = others[(others.indexOf(linkA) + 1) % others.length] ?? 'www.example.org';
  const articles = Array.from({ length: 3 }, (_, i) => `/blog/${topic.replace(/\s+/g, '-')}-${i + 1}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(h)} — ${esc(topic)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body>
<header><h1>${esc(h)}</h1><nav><a href="/">Home</a> · <a href="/about">About</a> · <a href="${esc(articles[0] ?? '/')}">Blog</a></nav></header>
<main>
<article>
<h2>All about ${esc(topic)}</h2>
<p>You are reading <code>${esc(path)}</code> on ${esc(h)}. This page is served by the local API sandbox.</p>
<p>Our friends at <a href="https://${esc(linkA)}/">${esc(linkA)}</a> wrote a great piece on ${esc(topic)},
and <a href="https://${esc(linkB)}/articles/${esc(topic.replace(/\s+/g, '-'))}?utm_source=${esc(h)}">this guide</a> is worth a read too.
An older link: <a href="http://${esc(linkA)}/archive/2019">archive</a>.</p>
<ul>${articles.map((a, i) => `<li><a href="${esc(a)}">Article ${i + 1}</a></li>`).join('')}</ul>
<p>Questions? Write to <a href="mailto:hello@${esc(h.replace(/^www\./, ''))}">hello@${esc(h.replace(/^www\./, ''))}</a>.</p>
</article>
</main>
<footer><a href="https://www.example-partner.com/">Partner</a> · <a href="#top">Back to top</a></footer>
</body>
</html>
`;
}

/** A short page for the sandbox's own address. */
export function indexPage(port: number): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Backlink Lens API sandbox</title></head>
<body><h1>Backlink Lens API sandbox</h1>
<p>DataForSEO-compatible API on port ${port} (HTTP and HTTPS). Control API: <a href="/__sandbox/requests">/__sandbox/requests</a>.</p>
</body></html>
`;
}
