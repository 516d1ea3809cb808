/** Numbers, dates and money for display. Pure; everything tolerates null. */
import { t } from './i18n';

const DASH = '—';

// Made on first use: building an Intl formatter loads locale data (milliseconds), which a worker that
// answers from the cache, or a page before its first figure, should not pay while it starts.
let exactFmt: Intl.NumberFormat | undefined;
let compactFmt: Intl.NumberFormat | undefined;
const exact = () => (exactFmt ??= new Intl.NumberFormat('en-US'));
const compact = () => (compactFmt ??= new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }));

/** 12372 → "12.4K"; 999 → "999"; null → "—". */
export function formatCount(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return DASH;
  return Math.abs(n) < 1000 ? exact().format(n) : compact().format(n);
}

/** 12372 → "12,372" (the exact figure, for titles). */
export function formatExact(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return DASH;
  return exact().format(n);
}

/** USD with enough digits for API cents: 0.02003 → "$0.0200", 1.5 → "$1.50", 0 → "$0". */
export function formatMoney(usd: number | null | undefined): string {
  if (usd == null || !Number.isFinite(usd)) return DASH;
  if (usd === 0) return '$0';
  const abs = Math.abs(usd);
  const digits = abs < 1 ? 4 : 2;
  return `${usd < 0 ? '-' : ''}$${abs.toFixed(digits)}`;
}

/** Share as a percentage: (25, 100) → "25%"; null when the whole is unknown or zero. */
export function formatShare(part: number | null | undefined, whole: number | null | undefined): string {
  if (part == null || whole == null || !Number.isFinite(part) || !Number.isFinite(whole) || whole <= 0) return DASH;
  const pct = (part / whole) * 100;
  return `${pct < 10 && pct > 0 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/** ISO date → "2020-01-18"; invalid or null → "—". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return DASH;
  return new Date(t).toISOString().slice(0, 10);
}

/** Elapsed time for people: "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatAgo(thenMs: number, nowMs: number = Date.now()): string {
  const s = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (s < 45) return t('commonAgoNow');
  const m = Math.round(s / 60);
  if (m < 60) return t('commonAgoMin', String(m));
  const h = Math.round(m / 60);
  if (h < 36) return t('commonAgoHours', String(h));
  const d = Math.round(h / 24);
  return d === 1 ? t('commonAgoDayOne', String(d)) : t('commonAgoDayOther', String(d));
}

/** Only http(s) URLs may become links. Returns the normalized href or null. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
