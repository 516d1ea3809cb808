import { useMemo, useState } from 'preact/hooks';
import { askWithRetry } from '@/lib/ask';
import { BULK_METRICS, type BulkFigures, type BulkMetric, type BulkQuote, type BulkRunResult } from '@/lib/bulk';
import { appError, type AppError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { metricLabel } from './labels';
import { batchesOf, mergeFigures, remainingPrice, textsFromPlain, textsFromRows, tooManyMessage } from './logic';

/**
 * The "list of sites" page's state machine, without the view: the list being edited (typed or
 * imported), the figures asked, the free quote, the confirmed run in batches (progress, spend,
 * failures) and the figures it brought. The worker checks every target; this holds no target rules.
 */

export type Phase =
  | { kind: 'edit' }
  | { kind: 'quoting' }
  | { kind: 'quoted'; quote: BulkQuote; metrics: BulkMetric[] }
  | { kind: 'running'; quote: BulkQuote; metrics: BulkMetric[]; batch: number; batches: number; done: number }
  | { kind: 'done'; quote: BulkQuote; metrics: BulkMetric[] };

export interface Totals {
  calls: number;
  spent: number;
}

export function useBulkRun() {
  const [text, setText] = useState('');
  const [metrics, setMetrics] = useState<BulkMetric[]>([...BULK_METRICS]);
  const [phase, setPhase] = useState<Phase>({ kind: 'edit' });
  const [error, setError] = useState<AppError | null>(null);
  const [figures, setFigures] = useState<BulkFigures[]>([]);
  const [failed, setFailed] = useState<string[]>([]);
  const [totals, setTotals] = useState<Totals>({ calls: 0, spent: 0 });
  const [importNote, setImportNote] = useState<string | null>(null);

  const texts = useMemo(() => textsFromPlain(text), [text]);
  const busy = phase.kind === 'quoting' || phase.kind === 'running';

  /** The list typed: a quote already shown no longer matches it. */
  function edit(value: string) {
    setText(value);
    if (phase.kind !== 'edit') setPhase({ kind: 'edit' });
  }

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

  const toggle = (m: BulkMetric) =>
    setMetrics((now) => (now.includes(m) ? now.filter((x) => x !== m) : BULK_METRICS.filter((x) => x === m || now.includes(x))));

  return { text, texts, metrics, phase, busy, error, figures, failed, totals, importNote, edit, importFile, getQuote, run, toggle };
}
