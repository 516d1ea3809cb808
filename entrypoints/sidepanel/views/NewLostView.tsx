import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/common';
import { BacklinkLine, BacklinkTableHead } from '@/entrypoints/sidepanel/components/BacklinkLine';
import { ListFrame } from '@/entrypoints/sidepanel/components/ListFrame';
import { DEFAULT_VIEW, firstBacklinksParams } from '@/entrypoints/sidepanel/panelState';
import { usePagedList } from '@/entrypoints/sidepanel/usePagedList';
import type { ViewProps } from '@/entrypoints/sidepanel/viewProps';
import { useKeptState } from '@/entrypoints/sidepanel/panelStore';
import { ask } from '@/lib/ask';
import type { TimeseriesNewLost } from '@/lib/dataforseo/endpoints/timeseriesNewLost.schema';
import type { AppError } from '@/lib/errors';
import { formatExact } from '@/lib/format';
import type { Backlink } from '@/lib/model';
import { defaultRange } from '@/lib/trendRange';

/** Periods shown in the counts table (the latest first). */
const SHOWN_PERIODS = 6;

type Which = 'new' | 'lost';

/**
 * New and lost backlinks: counts per month over a year (timeseries_new_lost_summary), and the
 * backlinks list itself with the right status type — new links (is_new under the chosen status)
 * or lost ones (the "lost" status type, which the backlinks builder picks for "Lost").
 */
export default function NewLostView(props: ViewProps) {
  const [which, setWhich] = useKeptState<Which>(props.store.keep('newLost.which'), 'new');
  const { target, settings } = props;
  const range = defaultRange(Date.now());
  const [counts, setCounts] = useState<{ data: TimeseriesNewLost } | { error: AppError } | null>(null);
  const countsKey = `${target.scope}|${target.value}|${range.dateTo}`;

  useEffect(() => {
    if (!props.active) return;
    setCounts(null);
    void ask({
      type: 'timeseriesNewLost',
      params: { target, includeSubdomains: settings.settings.includeSubdomains, ...range, group: 'month' },
      mode: props.armed ? 'normal' : 'cacheOnly',
    }).then((r) => setCounts(r.ok ? { data: r.data } : { error: r.error }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new target or being shown asks again
  }, [countsKey, props.active, props.armed]);

  const choice =
    which === 'new'
      ? { ...DEFAULT_VIEW, sort: 'firstSeen' as const, dir: 'desc' as const, filters: { ...DEFAULT_VIEW.filters, newOnly: true } }
      : { ...DEFAULT_VIEW, sort: 'lastSeen' as const, dir: 'desc' as const, filters: { ...DEFAULT_VIEW.filters, lostOnly: true } };
  const list = usePagedList('backlinks', {
    key: `${target.scope}|${target.value}|newlost|${which}`,
    params: firstBacklinksParams(target, settings.settings, choice),
    mode: props.armed ? 'normal' : 'cacheOnly',
    enabled: props.active,
    onSpend: props.arm,
    keep: props.store.keep('newLost.list'),
  });

  const points = counts && 'data' in counts ? counts.data.points.slice(-SHOWN_PERIODS).reverse() : [];
  return (
    <>
      <div class="pad">
        {counts === null ? (
          <div class="faint">Loading the counts…</div>
        ) : 'error' in counts ? (
          counts.error.kind === 'not-cached' ? (
            <div class="faint">Counts per month: not checked yet.</div>
          ) : (
            <div data-testid="error">
              <ErrorNotice error={counts.error} />
            </div>
          )
        ) : (
          <table class="nl-counts" data-testid="nl-counts">
            <thead>
              <tr>
                <th>Month ending</th>
                <th>New links</th>
                <th>Lost links</th>
                <th>New domains</th>
                <th>Lost domains</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={i} data-testid="nl-period">
                  <td>{p.date ?? '—'}</td>
                  <td class="num">{formatExact(p.newBacklinks)}</td>
                  <td class="num">{formatExact(p.lostBacklinks)}</td>
                  <td class="num">{formatExact(p.newReferringDomains)}</td>
                  <td class="num">{formatExact(p.lostReferringDomains)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <fieldset class="controls">
        <legend class="sr-only">New or lost backlinks</legend>
        <div class="control-row">
          <label>
            <input type="radio" name="nl" data-testid="nl-new" checked={which === 'new'} onChange={() => setWhich('new')} /> New links
          </label>
          <label>
            <input type="radio" name="nl" data-testid="nl-lost" checked={which === 'lost'} onChange={() => setWhich('lost')} /> Lost links
          </label>
        </div>
      </fieldset>
      <ListFrame
        list={list}
        target={target}
        noun="backlinks"
        emptyText={which === 'new' ? 'No new backlinks found on the last visit.' : 'No lost backlinks found.'}
        estimate={27}
        listClass="bt"
        head={<BacklinkTableHead />}
        renderRow={(item: Backlink, index) => <BacklinkLine item={item} index={index} expanded={false} onToggle={() => undefined} grouped={false} />}
      />
    </>
  );
}
