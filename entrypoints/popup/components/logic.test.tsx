import { describe, expect, it } from 'vitest';
import type { Anchor, Profile } from '@/lib/model';
import type { ReplyMeta } from '@/lib/messages';
import {
  anchorLabel,
  anchorNofollow,
  backlinkFollowSplit,
  followSplit,
  freshness,
  readScopeMemory,
  rememberScope,
  spamLevel,
  spentToday,
} from './logic';
import { summaryText } from './summary';
import { shownAttributes, shownPlatforms } from './breakdowns';

const meta = (m: Partial<ReplyMeta>): ReplyMeta => ({ cost: 0, fetchedAt: 0, fromCache: false, spentToday: 0, ...m });

function anchor(a: Partial<Anchor>): Anchor {
  return {
    anchor: null, rank: null, backlinks: null, backlinksSpamScore: null, referringDomains: null,
    referringDomainsNofollow: null, referringMainDomains: null, referringPages: null,
    referringPagesNofollow: null, brokenBacklinks: null, firstSeen: null, lostDate: null, ...a,
  };
}

function profile(p: Partial<Profile>): Profile {
  return {
    target: null, rank: null, backlinks: null, backlinksSpamScore: null, crawledPages: null,
    referringDomains: null, referringDomainsNofollow: null, referringMainDomains: null,
    referringMainDomainsNofollow: null, referringIps: null, referringSubnets: null, referringPages: null,
    referringPagesNofollow: null, brokenBacklinks: null, brokenPages: null, internalLinks: null,
    externalLinks: null, firstSeen: null, lostDate: null,
    info: { server: null, cms: null, platformTypes: [], ipAddress: null, country: null, isIp: null, targetSpamScore: null },
    tlds: [], linkTypes: [], linkAttributes: [], platformTypes: [], semanticLocations: [], countries: [], ...p,
  };
}

describe('popup logic', () => {
  it('splits dofollow and nofollow from the nofollow count', () => {
    expect(followSplit(1000, 150)).toEqual({ dofollow: 850, nofollow: 150, total: 1000 });
    expect(followSplit(10, 25)).toEqual({ dofollow: 0, nofollow: 10, total: 10 });
    expect(followSplit(0, 0)).toBeNull();
    expect(followSplit(null, 3)).toBeNull();
    expect(followSplit(5, null)).toBeNull();
  });

  it('takes the dofollow share per backlink from the nofollow link count, not from referring_domains_nofollow', () => {
    // 10 domains, 8 of them with at least one nofollow link (mixed domains), yet only 20 of 100 links are nofollow.
    const p = profile({ backlinks: 100, referringDomains: 10, referringDomainsNofollow: 8, linkAttributes: [{ key: 'external', count: 100 }, { key: 'nofollow', count: 20 }] });
    expect(backlinkFollowSplit(p)).toEqual({ dofollow: 80, nofollow: 20, total: 100 });
    // No nofollow attribute among the counted attributes: every link is dofollow.
    expect(backlinkFollowSplit(profile({ backlinks: 50, linkAttributes: [{ key: 'noopener', count: 5 }] }))).toEqual({ dofollow: 50, nofollow: 0, total: 50 });
    // No attribute breakdown or no backlinks: unknown.
    expect(backlinkFollowSplit(profile({ backlinks: 50, linkAttributes: [] }))).toBeNull();
    expect(backlinkFollowSplit(profile({ backlinks: null, linkAttributes: [{ key: 'nofollow', count: 5 }] }))).toBeNull();
  });

  it('drops noopener/noreferrer bars, puts unknown platforms last and grades spam', () => {
    expect(shownAttributes([{ key: 'noopener', count: 9 }, { key: 'nofollow', count: 5 }, { key: 'noreferrer', count: 4 }, { key: 'ugc', count: 1 }]).map((i) => i.key)).toEqual(['nofollow', 'ugc']);
    expect(shownPlatforms([{ key: 'unknown', count: 900 }, { key: 'blogs', count: 20 }, { key: 'cms', count: 5 }]).map((i) => i.key)).toEqual(['blogs', 'cms', 'unknown']);
    expect([spamLevel(null), spamLevel(0), spamLevel(29), spamLevel(30), spamLevel(59), spamLevel(60), spamLevel(100)]).toEqual(['', 'good', 'good', 'warn', 'warn', 'bad', 'bad']);
  });

  it('takes the nofollow share of an anchor by domains, else by pages', () => {
    expect(anchorNofollow(anchor({ referringDomains: 835, referringDomainsNofollow: 146 }))).toEqual({ part: 146, whole: 835, by: 'domains' });
    expect(anchorNofollow(anchor({ referringDomains: 0, referringPages: 20, referringPagesNofollow: 5 }))).toEqual({ part: 5, whole: 20, by: 'pages' });
    expect(anchorNofollow(anchor({}))).toBeNull();
  });

  it('names empty anchors', () => {
    expect(anchorLabel('')).toBe('(empty anchor)');
    expect(anchorLabel('  ')).toBe('(empty anchor)');
    expect(anchorLabel(null)).toBe('(empty anchor)');
    expect(anchorLabel('news')).toBe('news');
  });

  it('sums the cost of a check, or reports the cache', () => {
    expect(freshness([])).toEqual({ kind: 'none' });
    expect(freshness([meta({ cost: 0.02003 }), meta({ cost: 0.0203 })])).toEqual({ kind: 'paid', cost: 0.04033, partlyCached: false });
    expect(freshness([meta({ fromCache: true, fetchedAt: 500 }), meta({ fromCache: true, fetchedAt: 300 })])).toEqual({ kind: 'cache', fetchedAt: 300 });
    expect(freshness([meta({ fromCache: true }), meta({ cost: 0.02 })])).toEqual({ kind: 'paid', cost: 0.02, partlyCached: true });
    expect(spentToday([meta({ spentToday: 0.1 }), meta({ spentToday: 0.14 })])).toBe(0.14);
    expect(spentToday([])).toBeNull();
  });

  it('writes a plain-text summary', () => {
    const text = summaryText({
      target: { scope: 'domain', value: 'example.com', display: 'example.com' },
      profile: profile({
        rank: 371, backlinks: 41245, referringDomains: 1000, referringDomainsNofollow: 250, backlinksSpamScore: 8,
        linkAttributes: [{ key: 'nofollow', count: 10311 }, { key: 'noopener', count: 8960 }],
      }),
      anchors: {
        totalCount: 4,
        items: [
          anchor({ anchor: 'news', backlinks: 4186 }),
          anchor({ anchor: '', backlinks: 12 }),
          anchor({ anchor: 'line\nbreak', backlinks: 3 }),
          anchor({ anchor: 'fourth', backlinks: 1 }),
        ],
      },
      rankScale: 'one_thousand',
      checkedAt: Date.UTC(2024, 4, 2, 10),
    });
    expect(text).toBe(
      [
        'Backlinks of example.com (domain)',
        'Rank: 371/1000',
        'Backlinks: 41,245',
        'Dofollow backlinks: 75%',
        'Referring domains: 1,000',
        'Spam score: 8',
        'Top anchors: "news" (4,186), (empty anchor) (12), "line break" (3)',
        'Checked: 2024-05-02',
      ].join('\n'),
    );
  });

  it('remembers scopes per site, most recent last, within the cap', () => {
    let m = readScopeMemory({ 'a.com': 'host', 'b.com': 'bogus', 'c.com': 3 });
    expect(m).toEqual({ 'a.com': 'host' });
    m = rememberScope(m, 'b.com', 'page', 2);
    m = rememberScope(m, 'a.com', 'domain', 2);
    expect(Object.keys(m)).toEqual(['b.com', 'a.com']);
    m = rememberScope(m, 'c.com', 'host', 2);
    expect(m).toEqual({ 'a.com': 'domain', 'c.com': 'host' });
    expect(readScopeMemory(null)).toEqual({});
    expect(readScopeMemory(['page'])).toEqual({});
  });
});
