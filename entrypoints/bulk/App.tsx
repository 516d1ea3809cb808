import { useState } from 'preact/hooks';
import { MAX_BULK_TARGETS } from '@/lib/bulk';
import { ErrorNotice } from '@/components/common/ErrorNotice';
import { t } from '@/lib/i18n';
import { ListEditor } from '@/entrypoints/bulk/components/ListEditor';
import { FailedList, Progress } from '@/entrypoints/bulk/components/Progress';
import { QuoteView, RunButton } from '@/entrypoints/bulk/components/QuoteView';
import { ResultsTable } from '@/entrypoints/bulk/components/ResultsTable';
import type { View } from './logic';
import { useBulkRun } from './useBulkRun';

/**
 * The "list of sites" page: paste or import a list, see what it costs (a free quote: refused
 * entries with the reason, cached and bought figures per metric, calls and price), confirm, watch
 * the batches run, then sort, filter and export the table. Every target check happens in the
 * worker; this page holds no target rules and no zod. The state machine is useBulkRun.ts, the
 * views are in components/.
 */
export function App() {
  const bulk = useBulkRun();
  const { phase, figures, failed } = bulk;
  const [view, setView] = useState<View>({ sort: 'target', dir: 'asc', filter: '' });

  const quote = phase.kind === 'edit' || phase.kind === 'quoting' ? null : phase.quote;
  const asked = phase.kind === 'edit' || phase.kind === 'quoting' ? bulk.metrics : phase.metrics;

  return (
    <div class="b-root">
      <header class="b-header">
        <h1>{t('bulkTitle')}</h1>
        <p class="muted">{t('bulkIntro', MAX_BULK_TARGETS.toLocaleString('en-US'))}</p>
      </header>

      <ListEditor
        text={bulk.text}
        count={bulk.texts.length}
        metrics={bulk.metrics}
        busy={bulk.busy}
        quoting={phase.kind === 'quoting'}
        importNote={bulk.importNote}
        onText={bulk.edit}
        onFile={(file) => void bulk.importFile(file)}
        onToggle={bulk.toggle}
        onQuote={() => void bulk.getQuote()}
      />

      {bulk.error && <ErrorNotice error={bulk.error} />}

      {quote && <QuoteView quote={quote} />}

      {phase.kind === 'quoted' && <RunButton quote={phase.quote} onRun={() => void bulk.run(phase.quote, phase.metrics)} />}

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
          totals={bulk.totals}
          finished={phase.kind === 'done'}
        />
      )}

      {failed.length > 0 && <FailedList failed={failed} />}

      {figures.length > 0 && <ResultsTable figures={figures} metrics={asked} view={view} onView={setView} />}
    </div>
  );
}
