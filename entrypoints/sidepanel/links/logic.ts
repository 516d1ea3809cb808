import type { BulkFigures, BulkMetric, BulkQuote } from '@/lib/bulk';
import type { LinkKind, LinkReport, PageLink } from '@/lib/links/report';
import { t } from '@/lib/i18n';

/**
 * Pure logic of the side panel's "Links on this page": the outbound domains and pages of a link
 * report, the targets a quote asks about, the figures matched back to them, and the CSV rows.
 */

/** The figures bought for the outbound targets: one call per metric for up to 1,000 targets. */
export const LINK_METRICS: BulkMetric[] = ['rank', 'referringDomains', 'spamScore'];

export type Grouping = 'domains' | 'pages';

export interface OutboundRow {
  /** The target as sent to the bulk endpoints (registrable domain, or page URL). */
  target: string;
  /** What the row shows (Unicode domain, or the page URL). */
  display: string;
  links: number;
  kinds: Record<LinkKind, number>;
  hidden: number;
}

const zeroKinds = (): Record<LinkKind, number> => ({ follow: 0, nofollow: 0, ugc: 0, sponsored: 0 });

/**
 * The external links that can be looked up, grouped by registrable domain or by page, in order of
 * links (most first, then first seen).
 */
export function outboundRows(report: LinkReport, grouping: Grouping): OutboundRow[] {
  const rows = new Map<string, OutboundRow & { first: number }>();
  report.links.forEach((l, i) => {
    if (l.internal || l.domain === null) return;
    const key = grouping === 'domains' ? l.domain : l.page;
    if (key === null) return;
    let row = rows.get(key);
    if (!row) {
      row = { target: key, display: grouping === 'domains' ? (l.domainDisplay ?? l.domain) : key, links: 0, kinds: zeroKinds(), hidden: 0, first: i };
      rows.set(key, row);
    }
    row.links++;
    row.kinds[l.kind]++;
    if (l.hidden) row.hidden++;
  });
  return [...rows.values()]
    .sort((a, b) => b.links - a.links || a.first - b.first)
    .map(({ first: _first, ...row }) => row);
}

/**
 * The key the bulk answer names a target by (lib/lookup/bulk.ts `bulkTargetOf`): a page at a
 * site's root is looked up as its host without `www.`; any other page as its URL; a domain as itself.
 */
export function figureKey(target: string): string {
  if (!/^https?:\/\//i.test(target)) return target.toLowerCase();
  try {
    const u = new URL(target);
    if (u.pathname === '/' && u.search === '') return u.hostname.replace(/^www\.(?=.+\..+)/, '');
  } catch {
    return target;
  }
  return target;
}

export function figuresByKey(figures: readonly BulkFigures[]): Map<string, BulkFigures> {
  const m = new Map<string, BulkFigures>();
  for (const f of figures) m.set(f.target, f);
  return m;
}

/** "2 calls · 1,200 to buy · 0 cached" for each metric of a quote, as one line. */
export function quoteLine(q: BulkQuote): { toBuy: number; cached: number; calls: number } {
  const toBuy = Math.max(0, ...q.perMetric.map((m) => m.toBuy));
  const cached = Math.min(...q.perMetric.map((m) => m.cached), q.targets.length);
  return { toBuy, cached, calls: q.calls };
}

export interface Tally {
  /** The count's name in every language (the row's data-count, for tests). */
  id: string;
  label: string;
  value: number;
  kind?: LinkKind;
}

/** The counts the view shows first, in order. */
export function tallies(r: LinkReport): Tally[] {
  const skipped = r.skipped.script + r.skipped.mail + r.skipped.phone + r.skipped.fragment + r.skipped.other;
  return [
    { id: 'Links', label: t('panelTallyLinks'), value: r.counts.total },
    { id: 'Followed', label: t('panelTallyFollowed'), value: r.counts.follow, kind: 'follow' },
    { id: 'Nofollow', label: t('panelTallyNofollow'), value: r.counts.nofollow, kind: 'nofollow' },
    { id: 'UGC', label: t('panelTallyUgc'), value: r.counts.ugc, kind: 'ugc' },
    { id: 'Sponsored', label: t('panelTallySponsored'), value: r.counts.sponsored, kind: 'sponsored' },
    { id: 'Internal', label: t('panelTallyInternal'), value: r.counts.internal },
    { id: 'External', label: t('panelTallyExternal'), value: r.counts.external },
    { id: 'Hidden', label: t('panelTallyHidden'), value: r.counts.hidden },
    { id: 'Not web links', label: t('panelTallyNotWeb'), value: skipped },
  ];
}

export const CSV_HEADER = ['Link', 'Text', 'Kind', 'Internal', 'Hidden', 'Domain', 'Rank', 'Referring domains', 'Spam score', 'Figures fetched'] as const;

/** One CSV row per link, with its domain's figures (or its page's, when grouped by pages). */
export function csvRows(links: readonly PageLink[], figures: Map<string, BulkFigures>, grouping: Grouping): (string | number | boolean | null)[][] {
  return links.map((l) => {
    const key = grouping === 'domains' ? l.domain : l.page;
    const f = !l.internal && key ? figures.get(figureKey(key)) : undefined;
    return [l.href, l.text, l.kind, l.internal, l.hidden, l.domainDisplay ?? l.domain ?? '', f?.rank ?? null, f?.referringDomains ?? null, f?.spamScore ?? null, f?.fetchedAt ?? null];
  });
}
