import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/common/ErrorNotice';
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
import { isoDay, NEW_LOST_PERIOD_LABELS, NEW_LOST_PERIODS, periodStart, type NewLostPeriod } from '@/lib/trendRange';
import { periodTotal } from '@/entrypoints/sidepanel/trendChart';
import { t } from '@/lib/i18n';

/** Periods shown in the counts table (the latest first). */
const SHOWN_PERIODS = 6;

type Which = 'new' | 'lost';

/**
 * New and lost backlinks in a period (the last 30 days, 90 days or year): counts per month
 * (timeseries_new_lost_summary), and the backlinks list itself with the right status type and a
 * date filter — new links first seen in the period (first_seen ≥ its start, live status), or lost
 * ones (the "lost" status type, last_seen ≥ its start: a backlink item has no lost date). When the
 * counts say the period has none of the chosen kind, no row list is asked (it could only be empty).
 */
export default function NewLostView(props: ViewProps) {
  const [which, setWhich] = useKeptState<Which>(props.store.keep('newLost.which'), 'new');
  const { target, settings } = props;
  const [period, setPeriod] = useKeptState<NewLostPeriod>(props.store.keep('newLost.period'), '90d');
  const now = Date.now();
  const range = { dateFrom: periodStart(period, now), dateTo: isoDay(now) };
  const [counts, setCounts] = useState<{ data: TimeseriesNewLost } | { error: AppError } | null>(null);
  const countsKey = `${target.scope}|${target.value}|${range.dateFrom}|${range.dateTo}`;

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
      ? { ...DEFAULT_VIEW, sort: 'firstSeen' as const, dir: 'desc' as const, filters: { ...DEFAULT_VIEW.filters, since: range.dateFrom } }
      : { ...DEFAULT_VIEW, sort: 'lastSeen' as const, dir: 'desc' as const, filters: { ...DEFAULT_VIEW.filters, lostOnly: true, since: range.dateFrom } };
  // The counts cover whole months around the period: a zero there is a zero in the period too.
  const total = counts && 'data' in counts ? periodTotal(counts.data.points, which) : null;
  const none = total === 0;
  const list = usePagedList('backlinks', {
    key: `${target.scope}|${target.value}|newlost|${which}|${range.dateFrom}`,
    params: firstBacklinksParams(target, settings.settings, choice),
    mode: props.armed ? 'normal' : 'cacheOnly',
    // Waits for the counts (unknown counts — not checked or failed — do not hold the list back).
    enabled: props.active && counts !== null && !none,
    onSpend: props.arm,
    keep: props.store.keep('newLost.list'),
  });

  const points = counts && 'data' in counts ? counts.data.points.slice(-SHOWN_PERIODS).reverse() : [];
  return (
    <>
      <fieldset class="controls">
        <legend class="sr-only">{t('panelPeriod')}</legend>
        <div class="control-row">
          <label class="field">
            <span class="sr-only">{t('panelPeriod')}</span>
            <select data-testid="nl-span" value={period} onChange={(e) => setPeriod(e.currentTarget.value as NewLostPeriod)}>
              {NEW_LOST_PERIODS.map((p) => (
                <option key={p} value={p}>
                  {NEW_LOST_PERIOD_LABELS[p]}
                </option>
              ))}
            </select>
          </label>
          <span class="faint" data-testid="nl-range">
            {range.dateFrom} – {range.dateTo}
          </span>
        </div>
      </fieldset>
      <div class="pad">
        {counts === null ? (
          <div class="faint">{t('panelCountsLoading')}</div>
        ) : 'error' in counts ? (
          counts.error.kind === 'not-cached' ? (
            <div class="faint">{t('panelCountsNotChecked')}</div>
          ) : (
            <div data-testid="error">
              <ErrorNotice error={counts.error} />
            </div>
          )
        ) : (
          <table class="nl-counts" data-testid="nl-counts">
            <thead>
              <tr>
                <th>{t('panelColMonthEnding')}</th>
                <th>{t('panelNewLinks')}</th>
                <th>{t('panelLostLinks')}</th>
                <th>{t('panelColNewDomains')}</th>
                <th>{t('panelColLostDomains')}</th>
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
        <legend class="sr-only">{t('panelNewOrLost')}</legend>
        <div class="control-row">
          <label>
            <input type="radio" name="nl" data-testid="nl-new" checked={which === 'new'} onChange={() => setWhich('new')} /> {t('panelNewLinks')}
          </label>
          <label>
            <input type="radio" name="nl" data-testid="nl-lost" checked={which === 'lost'} onChange={() => setWhich('lost')} /> {t('panelLostLinks')}
          </label>
        </div>
      </fieldset>
      {none ? (
        <div class="pad faint" data-testid="nl-none">
          {which === 'new' ? t('panelNoneNew') : t('panelNoneLost')}
        </div>
      ) : (
      <ListFrame
        list={list}
        target={target}
        nouns={{ total: 'panelBacklinksTotal', noSaved: 'panelBacklinksNoSaved', label: 'panelTabBacklinks' }}
        emptyText={which === 'new' ? t('panelNoneFirstSeen') : t('panelNoneLostInPeriod')}
        estimate={27}
        listClass="bt"
        head={<BacklinkTableHead />}
        renderRow={(item: Backlink, index) => <BacklinkLine item={item} index={index} expanded={false} onToggle={() => undefined} grouped={false} />}
      />
      )}
    </>
  );
}
