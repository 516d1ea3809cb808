import { describe, expect, it } from 'vitest';
import { decodePunycode } from './punycode';
import { capText, chunkText, displayHost, displayUrl, labelShowsUnicode, linkHref, targetDisplay, visibleName, visibleText } from './display';

describe('visibleName / visibleText', () => {
  const invisible = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u180E', '\u00AD'];
  it.each(invisible.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, c]))('names show %s as a marker', (code, c) => {
    expect(visibleName(`a${c}b.com`)).toBe(`a⟨${code}⟩b.com`);
  });

  it.each(invisible.filter((c) => c !== '\u200C' && c !== '\u200D').map((c) => [c.codePointAt(0)!.toString(16), c]))('text shows U+%s as a marker', (_code, c) => {
    expect(visibleText(`x${c}y`)).not.toContain(c);
    expect(visibleText(`x${c}y`)).toMatch(/^x⟨U\+[0-9A-F]{4}⟩y$/);
  });

  it.each([
    ['plain anchor', 'plain anchor'],
    ['emoji 👨\u200D👩\u200D👧 family', 'emoji 👨\u200D👩\u200D👧 family'],
    ['line\nbreak\ttab', 'line\nbreak\ttab'],
    ['عربي', 'عربي'],
  ])('text keeps %j', (input, out) => expect(visibleText(input)).toBe(out));

  it('marks controls in names', () => expect(visibleName('a\u0000b\u0085')).toBe('a⟨U+0000⟩b⟨U+0085⟩'));
});

describe('capText / chunkText', () => {
  it.each([
    ['short', 10, 'short', false],
    ['x'.repeat(300), 300, 'x'.repeat(300), false],
    ['x'.repeat(301), 300, `${'x'.repeat(300)}…`, true],
    [`${'x'.repeat(299)}😀`, 300, `${'x'.repeat(299)}…`, true],
  ] as const)('capText(%#)', (input, max, text, cut) => expect(capText(input, max)).toEqual({ text, cut }));

  it('cuts a megabyte into bounded chunks that join back to the text, never splitting a pair', () => {
    const big = `${'a'.repeat(1999)}😀${'b'.repeat(1 << 20)}`;
    const chunks = chunkText(big, 2000);
    expect(chunks.join('')).toBe(big);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(2000);
    expect(chunks[0]).toBe('a'.repeat(1999));
    expect(chunks.length).toBeLessThan(530);
    expect(chunkText('')).toEqual([]);
  });
});

describe('decodePunycode', () => {
  it.each([
    ['80ak6aa92e', 'аррӏе'],
    ['mnchen-3ya', 'münchen'],
    ['wgv71a119e', '日本語'],
    ['e1afmkfd', 'пример'],
    ['!!', null],
    ['abc-99999999999', null],
  ])('%s → %s', (input, out) => expect(decodePunycode(input)).toBe(out));
});

describe('displayHost: Unicode only where Chromium shows it', () => {
  it.each([
    ['example.com', 'example.com'],
    ['xn--mnchen-3ya.de', 'münchen.de'],
    ['xn--wgv71a119e.jp', '日本語.jp'],
    ['xn--eckwd4c7c5976acvb.jp', '日本ドメイン.jp'],
    ['xn--test-yn4czcp.jp', 'testテスト.jp'],
    ['xn--e1afmkfd.xn--p1ai', 'пример.рф'],
    ['xn--e1afmkfd.com', 'пример.com'],
    ['xn--b1amnebsh.ru', 'новости.ru'],
    ['xn--hxajbheg2az3al.gr', 'παράδειγμα.gr'],
    ['xn--3e0bk47br7k.kr', '한국어.kr'],
    ['xn--5ekv23gj8h.tw', '例子ㄅ.tw'],
    ['xn--stanbul-qfb.com', 'ıstanbul.com'],
    // Whole-script Cyrillic look-alikes of Latin words stay punycode, unless the TLD is Cyrillic.
    ['xn--80ak6aa92e.com', 'xn--80ak6aa92e.com'],
    ['xn--e1argc3h.com', 'xn--e1argc3h.com'],
    ['xn--80ak6aa92e.xn--p1ai', 'аррӏе.рф'],
    // Mixed scripts.
    ['xn--abc-pdd.com', 'xn--abc-pdd.com'],
    ['xn--fiq228cx14cln7a.com', '中文한국.com'],
    ['xn--y9j3bt557cln7a.com', 'xn--y9j3bt557cln7a.com'],
    // Invisible characters and scripts outside the list.
    ['xn--google-gm0c.com', 'xn--google-gm0c.com'],
    ['xn--abc-fn0a.com', 'xn--abc-fn0a.com'],
    ['xn--2m8a.com', 'xn--2m8a.com'],
    // Not valid punycode.
    ['xn--!!.com', 'xn--!!.com'],
    ['a\u202Eb.com', 'a⟨U+202E⟩b.com'],
    ['', ''],
  ])('%s → %s', (input, out) => expect(displayHost(input)).toBe(out));

  it.each([
    ['apple', 'com', true],
    ['аррӏе', 'com', false],
    ['аррӏе', 'рф', true],
    ['日本ドメイン', 'jp', true],
    ['中文한국', 'com', true],
    ['日本한국', 'com', true],
    ['ひら한국', 'com', false],
    ['한국ㄅ', 'com', false],
    ['abcα', 'com', false],
    ['abcд', 'com', false],
    ['ab\u200Dc', 'com', false],
    ['a⁄b', 'com', false],
  ])('labelShowsUnicode(%s, %s) = %s', (label, tld, out) => expect(labelShowsUnicode(label, tld)).toBe(out));
});

describe('links', () => {
  it.each([
    ['https://www.google.com@evil.test/', 'https://evil.test/'],
    ['http://user:pass@evil.test/x?y#z', 'http://evil.test/x?y#z'],
    ['https://example.com/a', 'https://example.com/a'],
    ['javascript:alert(1)', null],
    ['data:text/html,x', null],
    ['ftp://example.com/', null],
    ['not a url', null],
    [null, null],
  ])('linkHref(%j) = %j', (input, out) => expect(linkHref(input)).toBe(out));

  it.each([
    ['https://www.google.com@evil.test/', 'https://evil.test/'],
    ['https://xn--80ak6aa92e.com/login', 'https://xn--80ak6aa92e.com/login'],
    ['https://xn--mnchen-3ya.de/x', 'https://münchen.de/x'],
    ['https://example.com/\u202Etxt.exe', 'https://example.com/%E2%80%AEtxt.exe'],
    ['javascript:alert(1)\u202E', 'javascript:alert(1)⟨U+202E⟩'],
    ['https://example.com:8080/a?b=1', 'https://example.com:8080/a?b=1'],
  ])('displayUrl(%j) = %j', (input, out) => expect(displayUrl(input)).toBe(out));
});

describe('targetDisplay', () => {
  it.each([
    [{ scope: 'domain', value: 'xn--80ak6aa92e.com', display: 'аррӏе.com' }, 'xn--80ak6aa92e.com'],
    [{ scope: 'host', value: 'www.xn--mnchen-3ya.de', display: 'www.münchen.de' }, 'www.münchen.de'],
    [{ scope: 'page', value: 'https://xn--80ak6aa92e.com/a/b', display: 'https://аррӏе.com/a/b' }, 'https://xn--80ak6aa92e.com/a/b'],
    [{ scope: 'page', value: 'https://example.com:8443/', display: 'https://example.com:8443/' }, 'https://example.com:8443/'],
    [{ scope: 'page', value: 'https://example.com', display: 'https://example.com' }, 'https://example.com'],
  ])('%j → %s', (t, out) => expect(targetDisplay(t)).toBe(out));
});
