import { describe, expect, it } from 'vitest';
import { LookupTargetSchema } from './params.schema';
import { SCOPES } from './lookupTarget';
import { checkLookupTarget, parseTarget, targetFor } from './target';
import { MAX_PAGE_DISPLAY } from './target/pageDisplay';
import { decodePunycode } from './punycode';
import { REFUSAL_MESSAGES, type RefusalReason } from './target/refusals';
import { toUnicodeHost } from './target/unicodeHost';

/** [value, display] for domain, host and page. */
interface Accepted {
  url: string;
  domain: [string, string];
  host: [string, string];
  page: [string, string];
}

const ACCEPTED: Accepted[] = [
  // Plain domains and www
  {
    url: 'https://example.com/',
    domain: ['example.com', 'example.com'],
    host: ['example.com', 'example.com'],
    page: ['https://example.com/', 'https://example.com/'],
  },
  {
    url: 'https://www.example-shop.com/products/shoes',
    domain: ['example-shop.com', 'example-shop.com'],
    host: ['example-shop.com', 'example-shop.com'],
    page: ['https://www.example-shop.com/products/shoes', 'https://www.example-shop.com/products/shoes'],
  },
  {
    url: 'http://www.bbc.co.uk',
    domain: ['bbc.co.uk', 'bbc.co.uk'],
    host: ['bbc.co.uk', 'bbc.co.uk'],
    page: ['http://www.bbc.co.uk/', 'http://www.bbc.co.uk/'],
  },
  // Subdomains
  {
    url: 'https://blog.example.co.uk/2024/05/post.html',
    domain: ['example.co.uk', 'example.co.uk'],
    host: ['blog.example.co.uk', 'blog.example.co.uk'],
    page: ['https://blog.example.co.uk/2024/05/post.html', 'https://blog.example.co.uk/2024/05/post.html'],
  },
  {
    url: 'https://en.wikipedia.org/wiki/Backlink',
    domain: ['wikipedia.org', 'wikipedia.org'],
    host: ['en.wikipedia.org', 'en.wikipedia.org'],
    page: ['https://en.wikipedia.org/wiki/Backlink', 'https://en.wikipedia.org/wiki/Backlink'],
  },
  {
    url: 'https://www.docs.python.org/3/',
    domain: ['python.org', 'python.org'],
    host: ['docs.python.org', 'docs.python.org'],
    page: ['https://www.docs.python.org/3/', 'https://www.docs.python.org/3/'],
  },
  {
    url: 'https://www2.example.com/',
    domain: ['example.com', 'example.com'],
    host: ['www2.example.com', 'www2.example.com'],
    page: ['https://www2.example.com/', 'https://www2.example.com/'],
  },
  {
    url: 'https://a.b.c.shop.example.org/x',
    domain: ['example.org', 'example.org'],
    host: ['a.b.c.shop.example.org', 'a.b.c.shop.example.org'],
    page: ['https://a.b.c.shop.example.org/x', 'https://a.b.c.shop.example.org/x'],
  },
  // Multi-part and private public suffixes
  {
    url: 'https://www.abc.net.au/news',
    domain: ['abc.net.au', 'abc.net.au'],
    host: ['abc.net.au', 'abc.net.au'],
    page: ['https://www.abc.net.au/news', 'https://www.abc.net.au/news'],
  },
  {
    url: 'https://shop.example.com.au/cart?id=3',
    domain: ['example.com.au', 'example.com.au'],
    host: ['shop.example.com.au', 'shop.example.com.au'],
    page: ['https://shop.example.com.au/cart?id=3', 'https://shop.example.com.au/cart?id=3'],
  },
  {
    url: 'https://octocat.github.io/Spoon-Knife/',
    domain: ['octocat.github.io', 'octocat.github.io'],
    host: ['octocat.github.io', 'octocat.github.io'],
    page: ['https://octocat.github.io/Spoon-Knife/', 'https://octocat.github.io/Spoon-Knife/'],
  },
  {
    url: 'https://docs.octocat.github.io/',
    domain: ['octocat.github.io', 'octocat.github.io'],
    host: ['docs.octocat.github.io', 'docs.octocat.github.io'],
    page: ['https://docs.octocat.github.io/', 'https://docs.octocat.github.io/'],
  },
  {
    // The suffix itself is a site too: fall back to the ICANN answer.
    url: 'https://github.io/',
    domain: ['github.io', 'github.io'],
    host: ['github.io', 'github.io'],
    page: ['https://github.io/', 'https://github.io/'],
  },
  {
    url: 'https://myrecipes.blogspot.com/2023/01/bread.html',
    domain: ['myrecipes.blogspot.com', 'myrecipes.blogspot.com'],
    host: ['myrecipes.blogspot.com', 'myrecipes.blogspot.com'],
    page: ['https://myrecipes.blogspot.com/2023/01/bread.html', 'https://myrecipes.blogspot.com/2023/01/bread.html'],
  },
  {
    // Under a private suffix `www` is a blog name like any other, so it is the registrable label.
    url: 'https://www.blogspot.com/',
    domain: ['www.blogspot.com', 'www.blogspot.com'],
    host: ['www.blogspot.com', 'www.blogspot.com'],
    page: ['https://www.blogspot.com/', 'https://www.blogspot.com/'],
  },
  {
    url: 'https://my-app.vercel.app/dashboard',
    domain: ['my-app.vercel.app', 'my-app.vercel.app'],
    host: ['my-app.vercel.app', 'my-app.vercel.app'],
    page: ['https://my-app.vercel.app/dashboard', 'https://my-app.vercel.app/dashboard'],
  },
  {
    url: 'https://s3.amazonaws.com/bucket/file.pdf',
    domain: ['amazonaws.com', 'amazonaws.com'],
    host: ['s3.amazonaws.com', 's3.amazonaws.com'],
    page: ['https://s3.amazonaws.com/bucket/file.pdf', 'https://s3.amazonaws.com/bucket/file.pdf'],
  },
  {
    // `www` is the registrable label here, so it stays.
    url: 'https://www.co.uk/',
    domain: ['www.co.uk', 'www.co.uk'],
    host: ['www.co.uk', 'www.co.uk'],
    page: ['https://www.co.uk/', 'https://www.co.uk/'],
  },
  {
    url: 'https://chromewebstore.google.com/detail/some-extension/abcdefghijklmnop',
    domain: ['google.com', 'google.com'],
    host: ['chromewebstore.google.com', 'chromewebstore.google.com'],
    page: [
      'https://chromewebstore.google.com/detail/some-extension/abcdefghijklmnop',
      'https://chromewebstore.google.com/detail/some-extension/abcdefghijklmnop',
    ],
  },
  {
    url: 'https://addons.mozilla.org/en-US/firefox/addon/ublock-origin/',
    domain: ['mozilla.org', 'mozilla.org'],
    host: ['addons.mozilla.org', 'addons.mozilla.org'],
    page: [
      'https://addons.mozilla.org/en-US/firefox/addon/ublock-origin/',
      'https://addons.mozilla.org/en-US/firefox/addon/ublock-origin/',
    ],
  },
  // IDN: values in punycode, displays in Unicode
  {
    url: 'https://münchen.de/rathaus',
    domain: ['xn--mnchen-3ya.de', 'münchen.de'],
    host: ['xn--mnchen-3ya.de', 'münchen.de'],
    page: ['https://xn--mnchen-3ya.de/rathaus', 'https://münchen.de/rathaus'],
  },
  {
    url: 'https://www.bücher.de/',
    domain: ['xn--bcher-kva.de', 'bücher.de'],
    host: ['xn--bcher-kva.de', 'bücher.de'],
    page: ['https://www.xn--bcher-kva.de/', 'https://www.bücher.de/'],
  },
  {
    url: 'https://shop.bücher.co.uk/',
    domain: ['xn--bcher-kva.co.uk', 'bücher.co.uk'],
    host: ['shop.xn--bcher-kva.co.uk', 'shop.bücher.co.uk'],
    page: ['https://shop.xn--bcher-kva.co.uk/', 'https://shop.bücher.co.uk/'],
  },
  {
    // Punycode input is shown in Unicode.
    url: 'https://xn--mnchen-3ya.de/',
    domain: ['xn--mnchen-3ya.de', 'münchen.de'],
    host: ['xn--mnchen-3ya.de', 'münchen.de'],
    page: ['https://xn--mnchen-3ya.de/', 'https://münchen.de/'],
  },
  {
    url: 'http://пример.рф/страница',
    domain: ['xn--e1afmkfd.xn--p1ai', 'пример.рф'],
    host: ['xn--e1afmkfd.xn--p1ai', 'пример.рф'],
    page: [
      'http://xn--e1afmkfd.xn--p1ai/%D1%81%D1%82%D1%80%D0%B0%D0%BD%D0%B8%D1%86%D0%B0',
      'http://пример.рф/страница',
    ],
  },
  {
    url: 'https://www.例え.jp/',
    domain: ['xn--r8jz45g.jp', '例え.jp'],
    host: ['xn--r8jz45g.jp', '例え.jp'],
    page: ['https://www.xn--r8jz45g.jp/', 'https://www.例え.jp/'],
  },
  {
    // Latin mixed with a Cyrillic "а": a look-alike of apple.com stays in punycode.
    url: 'https://xn--pple-43d.com/',
    domain: ['xn--pple-43d.com', 'xn--pple-43d.com'],
    host: ['xn--pple-43d.com', 'xn--pple-43d.com'],
    page: ['https://xn--pple-43d.com/', 'https://xn--pple-43d.com/'],
  },
  {
    // Percent-encoded path shown decoded; the value stays encoded.
    url: 'https://de.wikipedia.org/wiki/M%C3%BCnchen',
    domain: ['wikipedia.org', 'wikipedia.org'],
    host: ['de.wikipedia.org', 'de.wikipedia.org'],
    page: ['https://de.wikipedia.org/wiki/M%C3%BCnchen', 'https://de.wikipedia.org/wiki/München'],
  },
  {
    // A space (or a bidi control) would be misleading decoded: the display keeps the encoding.
    url: 'https://example.org/my%20file%E2%80%AEfdp.html',
    domain: ['example.org', 'example.org'],
    host: ['example.org', 'example.org'],
    page: ['https://example.org/my%20file%E2%80%AEfdp.html', 'https://example.org/my%20file%E2%80%AEfdp.html'],
  },
  // Ports
  {
    url: 'https://example.com:443/a',
    domain: ['example.com', 'example.com'],
    host: ['example.com', 'example.com'],
    page: ['https://example.com/a', 'https://example.com/a'],
  },
  {
    url: 'http://www.example.com:80/',
    domain: ['example.com', 'example.com'],
    host: ['example.com', 'example.com'],
    page: ['http://www.example.com/', 'http://www.example.com/'],
  },
  {
    url: 'https://shop.example.com:8443/checkout',
    domain: ['example.com', 'example.com'],
    host: ['shop.example.com', 'shop.example.com'],
    page: ['https://shop.example.com:8443/checkout', 'https://shop.example.com:8443/checkout'],
  },
  // Userinfo, fragments, queries
  {
    url: 'https://user:secret@www.example.net/private?x=1#top',
    domain: ['example.net', 'example.net'],
    host: ['example.net', 'example.net'],
    page: ['https://www.example.net/private?x=1', 'https://www.example.net/private?x=1'],
  },
  {
    url: 'https://admin@intranet-portal.example.com/',
    domain: ['example.com', 'example.com'],
    host: ['intranet-portal.example.com', 'intranet-portal.example.com'],
    page: ['https://intranet-portal.example.com/', 'https://intranet-portal.example.com/'],
  },
  {
    url: 'https://developer.mozilla.org/en-US/docs/Web/API/URL#instance_properties',
    domain: ['mozilla.org', 'mozilla.org'],
    host: ['developer.mozilla.org', 'developer.mozilla.org'],
    page: ['https://developer.mozilla.org/en-US/docs/Web/API/URL', 'https://developer.mozilla.org/en-US/docs/Web/API/URL'],
  },
  {
    url: 'https://www.google.com/search?q=backlinks&hl=en#',
    domain: ['google.com', 'google.com'],
    host: ['google.com', 'google.com'],
    page: ['https://www.google.com/search?q=backlinks&hl=en', 'https://www.google.com/search?q=backlinks&hl=en'],
  },
  {
    url: 'https://news.ycombinator.com/item?id=1#comments',
    domain: ['ycombinator.com', 'ycombinator.com'],
    host: ['news.ycombinator.com', 'news.ycombinator.com'],
    page: ['https://news.ycombinator.com/item?id=1', 'https://news.ycombinator.com/item?id=1'],
  },
  // Trailing dot, uppercase, whitespace
  {
    url: 'https://www.example.com./about',
    domain: ['example.com', 'example.com'],
    host: ['example.com', 'example.com'],
    page: ['https://www.example.com/about', 'https://www.example.com/about'],
  },
  {
    url: 'HTTPS://WWW.Example.CO.UK/Path/To/Page',
    domain: ['example.co.uk', 'example.co.uk'],
    host: ['example.co.uk', 'example.co.uk'],
    page: ['https://www.example.co.uk/Path/To/Page', 'https://www.example.co.uk/Path/To/Page'],
  },
  {
    url: '  https://example.org/x  ',
    domain: ['example.org', 'example.org'],
    host: ['example.org', 'example.org'],
    page: ['https://example.org/x', 'https://example.org/x'],
  },
  // Without a scheme (typed): read as https
  {
    url: 'Example.com',
    domain: ['example.com', 'example.com'],
    host: ['example.com', 'example.com'],
    page: ['https://example.com/', 'https://example.com/'],
  },
  {
    url: 'www.example.com:8080/path',
    domain: ['example.com', 'example.com'],
    host: ['example.com', 'example.com'],
    page: ['https://www.example.com:8080/path', 'https://www.example.com:8080/path'],
  },
  {
    url: '//cdn.example.com/lib.js',
    domain: ['example.com', 'example.com'],
    host: ['cdn.example.com', 'cdn.example.com'],
    page: ['https://cdn.example.com/lib.js', 'https://cdn.example.com/lib.js'],
  },
  // Long but allowed: value kept whole, display shortened in the middle of the path
  {
    url: `https://www.example.com/articles/${'a'.repeat(150)}?page=${'9'.repeat(40)}`,
    domain: ['example.com', 'example.com'],
    host: ['example.com', 'example.com'],
    page: [
      `https://www.example.com/articles/${'a'.repeat(150)}?page=${'9'.repeat(40)}`,
      `https://www.example.com/articles/${'a'.repeat(36)}…${'9'.repeat(30)}`,
    ],
  },
];

interface Refused {
  url: string | null | undefined;
  reason: RefusalReason;
  message: string;
}

const M = REFUSAL_MESSAGES;
const REFUSED: Refused[] = [
  { url: null, reason: 'empty', message: M.empty },
  { url: undefined, reason: 'empty', message: M.empty },
  { url: '', reason: 'empty', message: M.empty },
  { url: '   ', reason: 'empty', message: M.empty },
  { url: 'https://', reason: 'invalid-url', message: M.invalidUrl },
  { url: 'http://exa mple.com/', reason: 'invalid-url', message: M.invalidUrl },
  { url: 'https://example..com/', reason: 'invalid-url', message: M.invalidUrl },
  { url: 'not a url at all', reason: 'invalid-url', message: M.invalidUrl },
  { url: 'https://xn--zz.com/', reason: 'invalid-url', message: M.invalidUrl },
  // New tab pages
  { url: 'chrome://newtab/', reason: 'new-tab', message: M.newTab },
  { url: 'chrome://new-tab-page/', reason: 'new-tab', message: M.newTab },
  { url: 'chrome-search://local-ntp/local-ntp.html', reason: 'new-tab', message: M.newTab },
  { url: 'about:newtab', reason: 'new-tab', message: M.newTab },
  { url: 'about:home', reason: 'new-tab', message: M.newTab },
  { url: 'about:blank', reason: 'new-tab', message: M.newTab },
  { url: 'edge://newtab/', reason: 'new-tab', message: M.newTab },
  { url: 'brave://newtab/', reason: 'new-tab', message: M.newTab },
  { url: 'opera://startpage/', reason: 'new-tab', message: M.newTab },
  // Browser and extension pages
  { url: 'chrome://settings/', reason: 'browser-page', message: M.browserPage },
  { url: 'chrome://extensions/?id=abc', reason: 'browser-page', message: M.browserPage },
  { url: 'about:preferences', reason: 'browser-page', message: M.browserPage },
  { url: 'about:reader?url=https://example.com/', reason: 'browser-page', message: M.browserPage },
  { url: 'edge://settings/profiles', reason: 'browser-page', message: M.browserPage },
  { url: 'view-source:https://example.com/', reason: 'browser-page', message: M.viewSource },
  { url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html', reason: 'browser-page', message: M.extensionPage },
  { url: 'moz-extension://0f6e4a52-3a7b-4f6f-9e3a-2c6b8a1d0e11/options.html', reason: 'browser-page', message: M.extensionPage },
  // Other schemes
  { url: 'file:///home/x.html', reason: 'scheme', message: M.file },
  { url: 'FILE:///C:/Users/me/report.pdf', reason: 'scheme', message: M.file },
  { url: 'data:text/html,<h1>hi</h1>', reason: 'scheme', message: M.inline },
  { url: 'blob:https://example.com/2b7d3c1e-8f7a-4c55-9f0c-1a2b3c4d5e6f', reason: 'scheme', message: M.inline },
  { url: 'javascript:void(0)', reason: 'scheme', message: M.script },
  { url: 'mailto:hello@example.com', reason: 'scheme', message: M.mailto },
  { url: 'tel:+441234567890', reason: 'scheme', message: M.phone },
  { url: 'tel:12345', reason: 'scheme', message: M.phone },
  { url: 'ftp://ftp.example.com/pub/file.txt', reason: 'scheme', message: M.otherScheme },
  { url: 'ws://example.com/socket', reason: 'scheme', message: M.otherScheme },
  { url: 'wss://example.com/socket', reason: 'scheme', message: M.otherScheme },
  // Local names
  { url: 'http://localhost:3000/', reason: 'local', message: M.local },
  { url: 'localhost:3000', reason: 'local', message: M.local },
  { url: 'http://LOCALHOST./', reason: 'local', message: M.local },
  { url: 'http://app.localhost/', reason: 'local', message: M.local },
  { url: 'http://printer.local/status', reason: 'local', message: M.local },
  { url: 'https://grafana.corp.internal/', reason: 'local', message: M.local },
  { url: 'http://router.lan/', reason: 'local', message: M.local },
  { url: 'http://nas.home.arpa/', reason: 'local', message: M.local },
  { url: 'http://myproject.test/', reason: 'local', message: M.local },
  // IP addresses
  { url: 'http://192.168.1.1/admin', reason: 'ip', message: M.ip },
  { url: 'https://8.8.8.8/', reason: 'ip', message: M.ip },
  { url: 'http://127.0.0.1:8080/', reason: 'ip', message: M.ip },
  { url: 'http://3232235777/', reason: 'ip', message: M.ip },
  { url: 'http://0x7f.1/', reason: 'ip', message: M.ip },
  { url: 'http://[::1]/', reason: 'ip', message: M.ip },
  { url: 'http://[::1]:3000/', reason: 'ip', message: M.ip },
  { url: 'https://[2001:db8::1]/path', reason: 'ip', message: M.ip },
  // No public suffix
  { url: 'http://intranet/', reason: 'no-public-suffix', message: M.noPublicSuffix },
  { url: 'http://foo.invalid/', reason: 'no-public-suffix', message: M.noPublicSuffix },
  { url: 'https://bücher.example/', reason: 'no-public-suffix', message: M.noPublicSuffix },
  { url: 'http://wiki.corp/', reason: 'no-public-suffix', message: M.noPublicSuffix },
  { url: 'https://co.uk/', reason: 'no-public-suffix', message: M.noPublicSuffix },
  { url: 'https://duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion/', reason: 'no-public-suffix', message: M.noPublicSuffix },
  // Too long
  { url: `https://example.com/${'x'.repeat(2100)}`, reason: 'too-long', message: M.tooLong },
  // Short enough as typed, too long once the IDN host and the path are encoded.
  { url: `https://münchen.de/${'ü'.repeat(700)}`, reason: 'too-long', message: M.tooLong },
];

describe('parseTarget: accepted URLs', () => {
  it('has a table of at least 40 URLs', () => {
    expect(ACCEPTED.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ACCEPTED)('$url', ({ url, domain, host, page }) => {
    const result = parseTarget(url);
    expect(result).toEqual({
      ok: true,
      site: {
        domain: { scope: 'domain', value: domain[0], display: domain[1] },
        host: { scope: 'host', value: host[0], display: host[1] },
        page: { scope: 'page', value: page[0], display: page[1] },
      },
    });
    if (!result.ok) return;
    for (const scope of SCOPES) {
      // Every target is something the shared contract accepts, and values are ASCII.
      expect(LookupTargetSchema.safeParse(result.site[scope]).success).toBe(true);
      expect(result.site[scope].value).toMatch(/^[\x21-\x7e]+$/);
    }
  });
});

describe('parseTarget: refusals', () => {
  it.each(REFUSED)('$url → $reason', ({ url, reason, message }) => {
    expect(parseTarget(url)).toEqual({ ok: false, refusal: { reason, message } });
  });

  it('covers every refusal reason', () => {
    const reasons: RefusalReason[] = [
      'empty',
      'invalid-url',
      'scheme',
      'browser-page',
      'new-tab',
      'local',
      'ip',
      'no-public-suffix',
      'too-long',
    ];
    expect(new Set(REFUSED.map((r) => r.reason))).toEqual(new Set(reasons));
  });

  it('speaks in single sentences that end with a full stop', () => {
    for (const message of Object.values(REFUSAL_MESSAGES)) {
      expect(message).toMatch(/^[A-Z].*\.$/);
      expect(message.slice(0, -1)).not.toMatch(/[.!?]\s/);
    }
  });

  it('accepts a URL of exactly 2048 characters and refuses 2049', () => {
    const base = 'https://example.com/';
    const exact = base + 'p'.repeat(2048 - base.length);
    const result = parseTarget(exact);
    expect(result.ok && result.site.page.value).toBe(exact);
    expect(parseTarget(exact + 'p')).toEqual({ ok: false, refusal: { reason: 'too-long', message: M.tooLong } });
  });
});

describe('page display', () => {
  it('keeps the whole value and shortens only the display, to the limit', () => {
    const url = `https://www.example.com/${'segment/'.repeat(40)}end`;
    const result = parseTarget(url);
    if (!result.ok) throw new Error('expected ok');
    expect(result.site.page.value).toBe(url);
    expect(Array.from(result.site.page.display)).toHaveLength(MAX_PAGE_DISPLAY);
    expect(result.site.page.display.startsWith('https://www.example.com/segment/')).toBe(true);
    expect(result.site.page.display.endsWith('segment/end')).toBe(true);
    expect(result.site.page.display).toContain('…');
  });

  it('does not shorten a display at the limit', () => {
    const base = 'https://example.com/';
    const url = base + 'q'.repeat(MAX_PAGE_DISPLAY - base.length);
    const result = parseTarget(url);
    expect(result.ok && result.site.page.display).toBe(url);
  });

  it('never splits a character outside the Basic Multilingual Plane', () => {
    const result = parseTarget(`https://example.com/${'😀'.repeat(90)}`);
    if (!result.ok) throw new Error('expected ok');
    expect(result.site.page.display).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(result.site.page.display).toBe(`https://example.com/${'😀'.repeat(47)}…${'😀'.repeat(32)}`);
  });
});

describe('targetFor', () => {
  it('returns the target of each scope', () => {
    const result = parseTarget('https://blog.example.co.uk/post?id=7#c');
    if (!result.ok) throw new Error('expected ok');
    expect(targetFor(result.site, 'domain')).toEqual({ scope: 'domain', value: 'example.co.uk', display: 'example.co.uk' });
    expect(targetFor(result.site, 'host')).toEqual({ scope: 'host', value: 'blog.example.co.uk', display: 'blog.example.co.uk' });
    expect(targetFor(result.site, 'page')).toEqual({
      scope: 'page',
      value: 'https://blog.example.co.uk/post?id=7',
      display: 'https://blog.example.co.uk/post?id=7',
    });
  });
});

describe('punycode decoding', () => {
  // Sample strings from RFC 3492 section 7.1.
  it.each([
    ['egbpdaj6bu4bxfgehfvwxn', '\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F'],
    ['ihqwcrb4cv8a8dqg056pqjye', '他们为什么不说中文'],
    ['Proprostnemluvesky-uyb24dma41a', 'Pročprostěnemluvíčesky'],
    ['b1abfaaepdrnnbgefbadotcwatmq2g4l', 'почемужеонинеговорятпорусски'],
    ['PorqunopuedensimplementehablarenEspaol-fmd56a', 'PorquénopuedensimplementehablarenEspañol'],
    ['3B-ww4c5e180e575a65lsy2b', '3年B組金八先生'],
    ['-> $1.00 <--', '-> $1.00 <-'],
    ['mnchen-3ya', 'münchen'],
  ])('%s', (encoded, decoded) => {
    expect(decodePunycode(encoded)).toBe(decoded);
  });

  it.each(['zz', 'a-é', 'abc!', '99999999999999'])('rejects %s', (bad) => {
    expect(decodePunycode(bad)).toBeNull();
  });

  it('shows hosts in Unicode only when they round-trip', () => {
    expect(toUnicodeHost('shop.xn--bcher-kva.de')).toBe('shop.bücher.de');
    expect(toUnicodeHost('example.com')).toBe('example.com');
    expect(toUnicodeHost('xn--zz.com')).toBe('xn--zz.com');
  });
});

describe('checkLookupTarget (the worker re-checks targets from messages)', () => {
  it.each([
    ['domain', 'example.com'],
    ['domain', 'example.co.uk'],
    ['host', 'blog.example.co.uk'],
    ['domain', 'xn--mnchen-3ya.de'],
    ['page', 'https://www.example.com/a?b=1'],
  ] as const)('accepts %s %s', (scope, value) => {
    expect(checkLookupTarget({ scope, value, display: value })).toBeNull();
  });

  it.each([
    ['domain', '127.0.0.1', 'ip'],
    ['host', '192.168.1.10', 'ip'],
    ['page', 'http://10.0.0.1/admin', 'ip'],
    ['page', 'http://[::1]/', 'ip'],
    ['domain', 'localhost', 'local'],
    ['domain', 'www.example.com', 'invalid-url'],
    ['domain', 'blog.example.com', 'invalid-url'],
    ['domain', 'https://example.com', 'invalid-url'],
    ['domain', 'example.com/path', 'invalid-url'],
    ['host', 'EXAMPLE.com', 'invalid-url'],
    ['page', 'javascript:alert(1)', 'scheme'],
    ['page', 'chrome://settings', 'browser-page'],
    ['page', 'https://example.com/#frag', 'invalid-url'],
    ['domain', 'intranet', 'no-public-suffix'],
  ] as const)('refuses %s %s (%s)', (scope, value, reason) => {
    expect(checkLookupTarget({ scope, value, display: value })?.reason).toBe(reason);
  });
});
