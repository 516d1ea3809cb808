import { describe, expect, it } from 'vitest';
import { datasetSize, generateDataset } from './data';
import { decodeToken, encodeToken, likeToRegExp, matches, parseFilters, taskFingerprint, validTarget } from './query';

describe('targets', () => {
  it.each([
    ['example.com', true],
    ['blog.example.co.uk', true],
    ['my_host.example.com', true],
    ['xn--bcher-kva.de', true],
    ['192.0.2.10', true],
    ['https://example.com/page?x=1', true],
    ['http://www.example.com/', true],
    ['www.example.com', false],
    ['example.com/page', false],
    ['example.com:8080', false],
    ['example', false],
    ['example.com.', false],
    ['-bad.com', false],
    ['ftp://example.com', false],
    ['https://', false],
    ['', false],
  ])('%s → %s', (target, ok) => {
    expect(validTarget(target)).toBe(ok);
  });
});

describe('LIKE patterns', () => {
  it('% matches any run, _ one character, backslash escapes', () => {
    expect(likeToRegExp('%seo%', '').test('best seo tools')).toBe(true);
    expect(likeToRegExp('%seo%', '').test('best SEO tools')).toBe(false);
    expect(likeToRegExp('%seo%', 'i').test('best SEO tools')).toBe(true);
    expect(likeToRegExp('s_o', '').test('seo')).toBe(true);
    expect(likeToRegExp('s_o', '').test('so')).toBe(false);
    expect(likeToRegExp('%100\\%%', '').test('100% free')).toBe(true);
    expect(likeToRegExp('%100\\%%', '').test('100 free')).toBe(false);
    expect(likeToRegExp('%a\\_b%', '').test('xa_by')).toBe(true);
    expect(likeToRegExp('%a\\_b%', '').test('xacby')).toBe(false);
    expect(likeToRegExp('(x).*[y]', '').test('(x).*[y]')).toBe(true);
  });
});

describe('filter expressions', () => {
  const item = { rank: 50, anchor: 'Best Tools', dofollow: false, first_seen: '2024-02-01 00:00:00 +00:00', item_type: 'image' };
  const m = (raw: unknown) => matches(parseFilters(raw, 'backlink', 'filters'), item);
  it('evaluates conditions with the documented operators', () => {
    expect(m(['rank', '>', 40])).toBe(true);
    expect(m(['rank', '>', '60'])).toBe(false);
    expect(m(['rank', '<=', 50])).toBe(true);
    expect(m(['rank', '<>', 50])).toBe(false);
    expect(m(['dofollow', '=', false])).toBe(true);
    expect(m(['anchor', 'ilike', '%tools'])).toBe(true);
    expect(m(['anchor', 'not_ilike', '%tools'])).toBe(false);
    expect(m(['anchor', 'like', '%tools'])).toBe(false);
    expect(m(['item_type', 'in', ['image', 'meta']])).toBe(true);
    expect(m(['item_type', 'not_in', ['image', 'meta']])).toBe(false);
    expect(m(['first_seen', '>', '2023-10-23 11:31:45 +00:00'])).toBe(true);
    expect(m(['anchor', 'regex', '^Best'])).toBe(true);
    expect(m(['anchor', 'match', 'tools best'])).toBe(true);
  });
  it('"and" binds tighter than "or", and groups nest', () => {
    // Inside a nested level (the top level holds at most 3 elements, see below).
    const nested = (group: unknown[]) => m([['rank', '>=', 0], 'and', group]);
    expect(nested([['rank', '>', 90], 'or', ['rank', '>', 40], 'and', ['dofollow', '=', false]])).toBe(true);
    expect(nested([['rank', '>', 40], 'or', ['rank', '>', 90], 'and', ['dofollow', '=', true]])).toBe(true);
    expect(m([[['rank', '>', 40], 'or', ['rank', '>', 90]], 'and', ['dofollow', '=', true]])).toBe(false);
    expect(nested([['rank', '>', 90], 'and', ['dofollow', '=', false], 'or', ['anchor', 'ilike', 'best%']])).toBe(true);
  });
  it('refuses a flat top-level array of more than 3 elements, as the API\'s MCP schema does; nesting is accepted', () => {
    expect(() => parseFilters([['rank', '>', 1], 'and', ['dofollow', '=', false], 'and', ['rank', '<', 99]], 'backlink', 'filters')).toThrow();
    expect(m([['rank', '>', 1], 'and', [['dofollow', '=', false], 'and', ['rank', '<', 99]]])).toBe(true);
    expect(m([['rank', '>', 1], 'and', [['dofollow', '=', false], 'and', [['rank', '<', 99], 'and', ['item_type', '=', 'meta']]]])).toBe(false);
  });
});

describe('search_after_token', () => {
  it('round-trips and is bound to the other parameters (not the tag)', () => {
    const task = { target: 'example.com', limit: 100, filters: ['dofollow', '=', true] };
    const fp = taskFingerprint('backlinks', task);
    const token = encodeToken(fp, 21000, 'example.com');
    expect(decodeToken(token, fp)).toBe(21000);
    expect(taskFingerprint('backlinks', { ...task, tag: 'x', search_after_token: token })).toBe(fp);
    expect(taskFingerprint('backlinks', { ...task, limit: 10 })).not.toBe(fp);
    expect(taskFingerprint('backlinks', { limit: 100, target: 'example.com', filters: ['dofollow', '=', true] })).toBe(fp);
    expect(decodeToken(token, taskFingerprint('backlinks', { ...task, limit: 10 }))).toBeNull();
    expect(decodeToken('%%%', fp)).toBeNull();
  });
});

describe('generated data', () => {
  it('sizes: empty, big, and 1,500–30,000 otherwise', () => {
    expect(datasetSize('empty-site.com', 's')).toBe(0);
    expect(datasetSize('big-site.com', 's')).toBe(30000);
    const sizes = ['a.com', 'b.com', 'c.org', 'd.net', 'e.io', 'f.de'].map((t) => datasetSize(t, 's'));
    for (const n of sizes) {
      expect(n).toBeGreaterThanOrEqual(1500);
      expect(n).toBeLessThanOrEqual(30000);
    }
    expect(new Set(sizes).size).toBeGreaterThan(1);
  });
  it('one backlink per referring page, consistent flags', () => {
    const ds = generateDataset('unique-pages.com', 's');
    const urls = ds.rows.map((r) => r.item.url_from);
    expect(new Set(urls).size).toBe(urls.length);
    for (const { item } of ds.rows) {
      if (item.is_broken) expect(item.url_to_status_code).toBeGreaterThanOrEqual(400);
      if (item.item_type !== 'anchor' && item.item_type !== 'image') expect(item.anchor).toBeNull();
      if (item.is_new) expect(item.is_lost).toBe(false);
      if (item.prev_seen) expect(item.first_seen <= item.prev_seen && item.prev_seen <= item.last_seen).toBe(true);
    }
  });
});
