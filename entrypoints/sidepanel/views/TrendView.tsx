import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/common/ErrorNotice';
import { Skeleton } from '@/components/common/Skeleton';
import type { ViewProps } from '@/entrypoints/sidepanel/viewProps';
import { useKeptState } from '@/entrypoints/sidepanel/panelStore';
import { joinTimeseries, linePath, maxOf, minOf, newLostBars, periodLabel, pointSpots, type TrendPoint } from '@/entrypoints/sidepanel/trendChart';
import { ask } from '@/lib/ask';
import type { AppError } from '@/lib/errors';
import { formatExact, formatMoney } from '@/lib/format';
import type { FetchMode } from '@/lib/messages';
import { GROUP_RANGES, TREND_SPAN_LABELS, TREND_SPANS, trendPlan, type GroupRange, type TrendSpan } from '@/lib/trendRange';
import { t, tParts, type MessageKey } from '@/lib/i18n';

/**
 * Referring domains and backlinks over time, with new and lost per period. Up to 2 years: two paid
 * calls (timeseries_summary and timeseries_new_lost_summary), grouped by month or week. "All since
 * 2019" starts before the timeseries endpoints' first day, so it is one call to backlinks/history
 * (monthly, domains only; a subdomain or page is told so and nothing is asked). The chart is a
 * small SVG of our own (../trendChart.ts), text colours from the theme so it reads in light and dark.
 */

interface Loaded {
  points: TrendPoint[];
  group: string;
  source: 'timeseries' | 'history';
  cost: number;
  fromCache: boolean;
}

type State = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; data: Loaded } | { status: 'error'; error: AppError };

const BOX = { width: 360, height: 150, pad: 14 };

/** The message for a grouping (the answer's group is one of the three; anything else reads as month). */
function byGroup(group: string, keys: Record<GroupRange, MessageKey>): string {
  return t(group === 'day' || group === 'week' ? keys[group] : keys.month);
}
const BY_GROUP: Record<GroupRange, MessageKey> = { day: 'panelByDay', week: 'panelByWeek', month: 'panelByMonth' };
const LAST_GROUP: Record<GroupRange, MessageKey> = { day: 'panelTrendLastDay', week: 'panelTrendLastWeek', month: 'panelTrendLastMonth' };
const PER_GROUP: Record<GroupRange, MessageKey> = { day: 'panelLegendPerDay', week: 'panelLegendPerWeek', month: 'panelLegendPerMonth' };
const BARS = { width: 360, height: 90, pad: 4 };

export default function TrendView(props: ViewProps) {
  const [group, setGroup] = useKeptState<GroupRange>(props.store.keep('trend.group'), 'month');
  const [span, setSpan] = useKeptState<TrendSpan>(props.store.keep('trend.span'), '1y');
  const [state, setState] = useState<State>({ status: 'idle' });
  const { target, settings } = props;
  const plan = trendPlan(span, group, target.scope, Date.now());
  const key = plan.source === 'unavailable' ? `${target.scope}|${target.value}|${span}` : `${target.scope}|${target.value}|${plan.group}|${plan.dateFrom}|${plan.dateTo}`;

  const load = (mode: FetchMode) => {
    if (plan.source === 'unavailable') return;
    setState({ status: 'loading' });
    const range = { dateFrom: plan.dateFrom, dateTo: plan.dateTo };
    if (plan.source === 'history') {
      void ask({ type: 'backlinkHistory', params: { target, rankScale: settings.settings.rankScale, ...range }, mode }).then((h) => {
        if (!h.ok) return setState({ status: 'error', error: h.error });
        setState({ status: 'ready', data: { points: h.data.points, group: 'month', source: 'history', cost: h.meta.cost, fromCache: h.meta.fromCache } });
      });
      return;
    }
    const base = { target, includeSubdomains: settings.settings.includeSubdomains, ...range, group: plan.group };
    void Promise.all([
      ask({ type: 'timeseriesSummary', params: { ...base, rankScale: settings.settings.rankScale }, mode }),
      ask({ type: 'timeseriesNewLost', params: base, mode }),
    ]).then(([s, nl]) => {
      if (!s.ok) return setState({ status: 'error', error: s.error });
      if (!nl.ok) return setState({ status: 'error', error: nl.error });
      setState({
        status: 'ready',
        data: {
          points: joinTimeseries(s.data.points, nl.data.points),
          group: s.data.group ?? plan.group,
          source: 'timeseries',
          cost: s.meta.cost + nl.meta.cost,
          fromCache: s.meta.fromCache && nl.meta.fromCache,
        },
      });
    });
  };

  useEffect(() => {
    if (props.active) load(props.armed ? 'normal' : 'cacheOnly');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new target, range or grouping, or being shown, asks again
  }, [key, props.active, props.armed]);

  const check = () => {
    props.arm();
    load('normal');
  };

  return (
    <>
      <fieldset class="controls">
        <legend class="sr-only">{t('panelTrendRange')}</legend>
        <div class="control-row">
          <label class="field">
            <span class="sr-only">{t('panelRange')}</span>
            <select data-testid="trend-span" value={span} onChange={(e) => setSpan(e.currentTarget.value as TrendSpan)}>
              {TREND_SPANS.map((s) => (
                <option key={s} value={s}>
                  {TREND_SPAN_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span class="sr-only">{t('panelGroupBy')}</span>
            <select
              data-testid="trend-group"
              value={plan.source === 'history' ? 'month' : group}
              disabled={plan.source !== 'timeseries'}
              title={plan.source === 'history' ? t('panelHistoryMonthly') : undefined}
              onChange={(e) => setGroup(e.currentTarget.value as GroupRange)}
            >
              {GROUP_RANGES.filter((g) => g !== 'day').map((g) => (
                <option key={g} value={g}>
                  {byGroup(g, BY_GROUP)}
                </option>
              ))}
            </select>
          </label>
          {plan.source !== 'unavailable' && (
            <span class="faint" data-testid="trend-range">
              {plan.dateFrom} – {plan.dateTo}
            </span>
          )}
        </div>
      </fieldset>
      {plan.source === 'unavailable' ? (
        <div class="pad faint" data-testid="trend-unavailable">
          {t('panelTrendUnavailable', plan.reason)}
        </div>
      ) : state.status === 'loading' || state.status === 'idle' ? (
        <div class="pad">
          <Skeleton height="140px" />
        </div>
      ) : state.status === 'error' ? (
        <div class="pad" data-testid="error">
          {state.error.kind === 'not-cached' ? (
            <button type="button" class="primary" data-testid="check" onClick={check}>
              {plan.source === 'history' ? t('panelShowHistory') : t('panelShowTrend')}
            </button>
          ) : (
            <ErrorNotice error={state.error} onRetry={check} />
          )}
        </div>
      ) : (
        <TrendChart data={state.data} />
      )}
    </>
  );
}

function TrendChart(props: { data: Loaded }) {
  const { points, group, cost, fromCache, source } = props.data;
  const [picked, setPicked] = useState<number | null>(null);
  const domains = points.map((p) => p.referringDomains);
  const links = points.map((p) => p.backlinks);
  const last = points.at(-1);
  if (points.length === 0 || !last) return <div class="pad faint">{t('panelTrendNoData')}</div>;
  const dMin = minOf(domains);
  const dMax = maxOf(domains);
  const bars = newLostBars(
    points.map((p) => p.newReferringDomains),
    points.map((p) => p.lostReferringDomains),
    BARS,
  );
  const spots = pointSpots(domains, BOX, dMin, dMax);
  const shown = points[picked ?? points.length - 1] ?? last;
  return (
    <div class="pad trend">
      <div class="status-line faint" data-testid="trend-cost">
        {fromCache ? t('panelTrendCached') : t('panelTrendCost', formatMoney(cost))}
        {source === 'history' ? ` · ${t('panelTrendMonthly')}` : ''}
      </div>
      <dl class="trend-latest" data-testid="trend-latest">
        <dt>{t('panelTrendDomains')}</dt>
        <dd data-testid="trend-domains">{formatExact(last.referringDomains)}</dd>
        <dt>{t('panelTrendBacklinks')}</dt>
        <dd data-testid="trend-backlinks">{formatExact(last.backlinks)}</dd>
        <dt>{byGroup(group, LAST_GROUP)}</dt>
        <dd data-testid="trend-new-lost">
          {t('panelTrendNewLost', formatExact(last.newReferringDomains), formatExact(last.lostReferringDomains))}
        </dd>
      </dl>
      <div class="trend-readout" data-testid="trend-readout" aria-live="polite">
        {tParts<ComponentChildren>(
          'panelTrendReadout',
          <strong>{periodLabel(shown.date, group) || '—'}</strong>,
          formatExact(shown.referringDomains),
          formatExact(shown.backlinks),
          formatExact(shown.newReferringDomains),
          formatExact(shown.lostReferringDomains),
        )}
      </div>
      <svg
        class="trend-chart"
        viewBox={`0 0 ${BOX.width} ${BOX.height + 14}`}
        role="group"
        aria-label={t('panelTrendChartLabel')}
        data-testid="trend-chart"
        onMouseLeave={() => setPicked(null)}
      >
        <line class="trend-axis" x1={BOX.pad} y1={BOX.height - BOX.pad} x2={BOX.width - BOX.pad} y2={BOX.height - BOX.pad} />
        <line class="trend-axis" x1={BOX.pad} y1={BOX.pad} x2={BOX.pad} y2={BOX.height - BOX.pad} />
        <text class="trend-tick" x={BOX.pad + 3} y={BOX.pad - 3} data-testid="trend-y-max">
          {t('panelTrendMax', formatExact(dMax))}
        </text>
        <text class="trend-tick" x={BOX.width / 2} y={BOX.height + 8} text-anchor="middle" data-testid="trend-y-min">
          {t('panelTrendLowest', formatExact(dMin))}
        </text>
        <text class="trend-tick" x={BOX.pad} y={BOX.height + 8} data-testid="trend-x-first">
          {periodLabel(points[0]?.date ?? null, group)}
        </text>
        <text class="trend-tick" x={BOX.width - BOX.pad} y={BOX.height + 8} text-anchor="end" data-testid="trend-x-last">
          {periodLabel(last.date, group)}
        </text>
        <path class="trend-line links" d={linePath(links, maxOf(links), BOX, minOf(links))} />
        <path class="trend-line domains" d={linePath(domains, dMax, BOX, dMin)} />
        {picked !== null && spots.find((s) => s.i === picked) && (
          <line class="trend-cross" x1={spots.find((s) => s.i === picked)!.x} x2={spots.find((s) => s.i === picked)!.x} y1={BOX.pad} y2={BOX.height - BOX.pad} />
        )}
        {spots.map((s) => {
          const p = points[s.i]!;
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: a focusable chart point; hover and focus show its values as text (trend-readout), it has no action
            <circle
              key={s.i}
              class={`trend-point${picked === s.i ? ' picked' : ''}`}
              cx={s.x}
              cy={s.y}
              r={3.5}
              tabIndex={0}
              data-testid="trend-point"
              aria-label={t('panelTrendPoint', periodLabel(p.date, group) || t('panelUnknownDate'), formatExact(p.referringDomains), formatExact(p.backlinks))}
              onMouseEnter={() => setPicked(s.i)}
              onFocus={() => setPicked(s.i)}
              onBlur={() => setPicked(null)}
            >
              <title>{t('panelTrendPoint', periodLabel(p.date, group), formatExact(p.referringDomains), formatExact(p.backlinks))}</title>
            </circle>
          );
        })}
      </svg>
      <div class="faint trend-legend">
        <span class="key domains">{t('panelLegendDomains')}</span> <span class="key links">{t('panelLegendLinks')}</span> {t('panelLegendScale')}
      </div>
      <svg class="trend-bars" viewBox={`0 0 ${BARS.width} ${BARS.height}`} role="img" aria-label={t('panelTrendBarsLabel')} data-testid="trend-bars">
        {bars.map((b, i) => (
          <g key={i}>
            <rect class="bar-new" x={b.x} width={b.width} y={b.mid - b.up} height={b.up} />
            <rect class="bar-lost" x={b.x} width={b.width} y={b.mid} height={b.down} />
          </g>
        ))}
      </svg>
      <div class="faint trend-legend">
        <span class="key new">{t('panelLegendNew')}</span> / <span class="key lost">{t('panelLegendLost')}</span> {byGroup(group, PER_GROUP)} ·{' '}
        {periodLabel(points[0]?.date ?? null, group)} – {periodLabel(last.date, group)}
      </div>
    </div>
  );
}
