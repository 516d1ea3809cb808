import type { Backlink } from '@/lib/model';
import { DEFAULT_FILTERS } from '@/lib/defaults';
import { queryOptionsFrom } from '@/lib/settings/query';
import type { AnchorsParams, BacklinkFilters, BacklinksParams, LookupTarget } from '@/lib/params.schema';
import type { Settings } from '@/lib/settings/fields';
import { t } from '@/lib/i18n';
import { nextPageParams } from './pagedList';

/**
 * Pure logic of the side panel's two first lists: their first requests, the backlinks view the user
 * chose, and how one backlink is labelled. No browser APIs, so it is tested on its own. (Paging of
 * every list is in ./pagedList.ts.)
 */

export { OFFSET_LIMIT, canLoadMore } from './pagedList';


/** What the user chose for the backlinks list (everything but target, options and paging). */
export interface BacklinksView {
  sort: BacklinksParams['sort'];
  dir: BacklinksParams['dir'];
  mode: BacklinksParams['mode'];
  filters: BacklinkFilters;
}

export const DEFAULT_VIEW: BacklinksView = { sort: 'rank', dir: 'desc', mode: 'as_is', filters: DEFAULT_FILTERS };

/** The first page of a list for a target and view: offset 0, no token. */
export function firstBacklinksParams(target: LookupTarget, settings: Settings, view: BacklinksView): BacklinksParams {
  return {
    target,
    options: queryOptionsFrom(settings),
    limit: settings.backlinksPageSize,
    offset: 0,
    searchAfterToken: null,
    sort: view.sort,
    dir: view.dir,
    mode: view.mode,
    filters: { ...view.filters },
  };
}

/** The backlinks page after `prev` (by offset, past the offset limit by token): see nextPageParams. */
export function nextBacklinksParams(prev: BacklinksParams, loaded: number, token: string | null): BacklinksParams | null {
  return nextPageParams(prev, loaded, token);
}

export function firstAnchorsParams(target: LookupTarget, settings: Settings, sort: AnchorsParams['sort'], text: string): AnchorsParams {
  return { target, options: queryOptionsFrom(settings), limit: settings.anchorsPageSize, offset: 0, sort, text };
}

/** Anchors page by offset only; null past the API's offset limit. */
export function nextAnchorsParams(prev: AnchorsParams, loaded: number): AnchorsParams | null {
  return nextPageParams(prev, loaded, null);
}

/** Whether two views ask for the same rows (a changed view starts again from page 1). */
export function sameView(a: BacklinksView, b: BacklinksView): boolean {
  return (
    a.sort === b.sort &&
    a.dir === b.dir &&
    a.mode === b.mode &&
    a.filters.dofollowOnly === b.filters.dofollowOnly &&
    a.filters.newOnly === b.filters.newOnly &&
    a.filters.lostOnly === b.filters.lostOnly &&
    a.filters.brokenOnly === b.filters.brokenOnly &&
    a.filters.itemType === b.filters.itemType &&
    a.filters.text.trim() === b.filters.text.trim()
  );
}

/** The word for a link's type shown in place of an anchor text. */
const KIND_WORD = { redirect: 'panelKindRedirect', canonical: 'panelKindCanonical', alternate: 'panelKindAlternate', meta: 'panelKindMeta' } as const;

/** What the link carries, for its row: the anchor text, else a word for the kind of link. */
export function linkLabel(b: Backlink): { text: string; kind: 'anchor' | 'placeholder' } {
  const type = (b.itemType ?? '').toLowerCase();
  if (type === 'image') {
    const alt = (b.alt ?? '').trim();
    return alt ? { text: alt, kind: 'anchor' } : { text: t('panelImageLink'), kind: 'placeholder' };
  }
  const anchor = (b.anchor ?? '').trim();
  if (anchor) return { text: anchor, kind: 'anchor' };
  if (type === 'redirect' || type === 'canonical' || type === 'alternate' || type === 'meta') return { text: t(KIND_WORD[type]), kind: 'placeholder' };
  const alt = (b.alt ?? '').trim();
  if (alt) return { text: alt, kind: 'anchor' };
  return { text: t('panelEmptyAnchor'), kind: 'placeholder' };
}

/** The rel values that stop a link from passing value (others, such as noopener, do not matter here). */
export const NOFOLLOW_ATTRIBUTES = ['nofollow', 'ugc', 'sponsored'] as const;

/** "dofollow", or the attributes that make it not count (nofollow, ugc, sponsored). */
export function followLabel(b: Backlink): { text: string; dofollow: boolean | null } {
  const attrs = b.attributes.map((a) => a.trim().toLowerCase()).filter((a) => (NOFOLLOW_ATTRIBUTES as readonly string[]).includes(a));
  const unique = [...new Set(attrs)];
  if (b.dofollow === true) return { text: t('panelDofollow'), dofollow: true };
  if (unique.length > 0) return { text: unique.join(', '), dofollow: false };
  if (b.dofollow === false) return { text: t('panelNofollow'), dofollow: false };
  return { text: t('panelFollowUnknown'), dofollow: null };
}

export type BadgeTone = 'good' | 'warn' | 'bad' | 'plain';

/** The state badges of a backlink, in a fixed order. */
export function badgesOf(b: Backlink): { label: string; tone: BadgeTone }[] {
  const out: { label: string; tone: BadgeTone }[] = [];
  if (b.isNew) out.push({ label: t('panelBadgeNew'), tone: 'good' });
  if (b.isLost) out.push({ label: t('panelBadgeLost'), tone: 'bad' });
  if (b.isBroken) out.push({ label: t('panelBadgeBroken'), tone: 'warn' });
  if (b.isIndirect) out.push({ label: t('panelBadgeIndirect'), tone: 'plain' });
  return out;
}

/** "Domain · example.com", the header line naming what is shown. */
export function targetHeading(target: LookupTarget): { scope: string; display: string } {
  const scope = t(target.scope === 'domain' ? 'panelScopeDomain' : target.scope === 'host' ? 'panelScopeHost' : 'panelScopePage');
  return { scope, display: target.display || target.value };
}

/** Same target and scope (the display may differ). */
export function sameTarget(a: LookupTarget | null, b: LookupTarget | null): boolean {
  if (a === null || b === null) return a === b;
  return a.scope === b.scope && a.value === b.value;
}

/**
 * The short badge of a link's kind, true to its item type: "A" only for a text link (`anchor`, or
 * the API's older `link`), "IMG" for an image; redirects, canonical, alternate and meta links get
 * their own; an unknown or missing type gets none.
 */
export function linkKindBadge(itemType: string | null): { text: string; title: string } | null {
  const type = (itemType ?? '').trim().toLowerCase();
  switch (type) {
    case 'anchor':
    case 'link':
      return { text: 'A', title: t('panelKindTextTitle') };
    case 'image':
      return { text: 'IMG', title: t('panelKindImageTitle') };
    case 'redirect':
      return { text: 'RED', title: t('panelKindRedirectTitle') };
    case 'canonical':
      return { text: 'CAN', title: t('panelKindCanonicalTitle') };
    case 'alternate':
      return { text: 'ALT', title: t('panelKindAlternateTitle') };
    case 'meta':
      return { text: 'META', title: t('panelKindMetaTitle') };
    default:
      return null;
  }
}

/** Spam scores (0–100) from which a row is marked, as in the popup: ≥ 30 warn, ≥ 60 bad. */
export const SPAM_WARN = 30;
export const SPAM_BAD = 60;

export function spamTone(score: number | null): '' | 'warn' | 'bad' {
  if (score == null || !Number.isFinite(score)) return '';
  return score >= SPAM_BAD ? 'bad' : score >= SPAM_WARN ? 'warn' : '';
}
