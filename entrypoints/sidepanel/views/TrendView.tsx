import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice, Skeleton } from '@/components/common';
import type { ViewProps } from '@/entrypoints/sidepanel/viewProps';
import { useKeptState } from '@/entrypoints/sidepanel/panelStore';
import { linePath, maxOf, minOf, newLostBars } from '@/entrypoints/sidepanel/trendChart';
import { ask } from '@/lib/ask';
import type { TimeseriesNewLost } from '@/lib/dataforseo/endpoints/timeseriesNewLost.schema';
import type { TimeseriesSummary } from '@/lib/dataforseo/endpoints/timeseriesSummary.schema';
import type { AppError } from '@/lib/errors';
import { formatExact, formatMoney } from '@/lib/format';
import type { FetchMode } from '@/lib/messages';
import { defaultRange, GROUP_RANGES, type GroupRange } from '@/lib/trendRange';

/**
 * Referring domains and backlinks over time, with new and lost per period (two paid calls:
 * timeseries_summary and timeseries_new_lost_summary). Range: one year up to today; grouped by
 * month or week (or day). The chart is a small SVG of our own (./trendChart.ts), text colours from
 * the theme so it reads in light and dark.
 */

interface Loaded {
  summary: TimeseriesSummary;
  newLost: TimeseriesNewLost;
  cost: number;
  fromCache: boolean;
}

type State = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; data: Loaded } | { status: 'error'; error: AppError };

const BOX = { width: 360, height: 140, pad: 8 };
const BARS = { width: 360, height: 90, pad: 4 };

export default function TrendView(props: ViewProps) {
  const [group, setGroup] = useKeptState<GroupRange>(props.store.keep('trend.group'), 'month');
  const [state, setState] = useState<State>({ status: 'idle' });
  const { target, settings } = props;
  const range = defaultRange(Date.now());
  const key = `${target.scope}|${target.value}|${group}|${range.dateFrom}|${range.dateTo}`;

  const load = (mode: FetchMode) => {
    setState({ status: 'loading' });
    const base = { target, includeSubdomains: settings.settings.includeSubdomains, ...range, group };
    void Promise.all([
      ask({ type: 'timeseriesSummary', params: { ...base, rankScale: settings.settings.rankScale }, mode }),
      ask({ type: 'timeseriesNewLost', params: base, mode }),
    ]).then(([s, nl]) => {
      if (!s.ok) return setState({ status: 'error', error: s.error });
      if (!nl.ok) return setState({ status: 'error', error: nl.error });
      setState({
        status: 'ready',
        data: { summary: s.data, newLost: nl.data, cost: s.meta.cost + nl.meta.cost, fromCache: s.meta.fromCache && nl.meta.fromCache },
      });
    });
  };

  useEffect(() => {
    if (props.active) load(props.armed ? 'normal' : 'cacheOnly');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new target, grouping or being shown asks again
  }, [key, props.active, props.armed]);

  const check = () => {
    props.arm();
    load('normal');
  };

  return (
    <>
      <fieldset class="controls">
        <legend class="sr-only">Trend range</legend>
        <div class="control-row">
          <span class="faint" data-testid="trend-range">
            {range.dateFrom} – {range.dateTo}
          </span>
          <label class="field">
            <span class="sr-only">Group by</span>
            <select data-testid="trend-group" value={group} onChange={(e) => setGroup(e.currentTarget.value as GroupRange)}>
              {GROUP_RANGES.filter((g) => g !== 'day').map((g) => (
                <option key={g} value={g}>
                  By {g}
                </option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>
      {state.status === 'loading' || state.status === 'idle' ? (
        <div class="pad">
          <Skeleton height="140px" />
        </div>
      ) : state.status === 'error' ? (
        <div class="pad" data-testid="error">
          {state.error.kind === 'not-cached' ? (
            <button type="button" class="primary" data-testid="check" onClick={check}>
              Show the trend (two paid calls)
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
  const { summary, newLost, cost, fromCache } = props.data;
  const points = summary.points;
  const domains = points.map((p) => p.referringDomains);
  const links = points.map((p) => p.backlinks);
  const last = points.at(-1);
  const bars = newLostBars(
    newLost.points.map((p) => p.newReferringDomains),
    newLost.points.map((p) => p.lostReferringDomains),
    BARS,
  );
  const lastNl = newLost.points.at(-1);
  if (points.length === 0) return <div class="pad faint">No trend data for this target in this range.</div>;
  return (
    <div class="pad trend">
      <div class="status-line faint" data-testid="trend-cost">
        {fromCache ? 'From the cache · no cost' : `Cost ${formatMoney(cost)}`}
      </div>
      <dl class="trend-latest" data-testid="trend-latest">
        <dt>Referring domains</dt>
        <dd data-testid="trend-domains">{formatExact(last?.referringDomains ?? null)}</dd>
        <dt>Backlinks</dt>
        <dd data-testid="trend-backlinks">{formatExact(last?.backlinks ?? null)}</dd>
        <dt>Last {summary.group ?? 'period'}</dt>
        <dd data-testid="trend-new-lost">
          +{formatExact(lastNl?.newReferringDomains ?? null)} / −{formatExact(lastNl?.lostReferringDomains ?? null)} domains
        </dd>
      </dl>
      <svg class="trend-chart" viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label="Referring domains and backlinks over time" data-testid="trend-chart">
        <path class="trend-line links" d={linePath(links, maxOf(links), BOX, minOf(links))} />
        <path class="trend-line domains" d={linePath(domains, maxOf(domains), BOX, minOf(domains))} />
      </svg>
      <div class="faint trend-legend">
        <span class="key domains">referring domains</span> <span class="key links">backlinks</span> (each from its lowest to its highest value)
      </div>
      <svg class="trend-bars" viewBox={`0 0 ${BARS.width} ${BARS.height}`} role="img" aria-label="New and lost referring domains per period" data-testid="trend-bars">
        {bars.map((b, i) => (
          <g key={i}>
            <rect class="bar-new" x={b.x} width={b.width} y={b.mid - b.up} height={b.up} />
            <rect class="bar-lost" x={b.x} width={b.width} y={b.mid} height={b.down} />
          </g>
        ))}
      </svg>
      <div class="faint trend-legend">
        <span class="key new">new</span> / <span class="key lost">lost</span> referring domains per {summary.group ?? 'period'} · {points[0]?.date} – {last?.date}
      </div>
    </div>
  );
}
