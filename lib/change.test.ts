import { describe, expect, it } from 'vitest';
import type { EarlierCheck } from './messages';
import { figureChange, shortDate } from './change';

const NOW = Date.UTC(2026, 11, 2, 12);
const NOV3 = Date.UTC(2026, 10, 3, 9);
const earlier = (over: Partial<EarlierCheck> = {}): EarlierCheck => ({
  fetchedAt: NOV3,
  rank: 40,
  backlinks: 3000,
  referringDomains: 100,
  sameOptions: true,
  optionsDiffer: [],
  ...over,
});

describe('what changed since the last check', () => {
  it('dates the earlier check briefly, with the year only when it is not this year', () => {
    expect(shortDate(NOV3, NOW)).toBe('3 Nov');
    expect(shortDate(Date.UTC(2025, 0, 31), NOW)).toBe('31 Jan 2025');
  });

  it('says how much a figure rose or fell since the earlier check, with its date', () => {
    expect(figureChange('referringDomains', 112, earlier(), NOW)).toEqual({
      delta: '+12',
      direction: 'up',
      sameOptions: true,
      text: '+12 since 3 Nov',
      title: 'Referring domains 100 in the check of 3 Nov, 112 now.',
    });
    expect(figureChange('backlinks', 1800, earlier(), NOW)).toMatchObject({ delta: '−1,200', direction: 'down', text: '−1,200 since 3 Nov' });
    expect(figureChange('rank', 41, earlier(), NOW)?.text).toBe('+1 since 3 Nov');
  });

  it('says nothing without an earlier check, for an unchanged or unknown figure', () => {
    expect(figureChange('rank', 41, null, NOW)).toBeNull();
    expect(figureChange('rank', 41, undefined, NOW)).toBeNull();
    expect(figureChange('rank', 40, earlier(), NOW)).toBeNull();
    expect(figureChange('rank', null, earlier(), NOW)).toBeNull();
    expect(figureChange('rank', 45, earlier({ rank: null }), NOW)).toBeNull();
  });

  it('an earlier check with other options is compared in other words, naming the options', () => {
    const c = figureChange('referringDomains', 112, earlier({ sameOptions: false, optionsDiffer: ['includeSubdomains', 'statusType'] }), NOW);
    expect(c?.text).toBe('+12 vs 3 Nov (other options)');
    expect(c?.sameOptions).toBe(false);
    expect(c?.text).not.toMatch(/since/);
    expect(c?.title).toMatch(/other options \(subdomains, backlink status\)/);
    const unknown = figureChange('backlinks', 3100, earlier({ sameOptions: false }), NOW);
    expect(unknown?.title).toMatch(/other options or another account/);
  });
});
