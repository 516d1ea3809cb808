import { describe, expect, it } from 'vitest';
import type { Backlink } from '@/lib/model';
import { backlinkFacts } from './BacklinkDetails';

/** A backlink with every field empty, plus `over`. */
const backlink = (over: Partial<Backlink>): Backlink =>
  ({
    attributes: [],
    indirectPath: [],
    ...Object.fromEntries(['itemType', 'semanticLocation', 'pageFromLanguage', 'domainFromCountry', 'pageFromStatusCode', 'linksCount', 'groupCount', 'urlToSpamScore', 'prevSeen', 'isNew', 'isLost', 'isBroken', 'isIndirect'].map((k) => [k, null])),
    ...over,
  }) as Backlink;

describe('the facts line of a backlink', () => {
  it('shows the fields added in 0.2 when the API gave them', () => {
    const facts = backlinkFacts(
      backlink({ pageFromExternalLinks: 40, rankedKeywordsTop10: 1, rankedKeywordsTop100: 55, domainFromPlatformTypes: ['blogs', 'cms'], groupCount: 7, urlToSpamScore: 12 }),
    );
    expect(facts).toEqual([
      '40 external links on the page',
      '7 backlinks in this group',
      'page ranks for 1 keyword in the top 10',
      '55 keywords in the top 100',
      'platform blogs, cms',
      'target page spam score 12',
    ]);
  });

  it('leaves out what is missing (cache entries from before 0.2) and a group count of 0 (not grouped)', () => {
    expect(backlinkFacts(backlink({ groupCount: 0 }))).toEqual([]);
    expect(backlinkFacts(backlink({ isNew: true, isBroken: true }))).toEqual(['new', 'broken']);
  });
});
