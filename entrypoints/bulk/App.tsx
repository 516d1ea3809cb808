import type { ComponentChildren } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import { askWithRetry } from '@/lib/ask';
import { BULK_METRICS, MAX_BULK_CALL_TARGETS, MAX_BULK_TARGETS, type BulkFigures, type BulkMetric, type BulkQuote, type BulkRefusal, type BulkRunResult } from '@/lib/bulk';
import { appError, type AppError } from '@/lib/errors';
import { COST_PER_REQUEST, COST_PER_ROW } from '@/lib/dataforseo/cost';
import { formatMoney } from '@/lib/format';
import { ErrorNotice } from '@/components/common';
import { VirtualList } from '@/components/common/VirtualList';
import { t, tParts } from '@/lib/i18n';
import {
  batchesOf,
  cellText,
  columnsFor,
  mergeFigures,
  remainingPrice,
  tableCells,
  textsFromPlain,
  textsFromRows,
  tooManyMessage,
  viewRows,
  type View,
} from './logic';

/**
 * The "list of sites" page: paste or import a list, see what it costs (a free quote: refused
 * entries with the reason, cached and bought figures per metric, calls and price), confirm, watch
 * the batches run, then sort, filter and export the table. Every target check happens in the
 * worker; this page holds no target rules and no zod.
 */

const metricLabel = (m: BulkMetric): string =>
  m === 'rank' ? t('bulkMetricRank') : m === 'referringDomains' ? t('bulkMetricRefDomains') : m === 'backlinks' ? t('bulkMetricBacklinks') : t('bulkMetricSpam');

type Phase =
  | { kind: 'edit' }
  | { kind: 'quoting' }
  | { kind: 'quoted'; quote: BulkQuote; metrics: BulkMetric[] }
  | { kind: 'running'; quote: BulkQuote; metrics: BulkMetric[]; batch: number; batches: number; done: number }
  | { kind: 'done'; quote: BulkQuote; metrics: BulkMetric[] };

interface Totals {
  calls: number;
  spent: number;
}

export function App() {
  const [text, setText] = useState('');
  const [metrics, setMetrics] = useState<BulkMetric[]>([...BULK_METRICS]);
  const [phase, setPhase] = useState<Phase>({ kind: 'edit' });
  const [error, setError] = useState<AppError | null>(null);
  const [figures, setFigures] = useState<BulkFigures[]>([]);
  const [failed, setFailed] = useState<string[]>([]);
  const [totals, setTotals] = useState<Totals>({ calls: 0, spent: 0 });
  const [view, setView] = useState<View>({ sort: 'target', dir: 'asc', filter: '' });
  const [importNote, setImportNote] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const texts = useMemo(() => textsFromPlain(text), [text]);
  const busy = phase.kind === 'quoting' || phase.kind === 'running';

  async function importFile(file: File) {
    setImportNote(null);
    const content = await file.text();
    let list: string[];
    if (/\.csv$/i.test(file.name)) {
      const papa = await import('papaparse');
      const parse = papa.parse ?? (papa as unknown as { default: typeof papa }).default.parse;
      const parsed = parse<unknown[]>(content, { skipEmptyLines: true });
      list = textsFromRows(parsed.data);
    } else list = textsFromPlain(content);
    setText(list.join('\n'));
    setPhase({ kind: 'edit' });
    setImportNote(t('bulkImported', list.length.toLocaleString('en-US'), file.name));
  }

  async function getQuote() {
    setError(null);
    const many = tooManyMessage(texts.length);
    if (many) {
      setError(appError('invalid-request', many, false));
      return;
    }
    if (texts.length === 0) {
      setError(appError('invalid-request', t('bulkEmpty'), false));
      return;
    }
    const asked = BULK_METRICS.filter((m) => metrics.includes(m));
    setPhase({ kind: 'quoting' });
    const reply = await askWithRetry({ type: 'bulkQuote', targets: texts, metrics: asked });
    if (!reply.ok) {
      setError(reply.error);
      setPhase({ kind: 'edit' });
      return;
    }
    setFigures([]);
    setFailed([]);
    setPhase({ kind: 'quoted', quote: reply.data, metrics: asked });
  }

  async function run(quote: BulkQuote, asked: BulkMetric[]) {
    setError(null);
    const batches = batchesOf(quote);
    const answers: BulkFigures[][] = [];
    const results: BulkRunResult[] = [];
    const failures: string[] = [];
    let done = 0;
    let sum: Totals = { calls: 0, spent: 0 };
    setTotals(sum);
    for (const [i, batch] of batches.entries()) {
      setPhase({ kind: 'running', quote, metrics: asked, batch: i + 1, batches: batches.length, done });
      const reply = await askWithRetry({
        type: 'bulkRun',
        targets: batch,
        metrics: asked,
        maxPriceUsd: remainingPrice(quote.priceUsd, results),
      });
      if (!reply.ok) {
        // The batches already answered are kept; the rest is not run.
        failures.push(t('bulkFailedSites', String(done + 1), String(done + batch.length), reply.error.message));
        break;
      }
      results.push(reply.data);
      answers.push(reply.data.figures);
      for (const f of reply.data.failed) failures.push(t('bulkFailedFigure', metricLabel(f.metric), String(done + 1), String(done + batch.length), f.message));
      done += batch.length;
      sum = { calls: sum.calls + reply.data.calls, spent: Math.round((sum.spent + reply.data.spentUsd) * 1e6) / 1e6 };
      setTotals(sum);
      setFigures(mergeFigures(quote.targets, answers));
    }
    setFailed(failures);
    setPhase({ kind: 'done', quote, metrics: asked });
  }

  async function exportCsv(rows: BulkFigures[], asked: BulkMetric[]) {
    // Loaded on demand, as in the side panel (papaparse is not needed to show the page).
    const csv = await import('@/lib/csv');
    const { header, cells } = tableCells(rows, columnsFor(asked));
    csv.downloadText(csv.toCsv(header, cells), `sites-${csv.isoDay(new Date())}.csv`);
  }

  const toggle = (m: BulkMetric) =>
    setMetrics((now) => (now.includes(m) ? now.filter((x) => x !== m) : BULK_METRICS.filter((x) => x === m || now.includes(x))));

  const quote = phase.kind === 'edit' || phase.kind === 'quoting' ? null : phase.quote;
  const asked = phase.kind === 'edit' || phase.kind === 'quoting' ? metrics : phase.metrics;

  return (
    <div class="b-root">
      <header class="b-header">
        <h1>{t('bulkTitle')}</h1>
        <p class="muted">{t('bulkIntro', MAX_BULK_TARGETS.toLocaleString('en-US'))}</p>
      </header>

      <section class="b-input">
        <textarea
          data-testid="bulk-input"
          aria-label={t('bulkInputLabel')}
          placeholder={'example.com\nhttps://example.org/pricing'}
          rows={8}
          value={text}
          disabled={busy}
          onInput={(e) => {
            setText((e.target as HTMLTextAreaElement).value);
            if (phase.kind !== 'edit') setPhase({ kind: 'edit' });
          }}
        />
        <div class="b-row">
          <button type="button" disabled={busy} onClick={() => fileRef.current?.click()} data-testid="bulk-import">
            {t('bulkImport')}
          </button>
          <input
            ref={fileRef}
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            hidden
            data-testid="bulk-file"
            onChange={(e) => {
              const file = (e.target as HTMLInputElement).files?.[0];
              if (file) void importFile(file);
              (e.target as HTMLInputElement).value = '';
            }}
          />
          <span class="muted" data-testid="bulk-count">
            {t('bulkEntries', texts.length.toLocaleString('en-US'))}
          </span>
          {importNote && <span class="muted">{importNote}</span>}
        </div>
        <fieldset class="b-metrics" disabled={busy}>
          <legend>{t('bulkFigures')}</legend>
          {BULK_METRICS.map((m) => (
            <label key={m}>
              <input type="checkbox" checked={metrics.includes(m)} onChange={() => toggle(m)} data-testid={`bulk-metric-${m}`} /> {metricLabel(m)}
            </label>
          ))}
        </fieldset>
        <div class="b-row">
          <button type="button" class="primary" disabled={busy || metrics.length === 0} onClick={() => void getQuote()} data-testid="bulk-quote">
            {phase.kind === 'quoting' ? t('bulkPricing') : t('bulkGetPrice')}
          </button>
          <span class="muted">{t('bulkFreeNote')}</span>
        </div>
      </section>

      {error && <ErrorNotice error={error} />}

      {quote && <QuoteView quote={quote} />}

      {phase.kind === 'quoted' && (
        <div class="b-row">
          <button type="button" class="primary" onClick={() => void run(phase.quote, phase.metrics)} data-testid="bulk-run">
            {phase.quote.calls === 0
              ? t('bulkShowCached')
              : t(phase.quote.calls === 1 ? 'bulkBuyOne' : 'bulkBuyOther', formatMoney(phase.quote.priceUsd), String(phase.quote.calls))}
          </button>
        </div>
      )}

      {(phase.kind === 'running' || phase.kind === 'done') && (
        <Progress
          done={phase.kind === 'done' ? figures.length : phase.done}
          total={phase.quote.targets.length}
          label={
            phase.kind === 'running'
              ? t('bulkBatch', String(phase.batch), String(phase.batches))
              : failed.length
                ? t('bulkFinishedFailures')
                : t('bulkFinished')
          }
          totals={totals}
          finished={phase.kind === 'done'}
        />
      )}

      {failed.length > 0 && (
        <div class="notice b-failed" data-testid="bulk-failed" role="alert">
          <strong>{t('bulkFailedTitle')}</strong>
          <ul>
            {failed.map((f, i) => (
              <li key={i}>{f}</li>
            ))}
          </ul>
        </div>
      )}

      {figures.length > 0 && <Results figures={figures} metrics={asked} view={view} onView={setView} onExport={exportCsv} />}
    </div>
  );
}

function QuoteView(props: { quote: BulkQuote }) {
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

function Progress(props: { done: number; total: number; label: string; totals: Totals; finished: boolean }) {
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

function Results(props: {
  figures: BulkFigures[];
  metrics: BulkMetric[];
  view: View;
  onView: (v: View) => void;
  onExport: (rows: BulkFigures[], metrics: BulkMetric[]) => void;
}) {
  const columns = columnsFor(props.metrics);
  const rows = useMemo(() => viewRows(props.figures, props.view), [props.figures, props.view]);
  const { view, onView } = props;
  const sortBy = (key: View['sort']) =>
    onView({ ...view, sort: key, dir: view.sort === key ? (view.dir === 'asc' ? 'desc' : 'asc') : key === 'target' ? 'asc' : 'desc' });
  const template = `minmax(180px, 2fr) repeat(${columns.length - 1}, minmax(80px, 1fr))`;
  return (
    <section class="b-results">
      <div class="b-row">
        <input
          type="search"
          placeholder={t('bulkFilter')}
          aria-label={t('bulkFilter')}
          value={view.filter}
          onInput={(e) => onView({ ...view, filter: (e.target as HTMLInputElement).value })}
          data-testid="bulk-filter"
        />
        <span class="muted" data-testid="bulk-shown">
          {t('bulkShown', rows.length.toLocaleString('en-US'), props.figures.length.toLocaleString('en-US'))}
        </span>
        <span class="p-spacer" />
        <button type="button" onClick={() => props.onExport(rows, props.metrics)} data-testid="bulk-export">
          {t('bulkExport')}
        </button>
      </div>
      <div class="b-grid b-head" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <button
            type="button"
            key={c.key}
            class={`b-sort${c.numeric ? ' num' : ''}`}
            aria-label={view.sort === c.key ? t(view.dir === 'asc' ? 'bulkSortedAsc' : 'bulkSortedDesc', c.title) : t('bulkSortBy', c.title)}
            onClick={() => sortBy(c.key)}
            data-testid={`bulk-sort-${c.key}`}
          >
            {c.title}
            {view.sort === c.key ? (view.dir === 'asc' ? ' ▲' : ' ▼') : ''}
          </button>
        ))}
      </div>
      <div class="b-table">
        <VirtualList
          items={rows}
          estimate={28}
          listKey={`${view.sort}:${view.dir}:${view.filter}`}
          label={t('bulkListLabel')}
          rowTestId="bulk-row"
          renderRow={(row) => (
            <div class="b-grid" style={{ gridTemplateColumns: template }}>
              {columns.map((c) => (
                <span key={c.key} class={c.numeric ? 'num' : 'b-site'} title={c.key === 'target' ? row.target : undefined}>
                  {cellText(row, c)}
                </span>
              ))}
            </div>
          )}
        />
      </div>
    </section>
  );
}
