import type { Backlink } from './model';
import { DEFAULT_FILTERS } from './defaults';
import { queryOptionsFrom } from './settings/query';
import type { AnchorsParams, BacklinkFilters, BacklinksParams, LookupTarget } from './params.schema';
import type { Settings } from './settings/fields';

/**
 * Pure logic of the side panel's lists: which request comes next, whether more can be loaded, and
 * how one backlink is labelled. No browser APIs, so it is tested on its own.
 */

/** The API takes offsets up to this; past it, a page continues from the previous page's token. */
export const OFFSET_LIMIT = 20_000;


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

/**
 * The request for the page after `prev`, given how many rows are loaded in all and the token the
 * previous page returned. Up to OFFSET_LIMIT the next page is asked by offset; beyond, by the token
 * with every other field of the previous request unchanged (as the API requires). Null when the
 * list cannot go on (beyond the limit without a token).
 */
export function nextBacklinksParams(prev: BacklinksParams, loaded: number, token: string | null): BacklinksParams | null {
  if (loaded <= OFFSET_LIMIT && prev.searchAfterToken === null) {
    return { ...prev, offset: loaded, searchAfterToken: null };
  }
  if (!token) return null;
  return { ...prev, searchAfterToken: token };
}

export function firstAnchorsParams(target: LookupTarget, settings: Settings, sort: AnchorsParams['sort'], text: string): AnchorsParams {
  return { target, options: queryOptionsFrom(settings), limit: settings.anchorsPageSize, offset: 0, sort, text };
}

/** Anchors page by offset only; null past the API's offset limit. */
export function nextAnchorsParams(prev: AnchorsParams, loaded: number): AnchorsParams | null {
  return loaded <= OFFSET_LIMIT ? { ...prev, offset: loaded } : null;
}

/**
 * Whether "Load more" makes sense: the last page came back full, fewer rows are loaded than the total
 * says (when it says), and the next request can be built.
 */
export function canLoadMore(total: number | null, loaded: number, lastPageRows: number, limit: number, next: unknown): boolean {
  if (next === null || lastPageRows === 0 || lastPageRows < limit) return false;
  if (total !== null) return loaded < total;
  return true;
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

/** What the link carries, for its row: the anchor text, else a word for the kind of link. */
export function linkLabel(b: Backlink): { text: string; kind: 'anchor' | 'placeholder' } {
  const type = (b.itemType ?? '').toLowerCase();
  if (type === 'image') {
    const alt = (b.alt ?? '').trim();
    return alt ? { text: alt, kind: 'anchor' } : { text: 'image link', kind: 'placeholder' };
  }
  const anchor = (b.anchor ?? '').trim();
  if (anchor) return { text: anchor, kind: 'anchor' };
  if (type === 'redirect' || type === 'canonical' || type === 'alternate' || type === 'meta') return { text: type, kind: 'placeholder' };
  const alt = (b.alt ?? '').trim();
  if (alt) return { text: alt, kind: 'anchor' };
  return { text: 'empty anchor', kind: 'placeholder' };
}

/** The rel values that stop a link from passing value (others, such as noopener, do not matter here). */
export const NOFOLLOW_ATTRIBUTES = ['nofollow', 'ugc', 'sponsored'] as const;

/** "dofollow", or the attributes that make it not count (nofollow, ugc, sponsored). */
export function followLabel(b: Backlink): { text: string; dofollow: boolean | null } {
  const attrs = b.attributes.map((a) => a.trim().toLowerCase()).filter((a) => (NOFOLLOW_ATTRIBUTES as readonly string[]).includes(a));
  const unique = [...new Set(attrs)];
  if (b.dofollow === true) return { text: 'dofollow', dofollow: true };
  if (unique.length > 0) return { text: unique.join(', '), dofollow: false };
  if (b.dofollow === false) return { text: 'nofollow', dofollow: false };
  return { text: 'follow unknown', dofollow: null };
}

export type BadgeTone = 'good' | 'warn' | 'bad' | 'plain';

/** The state badges of a backlink, in a fixed order. */
export function badgesOf(b: Backlink): { label: string; tone: BadgeTone }[] {
  const out: { label: string; tone: BadgeTone }[] = [];
  if (b.isNew) out.push({ label: 'new', tone: 'good' });
  if (b.isLost) out.push({ label: 'lost', tone: 'bad' });
  if (b.isBroken) out.push({ label: 'broken', tone: 'warn' });
  if (b.isIndirect) out.push({ label: 'indirect', tone: 'plain' });
  return out;
}

/** "Domain · example.com", the header line naming what is shown. */
export function targetHeading(target: LookupTarget): { scope: string; display: string } {
  const scope = target.scope === 'domain' ? 'Whole domain' : target.scope === 'host' ? 'This host' : 'This page';
  return { scope, display: target.display || target.value };
}

/** Same target and scope (the display may differ). */
export function sameTarget(a: LookupTarget | null, b: LookupTarget | null): boolean {
  if (a === null || b === null) return a === b;
  return a.scope === b.scope && a.value === b.value;
}
