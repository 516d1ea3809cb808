import { describe, expect, it } from 'vitest';
import type { BulkFigures } from '@/lib/bulk';
import { batchesOf, columnsFor, mergeFigures, remainingPrice, tableCells, textsFromPlain, textsFromRows, tooManyMessage, viewRows } from './logic';

const fig = (target: string, rank: number | null, backlinks: number | null = null): BulkFigures => ({
  target,
  rank,
  referringDomains: null,
  referringDomainsNofollow: null,
  backlinks,
  spamScore: null,
  fetchedAt: '2026-06-10T09:00:00.000Z',
});

describe('reading a list', () => {
  it('splits pasted text on lines, commas, semicolons and spaces', () => {
    expect(textsFromPlain(' a.com\r\nb.com, c.com;d.com\t e.com\n\n')).toEqual(['a.com', 'b.com', 'c.com', 'd.com', 'e.com']);
  });

  it('cuts an entry longer than an address to one character more, so the worker refuses it as too long', () => {
    expect(textsFromPlain(`https://a.com/${'x'.repeat(5000)}`)[0]).toHaveLength(2049);
  });

  it('takes the CSV column named like a site column, else the first one', () => {
    expect(textsFromRows([['Name', 'Website'], ['A', 'a.com'], ['B', ''], ['C', 'c.com']])).toEqual(['a.com', 'c.com']);
    expect(textsFromRows([['a.com', '12'], ['b.com', '3']])).toEqual(['a.com', 'b.com']);
    expect(textsFromRows([])).toEqual([]);
  });

  it('a list over 10,000 entries is refused with the count', () => {
    expect(tooManyMessage(10_000)).toBeNull();
    expect(tooManyMessage(10_001)).toMatch(/10,001 entries.*at most 10,000/);
  });
});

describe('running a quote in batches', () => {
  it('sends the sites to buy 1,000 a batch, then the cached rest in one free batch', () => {
    const targets = Array.from({ length: 2600 }, (_, i) => `s${i}.com`);
    const buying = targets.slice(100);
    const b = batchesOf({ targets, buying });
    expect(b.map((x) => x.length)).toEqual([1000, 1000, 500, 100]);
    expect(b.flat().sort()).toEqual([...targets].sort());
    expect(batchesOf({ targets: ['a.com'], buying: [] })).toEqual([['a.com']]);
  });

  it('each batch may spend what the confirmed price leaves', () => {
    expect(remainingPrice(0.3, [])).toBe(0.3);
    expect(remainingPrice(0.3, [{ spentUsd: 0.05, estimatedUsd: 0.06 }, { spentUsd: 0.07, estimatedUsd: 0.06 }])).toBe(0.17);
    expect(remainingPrice(0.1, [{ spentUsd: 0.2, estimatedUsd: 0.2 }])).toBe(0);
  });

  it('merges the batches in the quote order', () => {
    expect(mergeFigures(['b.com', 'a.com', 'c.com'], [[fig('a.com', 1)], [fig('b.com', 2)]]).map((f) => f.target)).toEqual(['b.com', 'a.com']);
  });
});

describe('the table', () => {
  const rows = [fig('b.com', 5, 10), fig('a.com', null, 3), fig('c.org', 9, null), fig('d.com', 5, 1)];

  it('sorts by a figure, missing figures last in both directions, ties in list order', () => {
    expect(viewRows(rows, { sort: 'rank', dir: 'desc', filter: '' }).map((r) => r.target)).toEqual(['c.org', 'b.com', 'd.com', 'a.com']);
    expect(viewRows(rows, { sort: 'rank', dir: 'asc', filter: '' }).map((r) => r.target)).toEqual(['b.com', 'd.com', 'c.org', 'a.com']);
    expect(viewRows(rows, { sort: 'target', dir: 'asc', filter: '' }).map((r) => r.target)).toEqual(['a.com', 'b.com', 'c.org', 'd.com']);
  });

  it('filters by part of the site', () => {
    expect(viewRows(rows, { sort: 'target', dir: 'asc', filter: ' .COM ' }).map((r) => r.target)).toEqual(['a.com', 'b.com', 'd.com']);
  });

  it('the CSV cells are the table cells: the asked metrics only, missing figures empty', () => {
    const cols = columnsFor(['rank', 'backlinks']);
    expect(cols.map((c) => c.title)).toEqual(['Site', 'Rank', 'Backlinks', 'Fetched']);
    const t = tableCells(viewRows(rows, { sort: 'rank', dir: 'desc', filter: '' }), cols);
    expect(t.header).toEqual(['Site', 'Rank', 'Backlinks', 'Fetched']);
    expect(t.cells[0]).toEqual(['c.org', '9', '', '2026-06-10 09:00']);
    expect(t.cells[3]).toEqual(['a.com', '', '3', '2026-06-10 09:00']);
    expect(columnsFor(['referringDomains']).map((c) => c.key)).toEqual(['target', 'referringDomains', 'referringDomainsNofollow', 'fetchedAt']);
  });
});
