/**
 * history, timeseries_summary and timeseries_new_lost_summary. Each target has a deterministic
 * daily curve since 2019-01-01, scaled so that today's value equals the summary endpoint's answer
 * for the target: the latest point of a range ending today shows the summary's figures, and
 * new − lost of each period equals the change of the figures from one period to the next.
 */
import { scaleRank, type RankScale } from './data';
import { summaryOf } from './bulk';
import { rng } from './prng';
import { TaskError, invalidField, validTarget } from './query';

export const TREND_ENDPOINTS = ['history', 'timeseries_summary', 'timeseries_new_lost_summary'] as const;
export type TrendEndpoint = (typeof TREND_ENDPOINTS)[number];
export type GroupRange = 'day' | 'week' | 'month' | 'year';

const ALLOWED: Record<TrendEndpoint, ReadonlySet<string>> = {
  history: new Set(['target', 'date_from', 'date_to', 'rank_scale', 'tag']),
  timeseries_summary: new Set(['target', 'date_from', 'date_to', 'group_range', 'include_subdomains', 'rank_scale', 'tag']),
  timeseries_new_lost_summary: new Set(['target', 'date_from', 'date_to', 'group_range', 'include_subdomains', 'tag']),
};
const DAY = 86_400_000;
const START = Date.UTC(2019, 0, 1);
/** New/lost figures of history exist from May 2021 on (0 before, as documented). */
const HISTORY_NEW_LOST_FROM = Date.UTC(2021, 4, 1);

export function isTrendEndpoint(e: string): e is TrendEndpoint {
  return (TREND_ENDPOINTS as readonly string[]).includes(e);
}

export interface TrendOptions {
  target: string;
  from: number;
  to: number;
  group: GroupRange;
  scale: RankScale;
  includeSubdomains: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const stamp = (ms: number) => `${iso(ms)} 00:00:00 +00:00`;
export const todayMs = (now = Date.now()) => Math.floor(now / DAY) * DAY;

function date(task: Record<string, unknown>, field: string, dflt: number, min: number, max: number): number {
  const v = task[field];
  if (v === undefined) return dflt;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw invalidField(field);
  const ms = Date.parse(`${v}T00:00:00Z`);
  if (!Number.isFinite(ms) || iso(ms) !== v || ms < min || ms > max) throw invalidField(field);
  return ms;
}

/** Checks one task; throws TaskError (40506 unknown fields, 40501 invalid value). */
export function validateTrend(endpoint: TrendEndpoint, task: Record<string, unknown>, now = Date.now()): TrendOptions {
  const unknown = Object.keys(task).filter((k) => !ALLOWED[endpoint].has(k));
  if (unknown.length) throw new TaskError(40506, `Unknown Fields in POST Data: ${unknown.join(', ')}.`);
  // A domain without scheme and www. (these endpoints take no page URLs).
  if (!validTarget(task.target) || task.target.includes('/')) throw invalidField('target');
  if (task.tag !== undefined && (typeof task.tag !== 'string' || task.tag.length > 255)) throw invalidField('tag');
  const today = todayMs(now);
  const min = endpoint === 'history' ? START : Date.UTC(2019, 0, 30);
  const to = date(task, 'date_to', today, min, today);
  const monthBefore = Date.UTC(new Date(to).getUTCFullYear(), new Date(to).getUTCMonth() - 1, new Date(to).getUTCDate());
  const from = date(task, 'date_from', endpoint === 'history' ? START : Math.max(min, monthBefore), min, today);
  if (from > to) throw invalidField('date_from');
  const g = task.group_range;
  if (g !== undefined && g !== 'day' && g !== 'week' && g !== 'month' && g !== 'year') throw invalidField('group_range');
  const s = task.rank_scale;
  if (s !== undefined && s !== 'one_hundred' && s !== 'one_thousand') throw invalidField('rank_scale');
  const inc = task.include_subdomains;
  if (inc !== undefined && typeof inc !== 'boolean') throw invalidField('include_subdomains');
  return { target: task.target, from, to, group: endpoint === 'history' ? 'month' : ((g as GroupRange | undefined) ?? 'month'), scale: (s as RankScale | undefined) ?? 'one_thousand', includeSubdomains: inc ?? true };
}

interface Shape {
  /** Relative size per day since START, for backlinks and for referring domains. */
  b: Float64Array;
  r: Float64Array;
  /** Daily churn (share of yesterday's links lost today). */
  cb: Float64Array;
  cr: Float64Array;
}
const shapes = new Map<string, Shape>();

function shapeOf(seed: string, target: string, days: number): Shape {
  const key = `${seed}\u0000${target.toLowerCase()}\u0000${days}`;
  const hit = shapes.get(key);
  if (hit) return hit;
  const r = rng(`${seed}|trend|${target.toLowerCase()}`);
  const growB = Math.log(1.5 + r.next() * 12) / 2900;
  const growR = growB * (0.6 + r.next() * 0.5);
  const s: Shape = { b: new Float64Array(days), r: new Float64Array(days), cb: new Float64Array(days), cr: new Float64Array(days) };
  let b = 1;
  let d = 1;
  for (let i = 0; i < days; i++) {
    const shock = r.chance(0.004) ? -0.02 - r.next() * 0.06 : 0;
    b *= 1 + growB + (r.next() - 0.5) * 0.006 + shock;
    d *= 1 + growR + (r.next() - 0.5) * 0.004 + shock / 2;
    s.b[i] = b;
    s.r[i] = d;
    s.cb[i] = 0.0005 + r.next() * 0.003;
    s.cr[i] = 0.0003 + r.next() * 0.002;
  }
  shapes.set(key, s);
  if (shapes.size > 64) shapes.delete(shapes.keys().next().value as string);
  return s;
}

interface Daily {
  value: number[];
  added: number[];
  lost: number[];
}

/** Values scaled so the last day equals `latest`; new and lost per day so that value[i] = value[i-1] + added[i] − lost[i]. */
function daily(shape: Float64Array, churn: Float64Array, latest: number): Daily {
  const n = shape.length;
  const last = shape[n - 1] as number;
  const value = Array.from(shape, (x) => Math.round((latest * x) / last));
  const added = new Array<number>(n).fill(0);
  const lost = new Array<number>(n).fill(0);
  for (let i = 1; i < n; i++) {
    const prev = value[i - 1] as number;
    let l = Math.round(prev * (churn[i] as number));
    let a = (value[i] as number) - prev + l;
    if (a < 0) {
      l -= a;
      a = 0;
    }
    added[i] = a;
    lost[i] = l;
  }
  return { value, added, lost };
}

interface Period {
  /** First and last day of the period (last may be after today). */
  start: number;
  end: number;
}

function periods(o: TrendOptions): Period[] {
  const out: Period[] = [];
  const d = new Date(o.from);
  let start: number;
  if (o.group === 'day') start = o.from;
  else if (o.group === 'week') start = o.from - ((d.getUTCDay() + 6) % 7) * DAY;
  else if (o.group === 'month') start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  else start = Date.UTC(d.getUTCFullYear(), 0, 1);
  while (start <= o.to) {
    const s = new Date(start);
    const next = o.group === 'day' ? start + DAY : o.group === 'week' ? start + 7 * DAY : o.group === 'month' ? Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + 1, 1) : Date.UTC(s.getUTCFullYear() + 1, 0, 1);
    out.push({ start, end: next - DAY });
    start = next;
  }
  return out;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** The result object of a trend task, and its billed rows (one per item). */
export function trend(seed: string, endpoint: TrendEndpoint, o: TrendOptions, now = Date.now()): { result: Record<string, unknown>; rows: number } {
  const today = todayMs(now);
  const days = Math.round((today - START) / DAY) + 1;
  const sum = summaryOf(seed, o.target, o.includeSubdomains);
  const shape = shapeOf(seed, o.target, days);
  const bl = daily(shape.b, shape.cb, num(sum.backlinks));
  const rd = daily(shape.r, shape.cr, num(sum.referring_domains));
  const md = daily(shape.r, shape.cr, num(sum.referring_main_domains));
  const dayIdx = (ms: number) => Math.max(0, Math.min(days - 1, Math.round((ms - START) / DAY)));
  const attrs = (sum.referring_links_attributes ?? {}) as Record<string, number>;
  const items: Record<string, unknown>[] = [];
  for (const p of periods(o)) {
    const lastDay = Math.min(p.end, today);
    const i = dayIdx(lastDay);
    const fb = num(sum.backlinks) ? (bl.value[i] as number) / num(sum.backlinks) : 0;
    const fr = num(sum.referring_domains) ? (rd.value[i] as number) / num(sum.referring_domains) : 0;
    const byB = (v: unknown) => Math.round(num(v) * fb);
    const byR = (v: unknown) => Math.round(num(v) * fr);
    const range = (d: Daily, from: number) => {
      let a = 0;
      let l = 0;
      for (let k = dayIdx(Math.max(p.start, from)); k <= i && p.start <= today; k++) {
        a += d.added[k] as number;
        l += d.lost[k] as number;
      }
      return [a, l] as const;
    };
    const rank = typeof sum.rank === 'number' ? scaleRank(Math.min(1000, Math.round(sum.rank * Math.pow(fr, 0.35))), o.scale) : 0;
    const date = stamp(p.end);
    if (endpoint === 'timeseries_new_lost_summary') {
      const [nb, lb] = range(bl, START + DAY);
      const [nr, lr] = range(rd, START + DAY);
      const [nm, lm] = range(md, START + DAY);
      items.push({ type: 'backlinks_timeseries_new_lost_summary', date, new_backlinks: nb, lost_backlinks: lb, new_referring_domains: nr, lost_referring_domains: lr, new_referring_main_domains: nm, lost_referring_main_domains: lm });
    } else if (endpoint === 'timeseries_summary') {
      items.push({
        type: 'backlinks_timeseries_summary',
        date,
        rank,
        backlinks: bl.value[i],
        backlinks_nofollow: byB(attrs.nofollow),
        referring_pages: byB(sum.referring_pages),
        referring_pages_nofollow: byB(sum.referring_pages_nofollow),
        referring_domains: rd.value[i],
        referring_domains_nofollow: byR(sum.referring_domains_nofollow),
        referring_main_domains: md.value[i],
        referring_main_domains_nofollow: byR(sum.referring_main_domains_nofollow),
        referring_ips: byR(sum.referring_ips),
        referring_subnets: byR(sum.referring_subnets),
      });
    } else {
      const [nb, lb] = range(bl, HISTORY_NEW_LOST_FROM);
      const [nr, lr] = range(rd, HISTORY_NEW_LOST_FROM);
      const latest = lastDay === today;
      const map = (k: string) => (latest ? (sum[k] ?? null) : null);
      items.push({
        type: 'backlinks_history',
        date: stamp(lastDay),
        rank,
        backlinks: bl.value[i],
        new_backlinks: p.end < HISTORY_NEW_LOST_FROM ? 0 : nb,
        lost_backlinks: p.end < HISTORY_NEW_LOST_FROM ? 0 : lb,
        new_referring_domains: p.end < HISTORY_NEW_LOST_FROM ? 0 : nr,
        lost_referring_domains: p.end < HISTORY_NEW_LOST_FROM ? 0 : lr,
        crawled_pages: sum.crawled_pages ?? null,
        info: sum.info ?? null,
        internal_links_count: sum.internal_links_count ?? null,
        external_links_count: sum.external_links_count ?? null,
        broken_backlinks: byB(sum.broken_backlinks),
        broken_pages: sum.broken_pages ?? null,
        referring_domains: rd.value[i],
        referring_domains_nofollow: byR(sum.referring_domains_nofollow),
        referring_main_domains: md.value[i],
        referring_main_domains_nofollow: byR(sum.referring_main_domains_nofollow),
        referring_ips: byR(sum.referring_ips),
        referring_subnets: byR(sum.referring_subnets),
        referring_pages: byB(sum.referring_pages),
        referring_pages_nofollow: byB(sum.referring_pages_nofollow),
        referring_links_tld: map('referring_links_tld'),
        referring_links_types: map('referring_links_types'),
        referring_links_attributes: map('referring_links_attributes'),
        referring_links_platform_types: map('referring_links_platform_types'),
        referring_links_semantic_locations: map('referring_links_semantic_locations'),
        referring_links_countries: map('referring_links_countries'),
      });
    }
  }
  const result: Record<string, unknown> = { target: o.target, date_from: iso(o.from), date_to: iso(o.to) };
  if (endpoint !== 'history') result.group_range = o.group;
  return { result: { ...result, items_count: items.length, items }, rows: items.length };
}
