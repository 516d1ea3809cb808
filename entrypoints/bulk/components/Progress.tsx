import type { ComponentChildren } from 'preact';
import { formatMoney } from '@/lib/format';
import { t, tParts } from '@/lib/i18n';
import type { Totals } from '@/entrypoints/bulk/useBulkRun';

/**
 * The "list of sites" page's run progress: the bar, the batch (or "finished"), sites done, calls
 * and money spent; and the list of what failed once the run is over.
 */
export function Progress(props: { done: number; total: number; label: string; totals: Totals; finished: boolean }) {
  const pct = props.total ? Math.round((props.done / props.total) * 100) : 100;
  return (
    <section class="b-progress" data-testid="bulk-progress" aria-busy={!props.finished}>
      <div
        class="b-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={props.total}
        aria-valuenow={props.done}
        aria-label={t('bulkProgressLabel')}
        data-testid="bulk-bar"
      >
        <div class="b-bar-fill" style={{ width: `${pct}%` }} />
      </div>
      <p>
        <span data-testid="bulk-progress-label">{props.label}</span> ·{' '}
        {tParts<ComponentChildren>(
          'bulkProgress',
          props.done.toLocaleString('en-US'),
          props.total.toLocaleString('en-US'),
          <span data-testid="bulk-spent-calls">{props.totals.calls}</span>,
          <span data-testid="bulk-spent">{formatMoney(props.totals.spent)}</span>,
        )}
      </p>
    </section>
  );
}

/** The batches and figures a run could not get, one line each. */
export function FailedList(props: { failed: string[] }) {
  return (
    <div class="notice b-failed" data-testid="bulk-failed" role="alert">
      <strong>{t('bulkFailedTitle')}</strong>
      <ul>
        {props.failed.map((f, i) => (
          <li key={i}>{f}</li>
        ))}
      </ul>
    </div>
  );
}
