import type { BulkQuote, BulkRefusal } from '@/lib/bulk';
import { MAX_BULK_CALL_TARGETS } from '@/lib/bulk';
import { COST_PER_REQUEST, COST_PER_ROW } from '@/lib/dataforseo/cost';
import { formatMoney } from '@/lib/format';
import { t, tParts } from '@/lib/i18n';
import { metricLabel } from '@/entrypoints/bulk/labels';

/**
 * The "list of sites" page's quote: how many sites were accepted and refused (with the reasons),
 * cached and bought figures per metric, calls and price, and the button that confirms the run.
 */
export function QuoteView(props: { quote: BulkQuote }) {
  const q = props.quote;
  return (
    <section class="b-quote" data-testid="bulk-quote-view">
      <p>
        {q.refused.length > 0
          ? tParts(
              'bulkQuoteSitesRefused',
              <strong data-testid="bulk-accepted">{q.targets.length.toLocaleString('en-US')}</strong>,
              <strong data-testid="bulk-refused-count">{q.refused.length.toLocaleString('en-US')}</strong>,
            )
          : tParts('bulkQuoteSites', <strong data-testid="bulk-accepted">{q.targets.length.toLocaleString('en-US')}</strong>)}{' '}
        {tParts(
          q.calls === 1 ? 'bulkQuoteCallsOne' : 'bulkQuoteCallsOther',
          <span data-testid="bulk-calls">{q.calls}</span>,
          <strong data-testid="bulk-price">{formatMoney(q.priceUsd)}</strong>,
        )}
      </p>
      <table class="b-permetric">
        <thead>
          <tr>
            <th>{t('bulkThFigure')}</th>
            <th class="num">{t('bulkThCached')}</th>
            <th class="num">{t('bulkThToBuy')}</th>
            <th class="num">{t('bulkThCalls')}</th>
          </tr>
        </thead>
        <tbody>
          {q.perMetric.map((m) => (
            <tr key={m.metric} data-testid={`bulk-permetric-${m.metric}`}>
              <td>{metricLabel(m.metric)}</td>
              <td class="num">{m.cached.toLocaleString('en-US')}</td>
              <td class="num">{m.toBuy.toLocaleString('en-US')}</td>
              <td class="num">{m.calls}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">{t('bulkCostRule', MAX_BULK_CALL_TARGETS.toLocaleString('en-US'), `$${COST_PER_REQUEST}`, `$${COST_PER_ROW}`)}</p>
      {q.refused.length > 0 && <Refused refused={q.refused} />}
    </section>
  );
}

function Refused(props: { refused: BulkRefusal[] }) {
  const shown = props.refused.slice(0, 200);
  return (
    <details class="b-refused" open={props.refused.length <= 20}>
      <summary>{t('bulkRefusedTitle')}</summary>
      <ul data-testid="bulk-refused">
        {shown.map((r, i) => (
          <li key={i}>
            <code>{r.text.length > 120 ? `${r.text.slice(0, 119)}…` : r.text}</code> — {r.reason}
          </li>
        ))}
      </ul>
      {props.refused.length > shown.length && <p class="muted">{t('bulkRefusedMore', String(props.refused.length - shown.length))}</p>}
    </details>
  );
}

/** The confirm button under a quote: free when everything is cached, else the price and calls. */
export function RunButton(props: { quote: BulkQuote; onRun: () => void }) {
  const q = props.quote;
  return (
    <div class="b-row">
      <button type="button" class="primary" onClick={props.onRun} data-testid="bulk-run">
        {q.calls === 0 ? t('bulkShowCached') : t(q.calls === 1 ? 'bulkBuyOne' : 'bulkBuyOther', formatMoney(q.priceUsd), String(q.calls))}
      </button>
    </div>
  );
}
