import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ask } from '@/lib/ask';
import type { BulkFigures, BulkQuote, BulkRunResult } from '@/lib/bulk';
import type { AppError } from '@/lib/errors';
import { formatExact, formatMoney } from '@/lib/format';
import type { LinksViewEntry } from '@/lib/links/handoff';
import type { LinkReport } from '@/lib/links/report';
import { ErrorNotice } from '@/components/common/ErrorNotice';
import { t } from '@/lib/i18n';
import { LINK_METRICS, csvRows, CSV_HEADER, figureKey, figuresByKey, outboundRows, quoteLine, tallies, type Grouping } from './logic';
import './links.css';

/**
 * The side panel's "Links on this page": the counts of the tab's links (read by the injected scan,
 * checked by the worker), the outbound domains or pages, and their rank, referring domains and spam
 * score from the bulk endpoints: a free quote first, the price shown, and a paid run only when the
 * user confirms it (the worker never spends more than the confirmed price).
 */

type Load<T> = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: AppError };

/** Rows drawn at first; the rest on request (the figures of all are bought and exported). */
const FIRST_ROWS = 200;

export interface BulkAsk {
  quote(targets: string[]): Promise<{ ok: true; data: BulkQuote } | { ok: false; error: AppError }>;
  run(targets: string[], maxPriceUsd: number): Promise<{ ok: true; data: BulkRunResult } | { ok: false; error: AppError }>;
  report(tabId: number): Promise<{ ok: true; data: LinkReport } | { ok: false; error: AppError }>;
}

export const workerAsk: BulkAsk = {
  quote: (targets) => ask({ type: 'bulkQuote', targets, metrics: LINK_METRICS }),
  run: (targets, maxPriceUsd) => ask({ type: 'bulkRun', targets, metrics: LINK_METRICS, maxPriceUsd }),
  report: (tabId) => ask({ type: 'linksReport', tabId }),
};

export function LinksView(props: { entry: LinksViewEntry; onClose: () => void; api?: BulkAsk }) {
  const api = props.api ?? workerAsk;
  const { entry } = props;
  const [report, setReport] = useState<Load<LinkReport>>({ status: 'idle' });
  const [grouping, setGrouping] = useState<Grouping>('domains');
  const [quote, setQuote] = useState<Load<BulkQuote>>({ status: 'idle' });
  const [run, setRun] = useState<Load<BulkRunResult>>({ status: 'idle' });
  const [figures, setFigures] = useState<Map<string, BulkFigures>>(new Map());
  const [showAll, setShowAll] = useState(false);
  const [exporting, setExporting] = useState(false);
  const quoteGen = useRef(0);

  // The report, each time the scan of this tab is (re)done.
  useEffect(() => {
    if (entry.state !== 'ready') {
      setReport({ status: 'idle' });
      return;
    }
    let live = true;
    setReport({ status: 'loading' });
    void api.report(entry.tabId).then((r) => {
      if (!live) return;
      setReport(r.ok ? { status: 'ready', data: r.data } : { status: 'error', error: r.error });
      setRun({ status: 'idle' });
      setShowAll(false);
    });
    return () => {
      live = false;
    };
  }, [entry.tabId, entry.state, entry.at]);

  const rows = useMemo(() => (report.status === 'ready' ? outboundRows(report.data, grouping) : []), [report, grouping]);
  const targets = useMemo(() => rows.map((r) => r.target), [rows]);

  const applyRun = (result: BulkRunResult) => {
    setFigures((prev) => {
      const next = new Map(prev);
      for (const [k, v] of figuresByKey(result.figures)) next.set(k, v);
      return next;
    });
  };

  const askQuote = async (list: string[]) => {
    const gen = ++quoteGen.current;
    if (list.length === 0) {
      setQuote({ status: 'idle' });
      return;
    }
    setQuote({ status: 'loading' });
    const q = await api.quote(list);
    if (gen !== quoteGen.current) return;
    if (!q.ok) {
      setQuote({ status: 'error', error: q.error });
      return;
    }
    setQuote({ status: 'ready', data: q.data });
    // Everything already cached: showing it costs nothing, so it is shown at once.
    if (q.data.calls === 0 && q.data.targets.length > 0) {
      const r = await api.run(list, 0);
      if (gen === quoteGen.current && r.ok) applyRun(r.data);
    }
  };

  // A free quote for the outbound targets whenever they change.
  useEffect(() => {
    if (report.status !== 'ready') return;
    void askQuote(targets);
  }, [targets, report.status]);

  const buy = async () => {
    if (quote.status !== 'ready') return;
    const price = quote.data.priceUsd;
    setRun({ status: 'loading' });
    const r = await api.run(targets, price);
    if (!r.ok) {
      setRun({ status: 'error', error: r.error });
      return;
    }
    applyRun(r.data);
    setRun({ status: 'ready', data: r.data });
    void askQuote(targets);
  };

  const exportCsv = async () => {
    if (report.status !== 'ready') return;
    setExporting(true);
    try {
      const csv = await import('@/lib/csv');
      const host = (() => {
        try {
          return new URL(report.data.pageUrl).hostname;
        } catch {
          return 'page';
        }
      })();
      const text = csv.toCsv(CSV_HEADER, csvRows(report.data.links, figures, grouping));
      csv.downloadText(text, `links-${csv.fileNamePart({ value: host })}-${csv.isoDay(new Date())}.csv`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div class="links-view" data-testid="links-view">
      <header class="panel-head">
        <div class="head-line">
          <div class="target">
            <span class="scope-label">{t('panelLinksTitle')}</span>
            <span class="target-name" data-testid="links-page" title={report.status === 'ready' ? report.data.pageUrl : ''}>
              {report.status === 'ready' ? report.data.pageUrl : entry.state === 'scanning' ? t('panelLinksReadingPage') : ''}
            </span>
          </div>
          <div class="head-actions">
            <button type="button" data-testid="links-export" disabled={report.status !== 'ready' || exporting} onClick={() => void exportCsv()}>
              {t('panelExportCsv')}
            </button>
            <button type="button" class="icon" aria-label={t('panelBackToBacklinks')} title={t('panelBackToBacklinks')} data-testid="links-close" onClick={props.onClose}>
              ×
            </button>
          </div>
        </div>
      </header>
      <div class="links-body">
        {entry.state === 'scanning' && <div class="pad faint" data-testid="links-scanning">
            {t('panelLinksReading')}
          </div>}
        {entry.state === 'error' && (
          <div class="pad" data-testid="error">
            <div class="notice" role="status">
              <div class="message">{entry.message ?? t('panelLinksUnreadable')}</div>
            </div>
          </div>
        )}
        {report.status === 'error' && (
          <div class="pad" data-testid="error">
            <ErrorNotice error={report.error} />
          </div>
        )}
        {report.status === 'ready' && renderReport(report.data)}
      </div>
    </div>
  );

  function renderReport(r: LinkReport) {
    const dropped = r.dropped.tooLong + r.dropped.overLimit;
    const shown = showAll ? rows : rows.slice(0, FIRST_ROWS);
    return (
      <>
        <ul class="links-tallies" data-testid="links-counts">
          {tallies(r).map((tally) => (
            <li key={tally.id} data-count={tally.id} data-kind={tally.kind ?? ''}>
              {tally.kind && <span class={`sw k-${tally.kind}`} />}
              <span class="label">{tally.label}</span>
              <span class="n">{formatExact(tally.value)}</span>
            </li>
          ))}
        </ul>
        {(dropped > 0 || r.counts.unsupported > 0) && (
          <p class="pad faint note" data-testid="links-dropped">
            {dropped > 0 && `${t('panelLinksDropped', formatExact(dropped), formatExact(5000))} `}
            {r.counts.unsupported > 0 && t('panelLinksUnsupported', formatExact(r.counts.unsupported))}
          </p>
        )}
        <div class="pad links-buy">
          <div class="control-row">
            <label class="field">
              <span class="sr-only">{t('panelFiguresFor')}</span>
              <select data-testid="links-grouping" value={grouping} onChange={(e) => setGrouping(e.currentTarget.value as Grouping)}>
                <option value="domains">{t('panelOutboundDomains')}</option>
                <option value="pages">{t('panelOutboundPages')}</option>
              </select>
            </label>
            <span class="faint">{formatExact(rows.length)}</span>
          </div>
          {renderQuote()}
        </div>
        {rows.length > 0 && (
          <table class="links-table" data-testid="links-table">
            <thead>
              <tr>
                <th>{grouping === 'domains' ? t('panelColDomain') : t('panelColOutPage')}</th>
                <th title={t('panelLinksToItTitle')}>{t('panelLinks')}</th>
                <th>{t('panelRank')}</th>
                <th title={t('panelColRefDomTitle')}>{t('panelColRefDom')}</th>
                <th title={t('panelSpamScore')}>{t('panelSpam')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => {
                const f = figures.get(figureKey(row.target));
                return (
                  <tr key={row.target} data-target={row.target}>
                    <td class="t" title={row.display}>
                      {row.display}
                    </td>
                    <td class="num" title={t('panelLinkKindsTitle', String(row.kinds.follow), String(row.kinds.nofollow), String(row.kinds.ugc), String(row.kinds.sponsored))}>
                      {formatExact(row.links)}
                    </td>
                    <td class="num" data-metric="rank">{f?.rank != null ? formatExact(f.rank) : '–'}</td>
                    <td class="num" data-metric="referringDomains">{f?.referringDomains != null ? formatExact(f.referringDomains) : '–'}</td>
                    <td class="num" data-metric="spamScore">{f?.spamScore != null ? formatExact(f.spamScore) : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {!showAll && rows.length > FIRST_ROWS && (
          <div class="pad">
            <button type="button" data-testid="links-show-all" onClick={() => setShowAll(true)}>
              {t('panelShowAll', formatExact(rows.length))}
            </button>
          </div>
        )}
      </>
    );
  }

  function renderQuote() {
    if (rows.length === 0) return <p class="faint">{t('panelNoOutbound')}</p>;
    if (quote.status === 'loading' || quote.status === 'idle') return <p class="faint">{t('panelPricing')}</p>;
    if (quote.status === 'error') return <ErrorNotice error={quote.error} onRetry={() => void askQuote(targets)} />;
    const q = quote.data;
    const line = quoteLine(q);
    const [cached, toBuy, calls, refused] = [line.cached, line.toBuy, q.calls, q.refused.length].map(formatExact) as [string, string, string, string];
    const priced =
      q.calls > 0
        ? q.refused.length > 0
          ? t('panelQuoteCallsRefused', cached, toBuy, calls, refused)
          : t('panelQuoteCalls', cached, toBuy, calls)
        : q.refused.length > 0
          ? t('panelQuoteRefused', cached, toBuy, refused)
          : t('panelQuote', cached, toBuy);
    return (
      <div class="links-quote" data-testid="links-quote" data-price={String(q.priceUsd)} data-calls={String(q.calls)}>
        <p>{priced}</p>
        {q.calls > 0 ? (
          <button type="button" class="primary" data-testid="links-buy" disabled={run.status === 'loading'} onClick={() => void buy()}>
            {run.status === 'loading' ? t('panelLookingUp') : t('panelGetFigures', formatMoney(q.priceUsd))}
          </button>
        ) : (
          <p class="faint" data-testid="links-all-cached">
            {t('panelAllCached')}
          </p>
        )}
        {run.status === 'ready' && (
          <p data-testid="links-spent">
            {t('panelSpent', formatMoney(run.data.spentUsd), formatExact(run.data.calls))}
            {run.data.failed.map((f) => ` ${f.message}`).join('')}
          </p>
        )}
        {run.status === 'error' && <ErrorNotice error={run.error} />}
      </div>
    );
  }
}
