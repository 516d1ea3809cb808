import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { captureDom, classifyHref, cleanText, collectLinks, relTokens, type DomWindow } from './collect';
import { MAX_EXAMINED, MAX_HREF, MAX_LINKS, MAX_TEXT } from './report';

/** A test document (no layout: links with a `data-hidden` attribute count as hidden). */
function page(body: string, base = 'https://www.shop.example.com/dir/page.html') {
  const { window, document } = parseHTML(`<!doctype html><html><head><base href="${base}"></head><body>${body}</body></html>`);
  const dom = captureDom(window as unknown as DomWindow, (el) => el.hasAttribute('data-hidden'));
  return { window, document: document as unknown as Document, dom };
}

describe('collectLinks', () => {
  it('keeps web links resolved, with rel kinds (any case), trimmed text and hidden state; counts the rest', () => {
    const { document, dom } = page(`
      <a href="/about">  About
         us </a>
      <a href="https://other.org/x" rel="NoFollow noopener">nofollow</a>
      <a href="https://forum.net/t" rel="UGC nofollow">ugc</a>
      <a href="//ads.io/p?q=1" rel="sponsored">ad</a>
      <a href="https://other.org/x" data-hidden>dup hidden</a>
      <a href="page2.html"><img alt="Next page"></a>
      <a href="javascript:void(0)">js</a>
      <a href=" JavaScript:alert(1)">js2</a>
      <a href="mailto:a@b.c">mail</a>
      <a href="tel:+123">call</a>
      <a href="#top">top</a>
      <a href="">self</a>
      <a href="ftp://files.example.org/">ftp</a>
      <a>no href</a>
      <map><area href="https://maps.example.net/" alt="Map"></map>`);
    const got = collectLinks(document, dom);
    expect(got.links).toEqual([
      { href: 'https://www.shop.example.com/about', host: 'www.shop.example.com', rel: [], text: 'About us', hidden: false },
      { href: 'https://other.org/x', host: 'other.org', rel: ['nofollow'], text: 'nofollow', hidden: false },
      { href: 'https://forum.net/t', host: 'forum.net', rel: ['nofollow', 'ugc'], text: 'ugc', hidden: false },
      { href: 'https://ads.io/p?q=1', host: 'ads.io', rel: ['sponsored'], text: 'ad', hidden: false },
      { href: 'https://other.org/x', host: 'other.org', rel: [], text: 'dup hidden', hidden: true },
      { href: 'https://www.shop.example.com/dir/page2.html', host: 'www.shop.example.com', rel: [], text: 'Next page', hidden: false },
      { href: 'https://maps.example.net/', host: 'maps.example.net', rel: [], text: 'Map', hidden: false },
    ]);
    expect(got.elements).toHaveLength(7);
    expect(got.skipped).toEqual({ script: 2, mail: 1, phone: 1, fragment: 2, other: 1 });
    expect(got.dropped).toEqual({ tooLong: 0, overLimit: 0 });
  });

  it('a link without text is named by its aria-label or its title', () => {
    const { document, dom } = page(`<a href="/a" aria-label="Home page"><svg></svg></a><a href="/b" title="Bee"></a>`);
    expect(collectLinks(document, dom).links.map((l) => l.text)).toEqual(['Home page', 'Bee']);
  });

  it('bounds its work: at most MAX_LINKS kept, the rest counted; hrefs past MAX_HREF dropped, never cut', () => {
    const many = Array.from({ length: MAX_LINKS + 7 }, (_, i) => `<a href="https://d${i}.com/">${i}</a>`).join('');
    const long = `<a href="https://long.com/${'x'.repeat(MAX_HREF)}">long</a>`;
    const { document, dom } = page(long + many);
    const got = collectLinks(document, dom);
    expect(got.links).toHaveLength(MAX_LINKS);
    expect(got.dropped).toEqual({ tooLong: 1, overLimit: 7 });
    expect(got.links.every((l) => l.href.length <= MAX_HREF)).toBe(true);
  });

  it('looks at no more than MAX_EXAMINED anchors', () => {
    const n = MAX_EXAMINED + 3;
    const { document, dom } = page(Array.from({ length: n }, () => '<a href="#x">x</a>').join(''));
    const got = collectLinks(document, dom);
    expect(got.skipped.fragment).toBe(MAX_EXAMINED);
    expect(got.dropped.overLimit).toBe(3);
  });

  it('uses the DOM functions captured at injection, not ones a page swaps in later', () => {
    const { window, document, dom } = page('<a href="https://real.org/">real</a>');
    const proto = (window as unknown as DomWindow).Element.prototype;
    const original = proto.getAttribute;
    proto.getAttribute = () => 'https://evil.example.net/';
    try {
      expect(collectLinks(document, dom).links.map((l) => l.href)).toEqual(['https://real.org/']);
    } finally {
      proto.getAttribute = original;
    }
  });
});

describe('helpers', () => {
  it('cleanText collapses white space and caps at MAX_TEXT without splitting a surrogate pair', () => {
    expect(cleanText('  a \n\t b  ')).toBe('a b');
    const capped = cleanText(`${'a'.repeat(MAX_TEXT - 1)}😀😀`);
    expect(capped).toHaveLength(MAX_TEXT - 1);
    expect(cleanText('x'.repeat(1_000_000))).toHaveLength(MAX_TEXT);
  });

  it('relTokens: only nofollow/ugc/sponsored, lowercased, each once, in a fixed order', () => {
    expect(relTokens('SPONSORED noopener NoFollow nofollow')).toEqual(['nofollow', 'sponsored']);
    expect(relTokens('nofollowx ugc-like')).toEqual([]);
    expect(relTokens(null)).toEqual([]);
  });

  it('classifyHref', () => {
    const base = 'https://a.com/x/';
    expect(classifyHref('#', base)).toEqual({ skip: 'fragment' });
    expect(classifyHref('sms:123', base)).toEqual({ skip: 'phone' });
    expect(classifyHref('data:text/html,hi', base)).toEqual({ skip: 'other' });
    expect(classifyHref('http://[bad', base)).toEqual({ skip: 'other' });
    expect('url' in classifyHref('../y', base) && (classifyHref('../y', base) as { url: URL }).url.href).toBe('https://a.com/y');
  });
});
