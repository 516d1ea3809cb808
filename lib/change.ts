import type { EarlierCheck } from './messages';
import type { QueryOptions } from './settings/query';
import { formatExact } from './format';
import { t, type MessageKey } from './i18n';

/**
 * "What changed since your last check": the headline figures against the earlier check the worker
 * found in the history (free). Pure, so the wording is tested on its own.
 */

export type ChangedFigure = 'rank' | 'backlinks' | 'referringDomains';

/** How the options a check can differ by are named in the popup (the settings table is not loaded here). */
const OPTION_NAMES: Record<keyof QueryOptions, MessageKey> = {
  includeSubdomains: 'commonOptSubdomains',
  includeIndirectLinks: 'commonOptIndirect',
  excludeInternalBacklinks: 'commonOptInternal',
  statusType: 'commonOptStatus',
  rankScale: 'commonOptRankScale',
};

/** "3 Nov", or "3 Nov 2025" when not this year (UTC, like every date the popup shows). */
export function shortDate(ms: number, nowMs: number = Date.now()): string {
  const d = new Date(ms);
  const sameYear = d.getUTCFullYear() === new Date(nowMs).getUTCFullYear();
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: sameYear ? undefined : 'numeric', timeZone: 'UTC' });
}

export interface FigureChange {
  /** "+12" / "−3" (a real minus sign). */
  delta: string;
  direction: 'up' | 'down';
  /** Made with the same options: the difference is the change itself (else part may come from the options). */
  sameOptions: boolean;
  /** The short line beside the figure: "+12 since 3 Nov", or "+12 vs 3 Nov (other options)". */
  text: string;
  /** The one-line explanation (hover / focus). */
  title: string;
}

/** "Rank 12 in the check of 3 Nov, 15 now", one sentence per figure. */
const WAS: Record<ChangedFigure, MessageKey> = { rank: 'commonWasRank', backlinks: 'commonWasBacklinks', referringDomains: 'commonWasDomains' };

/**
 * The change of one figure against the earlier check; null when there is no earlier check, either
 * value is unknown, or it did not change.
 */
export function figureChange(
  figure: ChangedFigure,
  now: number | null,
  earlier: EarlierCheck | null | undefined,
  nowMs: number = Date.now(),
): FigureChange | null {
  if (!earlier) return null;
  const before = earlier[figure];
  if (now == null || before == null || !Number.isFinite(now) || !Number.isFinite(before) || now === before) return null;
  const diff = now - before;
  const delta = `${diff > 0 ? '+' : '−'}${formatExact(Math.abs(diff))}`;
  const date = shortDate(earlier.fetchedAt, nowMs);
  const was = t(WAS[figure], formatExact(before), date, formatExact(now));
  if (earlier.sameOptions) {
    return { delta, direction: diff > 0 ? 'up' : 'down', sameOptions: true, text: t('commonChangeSince', delta, date), title: t('commonChangeSame', was) };
  }
  const which = earlier.optionsDiffer.map((k) => t(OPTION_NAMES[k]));
  return {
    delta,
    direction: diff > 0 ? 'up' : 'down',
    sameOptions: false,
    text: t('commonChangeVs', delta, date),
    title: which.length > 0 ? t('commonChangeOptions', was, which.join(', ')) : t('commonChangeOther', was),
  };
}
