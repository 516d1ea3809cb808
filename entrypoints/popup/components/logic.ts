import type { AnchorsPage, Anchor, Profile } from '@/lib/model';
import type { ReplyMeta } from '@/lib/messages';
import type { LookupTarget, Scope } from '@/lib/lookupTarget';
import type { Settings } from '@/lib/settings/fields';
import { formatDate, formatExact, formatShare } from '@/lib/format';
import { t, type MessageKey } from '@/lib/i18n';

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

/** Attributes worth a bar: noopener / noreferrer say nothing about link value. */
const QUIET_ATTRIBUTES = new Set(['noopener', 'noreferrer']);
export function shownAttributes(items: readonly { key: string; count: number }[]): { key: string; count: number }[] {
  return items.filter((i) => !QUIET_ATTRIBUTES.has(i.key));
}

/** Known platform types first, "unknown" (and empty) last. */
export function shownPlatforms(items: readonly { key: string; count: number }[]): { key: string; count: number }[] {
  const unknown = (k: string) => k === '' || k === 'unknown';
  return [...items.filter((i) => !unknown(i.key)), ...items.filter((i) => unknown(i.key))];
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

const SUMMARY_TITLE: Record<Scope, MessageKey> = { domain: 'popupSumDomain', host: 'popupSumHost', page: 'popupSumPage' };

/** A short plain-text summary for the clipboard. */
export function summaryText(input: {
  target: LookupTarget;
  profile: Profile | null;
  anchors: AnchorsPage | null;
  rankScale: Settings['rankScale'];
  checkedAt: number | null;
}): string {
  const { target, profile, anchors } = input;
  const lines = [t(SUMMARY_TITLE[target.scope], target.display)];
  if (profile) {
    const split = backlinkFollowSplit(profile);
    lines.push(
      `${t('popupRank')}: ${profile.rank == null ? '—' : `${formatExact(profile.rank)}${rankOutOf(input.rankScale)}`}`,
      `${t('popupBacklinks')}: ${formatExact(profile.backlinks)}`,
      `${t('popupRefDomains')}: ${formatExact(profile.referringDomains)}`,
      `${t('popupSpam')}: ${formatExact(spamScore(profile))}`,
    );
    if (split) lines.splice(lines.length - 2, 0, `${t('popupDofollow')}: ${formatShare(split.dofollow, split.total)}`);
  }
  if (anchors && anchors.items.length > 0) {
    const top = anchors.items
      .slice(0, 3)
      .map((a) => `${a.anchor && a.anchor.trim() ? `"${oneLine(a.anchor)}"` : anchorLabel(a.anchor)} (${formatExact(a.backlinks)})`);
    lines.push(`${t('popupTopAnchors')}: ${top.join(', ')}`);
  }
  if (input.checkedAt != null) lines.push(`${t('popupChecked')}: ${formatDate(new Date(input.checkedAt).toISOString())}`);
  return lines.join('\n');
}

/** Anchor text on one line, bounded, without control characters. */
function oneLine(text: string): string {
  const flat = text.replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > 80 ? `${chars.slice(0, 79).join('')}…` : flat;
}

export { SCOPE_MEMORY_CAP, readScopeMemory, rememberScope } from '@/lib/scopeMemory';
