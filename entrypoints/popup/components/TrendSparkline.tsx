import { useEffect, useState } from 'preact/hooks';
import { ask } from '@/lib/ask';
import { t } from '@/lib/i18n';
import type { TrendProps } from './TrendSlot';
import { sparkline } from '@/lib/sparkline';

/** A year up to today (as defaultRange in lib/yearRange.ts; inlined to keep the popup light). */
function yearBack(d: Date): { dateFrom: string; dateTo: string } {
  const dateTo = d.toISOString().slice(0, 10);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return { dateFrom: d.toISOString().slice(0, 10), dateTo };
}

const W = 84;
const H = 20;

/**
 * A year of referring domains by month beside the profile's figure, when the user asked for the
 * trend in checks (one more paid call; off: nothing asked, nothing drawn). `checkKey` changes with
 * each answered check, so the trend is asked with it: from the cache with a cached profile, afresh
 * with a fresh one.
 */
export function TrendSparkline(props: TrendProps) {
  const [values, setValues] = useState<(number | null)[] | null>(null);
  const on = props.settings.includeTrendInChecks;
  useEffect(() => {
    setValues(null);
    if (!on) return;
    let live = true;
    const { includeSubdomains, rankScale } = props.settings;
    void ask({
      type: 'timeseriesSummary',
      params: { target: props.target, includeSubdomains, rankScale, ...yearBack(new Date()), group: 'month' },
      mode: props.fresh ? 'refresh' : 'normal',
    }).then((r) => {
      if (live && r.ok) setValues(r.data.points.map((p) => p.referringDomains));
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- each check (and only a check) asks
  }, [on, props.checkKey]);
  if (!on || !values) return null;
  const { d, last } = sparkline(values, W, H);
  if (!last) return null;
  return (
    <svg class="p-spark" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('popupTrend')} data-testid="sparkline" data-last={last.value}>
      <path d={d} fill="none" stroke="currentColor" stroke-width="1.5" />
    </svg>
  );
}
