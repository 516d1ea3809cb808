import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractResults, landingUrl } from './extract';

const BASE = 'https://www.google.com/search?q=shoes';

function doc(body: string): Document {
  return parseHTML(`<!doctype html><html><body>${body}</body></html>`).document as unknown as Document;
}

const result = (href: string, title = 'A result') =>
  `<div class="g" data-hveid="x"><div><a href="${href}"><br><h3>${title}</h3><cite>site</cite></a></div><div>snippet</div></div>`;

describe('landingUrl', () => {
  it('takes http(s) results as they are and unwraps /url?q=', () => {
    expect(landingUrl('https://shop.example.com/a?b=1', BASE)).toBe('https://shop.example.com/a?b=1');
    expect(landingUrl('/url?q=https://news.example.org/x&sa=U', BASE)).toBe('https://news.example.org/x');
  });
  it('refuses Google’s own links and other schemes', () => {
    expect(landingUrl('/search?q=more', BASE)).toBeNull();
    expect(landingUrl('https://maps.google.com/x', BASE)).toBeNull();
    expect(landingUrl('javascript:alert(1)', BASE)).toBeNull();
    expect(landingUrl('/url?q=javascript:alert(1)', BASE)).toBeNull();
    expect(landingUrl('/url?sa=U', BASE)).toBeNull();
  });
});

describe('extractResults', () => {
  it('finds each organic result once, in page order, and leaves ads and other links out', () => {
    const d = doc(`
      <div id="tads">${result('https://ad.example.com/', 'Ad')}</div>
      <div id="search"><div id="rso">
        ${result('https://one.example.com/')}
        ${result('https://two.example.net/page')}
        <div class="g"><a href="https://two.example.net/page"><h3>dup link in same block</h3></a><a href="https://three.example.org/"><h3>second title</h3></a></div>
        <div data-text-ad="1">${result('https://ad2.example.com/')}</div>
        <a href="/search?q=related"><h3>Related searches</h3></a>
        <a href="https://nolink.example.com/">no title</a>
      </div></div>`);
    const found = extractResults(d, BASE).map((r) => r.url);
    expect(found).toEqual(['https://one.example.com/', 'https://two.example.net/page', 'https://two.example.net/page']);
  });
  it('gives each result its block, the div.g around the link', () => {
    const d = doc(`<div id="search">${result('https://one.example.com/')}</div>`);
    const [r] = extractResults(d, BASE);
    expect(r!.block.classList.contains('g')).toBe(true);
  });
  it('finds nothing without a results column', () => {
    expect(extractResults(doc(result('https://one.example.com/')), BASE)).toEqual([]);
  });
});
