import type { AnchorsPage, Profile } from '@/lib/model';
import type { LookupTarget, Scope } from '@/lib/lookupTarget';
import type { Settings } from '@/lib/settings/fields';
import { formatDate, formatExact, formatShare } from '@/lib/format';
import { t, type MessageKey } from '@/lib/i18n';
import { anchorLabel, backlinkFollowSplit, rankOutOf, spamScore } from './logic';

/* The Copy button's text, loaded on its click (not needed for the popup's first paint). */

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

