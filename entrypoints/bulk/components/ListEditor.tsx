import { useRef } from 'preact/hooks';
import { BULK_METRICS, type BulkMetric } from '@/lib/bulk';
import { t } from '@/lib/i18n';
import { metricLabel } from '@/entrypoints/bulk/labels';

/**
 * The "list of sites" page's edit view: the list (typed, pasted or imported from a .csv/.txt
 * file), the figures to ask for, and the button that asks the free quote.
 */
export function ListEditor(props: {
  text: string;
  count: number;
  metrics: BulkMetric[];
  busy: boolean;
  quoting: boolean;
  importNote: string | null;
  onText: (text: string) => void;
  onFile: (file: File) => void;
  onToggle: (metric: BulkMetric) => void;
  onQuote: () => void;
}) {
  const { busy, metrics } = props;
  const fileRef = useRef<HTMLInputElement>(null);
  return (
    <section class="b-input">
      <textarea
        data-testid="bulk-input"
        aria-label={t('bulkInputLabel')}
        placeholder={'example.com\nhttps://example.org/pricing'}
        rows={8}
        value={props.text}
        disabled={busy}
        onInput={(e) => props.onText((e.target as HTMLTextAreaElement).value)}
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
            if (file) props.onFile(file);
            (e.target as HTMLInputElement).value = '';
          }}
        />
        <span class="muted" data-testid="bulk-count">
          {t('bulkEntries', props.count.toLocaleString('en-US'))}
        </span>
        {props.importNote && <span class="muted">{props.importNote}</span>}
      </div>
      <fieldset class="b-metrics" disabled={busy}>
        <legend>{t('bulkFigures')}</legend>
        {BULK_METRICS.map((m) => (
          <label key={m}>
            <input type="checkbox" checked={metrics.includes(m)} onChange={() => props.onToggle(m)} data-testid={`bulk-metric-${m}`} /> {metricLabel(m)}
          </label>
        ))}
      </fieldset>
      <div class="b-row">
        <button type="button" class="primary" disabled={busy || metrics.length === 0} onClick={props.onQuote} data-testid="bulk-quote">
          {props.quoting ? t('bulkPricing') : t('bulkGetPrice')}
        </button>
        <span class="muted">{t('bulkFreeNote')}</span>
      </div>
    </section>
  );
}
