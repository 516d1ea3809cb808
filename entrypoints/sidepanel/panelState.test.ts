import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  OFFSET_LIMIT,
  badgesOf,
  canLoadMore,
  firstAnchorsParams,
  firstBacklinksParams,
  followLabel,
  linkLabel,
  nextAnchorsParams,
  nextBacklinksParams,
  sameTarget,
  sameView,
  targetHeading,
  linkKindBadge,
  spamTone,
} from './panelState';
import { DEFAULT_SETTINGS } from '@/lib/settings/fields';
import type { Backlink } from '@/lib/model';
import type { LookupTarget } from '@/lib/lookupTarget';

const target: LookupTarget = { scope: 'domain', value: 'example.com', display: 'example.com' };

function bl(over: Partial<Backlink>): Backlink {
  return {
    domainFrom: null, urlFrom: null, domainTo: null, urlTo: null, tldFrom: null,
    isNew: null, isLost: null, isBroken: null, isIndirect: null, spamScore: null, rank: null,
    pageFromRank: null, domainFromRank: null, domainFromCountry: null, pageFromTitle: null,
    pageFromLanguage: null, pageFromStatusCode: null, firstSeen: null, prevSeen: null, lastSeen: null,
    itemType: null, attributes: [], dofollow: null, anchor: null, alt: null, imageUrl: null,
    textPre: null, textPost: null, semanticLocation: null, linksCount: null, groupCount: null,
    urlToStatusCode: null, urlToSpamScore: null, urlToRedirectTarget: null, indirectPath: [],
    ...over,
  };
}

describe('backlinks paging', () => {
  const settings = { ...DEFAULT_SETTINGS, backlinksPageSize: 250, includeSubdomains: false, statusType: 'all' as const };
  const view = { sort: 'firstSeen' as const, dir: 'asc' as const, mode: 'one_per_domain' as const, filters: { ...DEFAULT_VIEW.filters, dofollowOnly: true } };
  const first = firstBacklinksParams(target, settings, view);

  it('starts at offset 0 with the page size, options and view from the caller', () => {
    expect(first).toEqual({
      target,
      options: { includeSubdomains: false, includeIndirectLinks: true, excludeInternalBacklinks: true, statusType: 'all', rankScale: 'one_hundred' },
      limit: 250,
      offset: 0,
      searchAfterToken: null,
      sort: 'firstSeen',
      dir: 'asc',
      mode: 'one_per_domain',
      filters: { ...DEFAULT_VIEW.filters, dofollowOnly: true },
    });
  });

  it('continues by offset = rows loaded, every other field unchanged', () => {
    const next = nextBacklinksParams(first, 250, 'tok-1');
    expect(next).toEqual({ ...first, offset: 250, searchAfterToken: null });
  });

  it('asks the last offset page at exactly the limit, then switches to the token', () => {
    const at = nextBacklinksParams({ ...first, offset: OFFSET_LIMIT - 250 }, OFFSET_LIMIT, 'tok-a');
    expect(at).toEqual({ ...first, offset: OFFSET_LIMIT, searchAfterToken: null });
    const past = nextBacklinksParams(at!, OFFSET_LIMIT + 250, 'tok-b');
    expect(past).toEqual({ ...first, offset: OFFSET_LIMIT, searchAfterToken: 'tok-b' });
    const further = nextBacklinksParams(past!, OFFSET_LIMIT + 500, 'tok-c');
    expect(further).toEqual({ ...first, offset: OFFSET_LIMIT, searchAfterToken: 'tok-c' });
  });

  it('stops past the limit without a token', () => {
    expect(nextBacklinksParams({ ...first, offset: OFFSET_LIMIT }, OFFSET_LIMIT + 250, null)).toBeNull();
    expect(nextBacklinksParams({ ...first, offset: OFFSET_LIMIT, searchAfterToken: 'x' }, OFFSET_LIMIT + 500, '')).toBeNull();
  });

  it('knows when there is more', () => {
    expect(canLoadMore(1000, 250, 250, 250, {})).toBe(true);
    expect(canLoadMore(250, 250, 250, 250, {})).toBe(false);
    expect(canLoadMore(1000, 250, 0, 250, {})).toBe(false);
    expect(canLoadMore(null, 250, 250, 250, {})).toBe(true);
    expect(canLoadMore(1000, 250, 250, 250, null)).toBe(false);
    // A short page is the last one, whatever the total says.
    expect(canLoadMore(1000, 490, 240, 250, {})).toBe(false);
  });
});

describe('anchors paging', () => {
  it('pages by offset and stops past the limit', () => {
    const first = firstAnchorsParams(target, { ...DEFAULT_SETTINGS, anchorsPageSize: 50 }, 'referringDomains', 'seo');
    expect(first).toMatchObject({ limit: 50, offset: 0, sort: 'referringDomains', text: 'seo', target });
    expect(nextAnchorsParams(first, 50)).toEqual({ ...first, offset: 50 });
    expect(nextAnchorsParams(first, OFFSET_LIMIT + 1)).toBeNull();
  });
});

describe('views and targets', () => {
  it('compares views field by field, ignoring outer spaces of the text', () => {
    expect(sameView(DEFAULT_VIEW, { ...DEFAULT_VIEW, filters: { ...DEFAULT_VIEW.filters, text: '  ' } })).toBe(true);
    expect(sameView(DEFAULT_VIEW, { ...DEFAULT_VIEW, dir: 'asc' })).toBe(false);
    expect(sameView(DEFAULT_VIEW, { ...DEFAULT_VIEW, mode: 'one_per_anchor' })).toBe(false);
    expect(sameView(DEFAULT_VIEW, { ...DEFAULT_VIEW, filters: { ...DEFAULT_VIEW.filters, brokenOnly: true } })).toBe(false);
    expect(sameView(DEFAULT_VIEW, { ...DEFAULT_VIEW, filters: { ...DEFAULT_VIEW.filters, itemType: 'image' } })).toBe(false);
  });

  it('compares targets by scope and value', () => {
    expect(sameTarget(target, { ...target, display: 'other' })).toBe(true);
    expect(sameTarget(target, { ...target, scope: 'host' })).toBe(false);
    expect(sameTarget(null, null)).toBe(true);
    expect(sameTarget(target, null)).toBe(false);
  });

  it('names the scope in the heading and prefers the display form', () => {
    expect(targetHeading({ scope: 'domain', value: 'xn--bcher-kva.de', display: 'bücher.de' })).toEqual({ scope: 'Whole domain', display: 'bücher.de' });
    expect(targetHeading({ scope: 'page', value: 'https://a.com/x', display: '' })).toEqual({ scope: 'This page', display: 'https://a.com/x' });
  });
});

describe('row labels', () => {
  it.each([
    [{ itemType: 'anchor', anchor: 'best tools' }, 'best tools', 'anchor'],
    [{ itemType: 'image', alt: 'Logo' }, 'Logo', 'anchor'],
    [{ itemType: 'image', alt: '  ', anchor: null }, 'image link', 'placeholder'],
    [{ itemType: 'redirect' }, 'redirect', 'placeholder'],
    [{ itemType: 'canonical', anchor: '' }, 'canonical', 'placeholder'],
    [{ itemType: 'anchor', anchor: '' }, 'empty anchor', 'placeholder'],
  ] as const)('%j → %s', (over, text, kind) => {
    expect(linkLabel(bl(over))).toEqual({ text, kind });
  });

  it('says dofollow or lists the attributes', () => {
    expect(followLabel(bl({ dofollow: true }))).toEqual({ text: 'dofollow', dofollow: true });
    expect(followLabel(bl({ dofollow: false, attributes: ['nofollow', 'ugc'] }))).toEqual({ text: 'nofollow, ugc', dofollow: false });
    expect(followLabel(bl({ dofollow: false, attributes: ['sponsored'] })).text).toBe('sponsored');
    expect(followLabel(bl({ dofollow: false }))).toEqual({ text: 'nofollow', dofollow: false });
    expect(followLabel(bl({})).dofollow).toBeNull();
    // Attributes that do not change following are left out.
    expect(followLabel(bl({ dofollow: true, attributes: ['noopener', 'noreferrer'] }))).toEqual({ text: 'dofollow', dofollow: true });
    expect(followLabel(bl({ dofollow: false, attributes: ['noopener', 'UGC', 'ugc'] })).text).toBe('ugc');
    expect(followLabel(bl({ dofollow: null, attributes: ['sponsored'] }))).toEqual({ text: 'sponsored', dofollow: false });
  });

  it('lists the state badges in order', () => {
    expect(badgesOf(bl({ isNew: true, isLost: true, isBroken: true, isIndirect: true })).map((b) => b.label)).toEqual(['new', 'lost', 'broken', 'indirect']);
    expect(badgesOf(bl({ isNew: false, isBroken: null }))).toEqual([]);
  });
});

describe('link kind badges and spam marks', () => {
  it('are true to the item type: no text-link badge on alternate, canonical, meta or redirect items', () => {
    expect(['anchor', 'link', 'image', 'redirect', 'canonical', 'alternate', 'meta', 'ALTERNATE', 'other', '', null].map((t) => linkKindBadge(t)?.text ?? null)).toEqual([
      'A', 'A', 'IMG', 'RED', 'CAN', 'ALT', 'META', 'ALT', null, null, null,
    ]);
  });
  it('mark spam from 30 (warn) and 60 (bad), as the popup does', () => {
    expect([null, 0, 29, 30, 59, 60, 100, Number.NaN].map(spamTone)).toEqual(['', '', '', 'warn', 'warn', 'bad', 'bad', '']);
  });
});
