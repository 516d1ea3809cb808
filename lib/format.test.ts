import { describe, expect, it } from 'vitest';
import { formatAgo, formatCount, formatDate, formatExact, formatMoney, formatShare, safeHref } from './format';

describe('format', () => {
  it.each([
    [null, '—'],
    [0, '0'],
    [999, '999'],
    [1000, '1K'],
    [12372, '12.4K'],
    [41245, '41.2K'],
    [42671699, '42.7M'],
    [Number.NaN, '—'],
  ])('formatCount(%s) = %s', (n, out) => expect(formatCount(n)).toBe(out));

  it('formats exact figures and money', () => {
    expect(formatExact(12372)).toBe('12,372');
    expect(formatMoney(0.02003)).toBe('$0.0200');
    expect(formatMoney(0.0203)).toBe('$0.0203');
    expect(formatMoney(1.5)).toBe('$1.50');
    expect(formatMoney(0)).toBe('$0');
    expect(formatMoney(null)).toBe('—');
  });

  it('formats shares, dates and elapsed time', () => {
    expect(formatShare(25, 100)).toBe('25%');
    expect(formatShare(1, 200)).toBe('0.5%');
    expect(formatShare(1, 0)).toBe('—');
    expect(formatDate('2020-01-18T11:50:58.000Z')).toBe('2020-01-18');
    expect(formatDate('not a date')).toBe('—');
    const now = Date.UTC(2026, 0, 1, 12);
    expect(formatAgo(now - 10_000, now)).toBe('just now');
    expect(formatAgo(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatAgo(now - 3 * 3600_000, now)).toBe('3 h ago');
    expect(formatAgo(now - 3 * 86400_000, now)).toBe('3 days ago');
  });

  it.each([
    ['https://example.com/a?b#c', 'https://example.com/a?b#c'],
    ['http://example.com', 'http://example.com/'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    ['data:text/html,<b>x</b>', null],
    ['mailto:a@b.c', null],
    ['/relative', null],
    ['', null],
    [null, null],
  ])('safeHref(%s) = %s', (url, out) => expect(safeHref(url)).toBe(out));
});
