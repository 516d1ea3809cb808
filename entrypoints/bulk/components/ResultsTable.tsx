import { useMemo } from 'preact/hooks';
import type { BulkFigures, BulkMetric } from '@/lib/bulk';
import { VirtualList } from '@/components/common/VirtualList';
import { t } from '@/lib/i18n';
import { cellText, columnsFor, tableCells, viewRows, type View } from '@/entrypoints/bulk/logic';

/**
 * The "list of sites" page's results: the table of figures (a virtual list), sorted by a column
 * header, filtered by part of the site, and exported as CSV exactly as shown.
 */

async function exportCsv(rows: BulkFigures[], asked: BulkMetric[]) {
  // Loaded on demand, as in the side panel (papaparse is not needed to show the page).
  const csv = await import('@/lib/csv');
  const { header, cells } = tableCells(rows, columnsFor(asked));
  csv.downloadText(csv.toCsv(header, cells), `sites-${csv.isoDay(new Date())}.csv`);
}

export function ResultsTable(props: { figures: BulkFigures[]; metrics: BulkMetric[]; view: View; onView: (v: View) => void }) {
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
        <button type="button" onClick={() => void exportCsv(rows, props.metrics)} data-testid="bulk-export">
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
