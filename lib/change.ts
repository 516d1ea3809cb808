import type { EarlierCheck } from './messages';
import type { QueryOptions } from './settings/query';
import { formatExact } from './format';

/**
 * "What changed since your last check": the headline figures against the earlier check the worker
 * found in the history (free). Pure, so the wording is tested on its own.
 */

export type ChangedFigure = 'rank' | 'backlinks' | 'referringDomains';

/** How the options a check can differ by are named in the popup (the settings table is not loaded here). */
const OPTION_NAMES: Record<keyof QueryOptions, string> = {
  includeSubdomains: 'subdomains',
  includeIndirectLinks: 'indirect links',
  excludeInternalBacklinks: 'internal backlinks',
  statusType: 'backlink status',
  rankScale: 'rank scale',
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

const FIGURE_NOUN: Record<ChangedFigure, string> = { rank: 'rank', backlinks: 'backlinks', referringDomains: 'referring domains' };

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
  const noun = FIGURE_NOUN[figure];
  const was = `${noun} ${formatExact(before)} in the check of ${date}, ${formatExact(now)} now`;
  if (earlier.sameOptions) {
    return { delta, direction: diff > 0 ? 'up' : 'down', sameOptions: true, text: `${delta} since ${date}`, title: `${capitalize(was)}.` };
  }
  const which = earlier.optionsDiffer.map((k) => OPTION_NAMES[k]);
  const why =
    which.length > 0
      ? `that check counted with other options (${which.join(', ')}), so part of the difference may come from them`
      : 'that check was made with other options or another account, so part of the difference may come from that';
  return {
    delta,
    direction: diff > 0 ? 'up' : 'down',
    sameOptions: false,
    text: `${delta} vs ${date} (other options)`,
    title: `${capitalize(was)}; ${why}.`,
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
