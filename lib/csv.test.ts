import { describe, expect, it } from 'vitest';
import { parse } from 'papaparse';
import {
  ANCHOR_COLUMNS,
  BACKLINK_COLUMNS,
  BOM,
  anchorsCsv,
  backlinksCsv,
  csvCell,
  csvFileName,
  fileNamePart,
  toCsv,
} from './csv';
import type { Anchor, Backlink } from './model';

function backlink(over: Partial<Backlink> = {}): Backlink {
  return {
    domainFrom: 'blog.example.org',
    urlFrom: 'https://blog.example.org/post',
    domainTo: 'target.com',
    urlTo: 'https://target.com/',
    tldFrom: 'org',
    isNew: false,
    isLost: false,
    isBroken: false,
    isIndirect: false,
    spamScore: 3,
    rank: 120,
    pageFromRank: 40,
    domainFromRank: 300,
    domainFromCountry: 'US',
    pageFromTitle: 'A post',
    pageFromLanguage: 'en',
    pageFromStatusCode: 200,
    firstSeen: '2021-03-04T05:06:07.000Z',
    prevSeen: null,
    lastSeen: '2024-01-02T03:04:05.000Z',
    itemType: 'anchor',
    attributes: [],
    dofollow: true,
    anchor: 'great tool',
    alt: null,
    imageUrl: null,
    textPre: 'see this',
    textPost: 'for more',
    semanticLocation: null,
    linksCount: 1,
    groupCount: 0,
    urlToStatusCode: 200,
    urlToSpamScore: 0,
    urlToRedirectTarget: null,
    indirectPath: [],
    ...over,
  };
}

function anchor(over: Partial<Anchor> = {}): Anchor {
  return {
    anchor: 'click here',
    rank: 10,
    backlinks: 25,
    backlinksSpamScore: 1,
    referringDomains: 4,
    referringDomainsNofollow: 0,
    referringMainDomains: 4,
    referringPages: 9,
    referringPagesNofollow: 0,
    brokenBacklinks: 0,
    firstSeen: '2020-01-01T00:00:00.000Z',
    lostDate: null,
    ...over,
  };
}

/** Parse our output back (without the BOM) into rows of cells. */
function rowsOf(csv: string): string[][] {
  expect(csv.startsWith(BOM)).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  const parsed = parse<string[]>(csv.slice(BOM.length, -2), { newline: '\r\n', delimiter: ',' });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1:A2)', "'+SUM(A1:A2)"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['\rcmd', "'\rcmd"],
    ['=HYPERLINK("http://evil.test","x")', `'=HYPERLINK("http://evil.test","x")`],
    ['  =1+1', "'  =1+1"],
    ['\n@x', "'\n@x"],
  ])('neutralizes %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each(
    [
      '\u0009', '\u000A', '\u000B', '\u000C', '\u000D', '\u0020', '\u00A0', '\u2000', '\u2003', '\u200A', '\u200B',
      '\u2028', '\u2029', '\u202F', '\u205F', '\u3000', '\uFEFF', '\u200E', '\u200F', '\u202A', '\u202E', '\u2066',
      '\u2069', '\u061C', '\u00AD', '\u2060', '\u180E', '\u2003\u2028\uFEFF',
    ].flatMap((lead) => ['=', '+', '-', '@'].map((op) => [`U+${lead.codePointAt(0)!.toString(16).toUpperCase()} ${op}`, `${lead}${op}1`] as const)),
  )('neutralizes %s before the trigger', (_name, input) => {
    expect(csvCell(input)).toBe(`'${input}`);
  });

  it.each([
    ['\u2003word', '\u2003word'],
    ['\uFEFFtext=1', '\uFEFFtext=1'],
    ['plain text', 'plain text'],
    ['a=b', 'a=b'],
    ['x-y', 'x-y'],
    ["'quoted", "'quoted"],
    ['', ''],
  ])('leaves %j alone', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes null and undefined as empty, numbers and booleans as text', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(true)).toBe('true');
    // A negative number would be read as a formula start too.
    expect(csvCell(-5)).toBe("'-5");
  });
});

describe('toCsv', () => {
  it('starts with a BOM and a header row, and uses CRLF', () => {
    const csv = toCsv(['A', 'B'], [['1', '2']]);
    expect(csv).toBe(`${BOM}A,B\r\n1,2\r\n`);
  });

  it('quotes commas, quotes and line breaks, and reads back to the same cells', () => {
    const tricky = ['a,b', 'say "hi"', 'line1\nline2', 'cr\r\nlf'];
    const csv = toCsv(['one', 'two', 'three', 'four'], [tricky]);
    expect(csv).toContain('"a,b"');
    expect(csv).toContain('"say ""hi"""');
    const rows = rowsOf(csv);
    expect(rows[0]).toEqual(['one', 'two', 'three', 'four']);
    expect(rows[1]).toEqual(tricky);
  });

  it('keeps unicode text as is', () => {
    const csv = toCsv(['anchor'], [['Ünïcödé — 日本語 🚀']]);
    expect(rowsOf(csv)[1]).toEqual(['Ünïcödé — 日本語 🚀']);
    // UTF-8 encoding of the whole file starts with EF BB BF.
    const bytes = new TextEncoder().encode(csv);
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('neutralizes dangerous cells everywhere, header included', () => {
    const csv = toCsv(['=h'], [['=1'], ['+1'], ['-1'], ['@1'], ['\t1'], ['\r1']]);
    const rows = rowsOf(csv);
    expect(rows.map((r) => r[0])).toEqual(["'=h", "'=1", "'+1", "'-1", "'@1", "'\t1", "'\r1"]);
  });

  it('pads short rows with empty cells to the header width', () => {
    expect(toCsv(['a', 'b', 'c'], [['x']])).toBe(`${BOM}a,b,c\r\nx,,\r\n`);
  });
});

describe('backlinksCsv / anchorsCsv', () => {
  it('writes one header row and one row per backlink, in column order', () => {
    const csv = backlinksCsv([backlink(), backlink({ domainFrom: 'other.net', dofollow: false, attributes: ['nofollow', 'ugc'] })]);
    const rows = rowsOf(csv);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual([...BACKLINK_COLUMNS]);
    const col = (name: (typeof BACKLINK_COLUMNS)[number]) => BACKLINK_COLUMNS.indexOf(name);
    expect(rows[1]?.[col('Referring domain')]).toBe('blog.example.org');
    expect(rows[1]?.[col('Anchor')]).toBe('great tool');
    expect(rows[1]?.[col('Dofollow')]).toBe('yes');
    expect(rows[1]?.[col('Backlink rank')]).toBe('120');
    expect(rows[2]?.[col('Referring domain')]).toBe('other.net');
    expect(rows[2]?.[col('Dofollow')]).toBe('no');
    expect(rows[2]?.[col('Attributes')]).toBe('nofollow ugc');
  });

  it('neutralizes hostile API text in backlinks', () => {
    const hostile = backlink({
      anchor: '=HYPERLINK("http://evil.test","click")',
      pageFromTitle: '<img src=x onerror=alert(1)>',
      urlFrom: 'javascript:alert(1)',
      textPre: '@SUM(1)',
      textPost: '-1+1',
    });
    const rows = rowsOf(backlinksCsv([hostile]));
    const cells = rows[1] ?? [];
    expect(cells[BACKLINK_COLUMNS.indexOf('Anchor')]).toBe(`'=HYPERLINK("http://evil.test","click")`);
    expect(cells[BACKLINK_COLUMNS.indexOf('Text before')]).toBe("'@SUM(1)");
    expect(cells[BACKLINK_COLUMNS.indexOf('Text after')]).toBe("'-1+1");
    // Not a formula start: kept verbatim (it is text in a CSV, never markup).
    expect(cells[BACKLINK_COLUMNS.indexOf('Page title')]).toBe('<img src=x onerror=alert(1)>');
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes the redirect path as status and URL steps', () => {
    const rows = rowsOf(
      backlinksCsv([backlink({ isIndirect: true, indirectPath: [{ type: 'redirect', statusCode: 301, url: 'https://a.example/x' }, { type: 'redirect', statusCode: 302, url: 'https://b.example/' }] })]),
    );
    expect(rows[1]?.[BACKLINK_COLUMNS.indexOf('Redirect path')]).toBe('301 https://a.example/x > 302 https://b.example/');
    expect(rows[1]?.[BACKLINK_COLUMNS.indexOf('Indirect')]).toBe('yes');
  });

  it('writes the fields added in 0.2, and leaves them empty for entries cached before', () => {
    const col = (name: (typeof BACKLINK_COLUMNS)[number]) => BACKLINK_COLUMNS.indexOf(name);
    const rows = rowsOf(
      backlinksCsv([
        backlink({ groupCount: 7, urlToSpamScore: 12, pageFromExternalLinks: 40, rankedKeywordsTop10: 3, rankedKeywordsTop100: 55, domainFromPlatformTypes: ['blogs', 'cms'] }),
        backlink({ groupCount: null, urlToSpamScore: null, pageFromExternalLinks: undefined, rankedKeywordsTop10: undefined, rankedKeywordsTop100: undefined, domainFromPlatformTypes: undefined }),
      ]),
    );
    const picked = (r: string[] | undefined) =>
      (['Backlinks in group', 'External links on page', 'Page keywords top 10', 'Page keywords top 100', 'Platform types', 'Target spam score'] as const).map((n) => r?.[col(n)]);
    expect(picked(rows[1])).toEqual(['7', '40', '3', '55', 'blogs cms', '12']);
    expect(picked(rows[2])).toEqual(['', '', '', '', '', '']);
  });

  it('writes anchors with their header', () => {
    const rows = rowsOf(anchorsCsv([anchor(), anchor({ anchor: '+danger', backlinks: null })]));
    expect(rows[0]).toEqual([...ANCHOR_COLUMNS]);
    expect(rows[1]?.slice(0, 3)).toEqual(['click here', '25', '4']);
    expect(rows[2]?.slice(0, 2)).toEqual(["'+danger", '']);
  });

  it('writes only the header for an empty list', () => {
    expect(rowsOf(backlinksCsv([]))).toEqual([[...BACKLINK_COLUMNS]]);
  });
});

describe('file names', () => {
  const day = new Date(2024, 0, 5, 23, 59);

  it('names a domain export after the target and the local date', () => {
    expect(csvFileName('backlinks', { value: 'example.com' }, day)).toBe('backlinks-example.com-2024-01-05.csv');
    expect(csvFileName('anchors', { value: 'xn--bcher-kva.de' }, day)).toBe('anchors-xn--bcher-kva.de-2024-01-05.csv');
  });

  it('sanitizes a page target', () => {
    expect(fileNamePart({ value: 'https://example.com/a/b?q=1&r=<x>#frag' })).toBe('example.com-a-b-q-1-r-x-frag');
    expect(csvFileName('backlinks', { value: 'http://example.com/' }, day)).toBe('backlinks-example.com-2024-01-05.csv');
  });

  it('never yields path separators, reserved characters or an empty name', () => {
    for (const value of ['../../etc/passwd', 'a\\b:c*d?"e<f>g|h', '日本.jp', '///', 'CON']) {
      const part = fileNamePart({ value });
      expect(part).toMatch(/^[A-Za-z0-9._-]+$/);
      expect(part.startsWith('.')).toBe(false);
    }
    expect(fileNamePart({ value: '///' })).toBe('target');
  });

  it('caps very long targets', () => {
    const part = fileNamePart({ value: `https://example.com/${'x'.repeat(3000)}` });
    expect(part.length).toBeLessThanOrEqual(100);
  });
});
