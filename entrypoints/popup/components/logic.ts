import type { Anchor, Profile } from '@/lib/model';
import type { ReplyMeta } from '@/lib/messages';
import type { Settings } from '@/lib/settings/fields';
import { t } from '@/lib/i18n';

/** Pure helpers of the popup: no browser APIs, so they can be tested on their own. */

/** Rows the popup asks for in its top-anchors list. */
export { TOP_ANCHORS } from '@/lib/defaults';

/** "/100" or "/1000", after the rank. */
export function rankOutOf(scale: Settings['rankScale']): string {
  return scale === 'one_thousand' ? '/1000' : '/100';
}

export interface Split {
  dofollow: number;
  nofollow: number;
  total: number;
}

/** Dofollow vs nofollow from a total and its nofollow count; null when either is unknown or the total is 0. */
export function followSplit(total: number | null, nofollow: number | null): Split | null {
  if (total == null || nofollow == null || !Number.isFinite(total) || !Number.isFinite(nofollow) || total <= 0) return null;
  const nf = Math.min(Math.max(nofollow, 0), total);
  return { dofollow: total - nf, nofollow: nf, total };
}

/**
 * Dofollow vs nofollow by backlinks (per link): the summary's `referring_links_attributes` counts the
 * referring links per attribute, so links without `nofollow` are `backlinks − attributes.nofollow`.
 * Null when the backlinks or the attribute breakdown are unknown. (`referring_domains_nofollow` cannot
 * give a dofollow share: it counts domains with at least one nofollow link, so mixed domains count there.)
 */
export function backlinkFollowSplit(p: Pick<Profile, 'backlinks' | 'linkAttributes'>): Split | null {
  if (p.linkAttributes.length === 0) return null;
  const nofollow = p.linkAttributes.find((a) => a.key === 'nofollow')?.count ?? 0;
  return followSplit(p.backlinks, nofollow);
}

/** Warning level of a spam score (0–100): ≥ 60 bad, ≥ 30 warn, else good. */
export function spamLevel(score: number | null): '' | 'good' | 'warn' | 'bad' {
  if (score == null) return '';
  return score >= 60 ? 'bad' : score >= 30 ? 'warn' : 'good';
}

/** For one anchor: referring domains (else pages) with at least one nofollow link, of all of them. */
export function anchorNofollow(a: Anchor): { part: number; whole: number; by: 'domains' | 'pages' } | null {
  if (a.referringDomains != null && a.referringDomains > 0 && a.referringDomainsNofollow != null) {
    return { part: a.referringDomainsNofollow, whole: a.referringDomains, by: 'domains' };
  }
  if (a.referringPages != null && a.referringPages > 0 && a.referringPagesNofollow != null) {
    return { part: a.referringPagesNofollow, whole: a.referringPages, by: 'pages' };
  }
  return null;
}

/** How an anchor reads in text: its words, or "(empty anchor)". */
export function anchorLabel(anchor: string | null): string {
  return anchor == null || anchor.trim() === '' ? t('popupEmptyAnchor') : anchor;
}

/** The target's own spam score when the API gave one, else the average over its backlinks. */
export function spamScore(p: Profile): number | null {
  return p.info.targetSpamScore ?? p.backlinksSpamScore;
}

export type Freshness =
  | { kind: 'none' }
  /** Everything came from the cache: nothing was spent now. */
  | { kind: 'cache'; fetchedAt: number }
  /** At least one part was fetched now; `cost` is what this check cost. */
  | { kind: 'paid'; cost: number; partlyCached: boolean };

/** What the footer says about money and age, from the metas of the parts that arrived. */
export function freshness(metas: readonly ReplyMeta[]): Freshness {
  if (metas.length === 0) return { kind: 'none' };
  if (metas.every((m) => m.fromCache)) {
    return { kind: 'cache', fetchedAt: Math.min(...metas.map((m) => m.fetchedAt)) };
  }
  const cost = metas.reduce((sum, m) => sum + (Number.isFinite(m.cost) ? m.cost : 0), 0);
  return { kind: 'paid', cost: Math.round(cost * 1e8) / 1e8, partlyCached: metas.some((m) => m.fromCache) };
}

/** Spend today after the latest answer (parallel answers each report their own running total). */
export function spentToday(metas: readonly ReplyMeta[]): number | null {
  const values = metas.map((m) => m.spentToday).filter((v) => Number.isFinite(v));
  return values.length ? Math.max(...values) : null;
}

export { SCOPE_MEMORY_CAP, readScopeMemory, rememberScope } from '@/lib/scopeMemory';
