import './lists.css';
import type { ComponentChildren, VNode } from 'preact';
import { browser } from 'wxt/browser';
import { ErrorNotice } from '@/components/common/ErrorNotice';
import { Skeleton } from '@/components/common/Skeleton';
import { formatAgo, formatExact, formatMoney } from '@/lib/format';
import { retryMode } from '@/lib/ask';
import type { LookupTarget } from '@/lib/lookupTarget';
import type { ListEndpoint, ListItem } from '@/entrypoints/sidepanel/pagedList';
import { targetHeading } from '@/entrypoints/sidepanel/panelState';
import type { PagedList } from '@/entrypoints/sidepanel/usePagedList';
import { approxMoney } from './money';
import { VirtualList } from '@/components/common/VirtualList';
import { t, tParts, type MessageKey } from '@/lib/i18n';

/** The sentences that name a list's rows (message keys). */
export interface ListNouns {
  /** The count: "$COUNT$ backlinks". */
  total: MessageKey;
  /** Nothing cached yet: "No saved backlinks for $SITE$ yet." (the site is drawn in bold). */
  noSaved: MessageKey;
  /** The list's name for screen readers: "Backlinks". */
  label: MessageKey;
}

export interface ListFrameProps<E extends ListEndpoint> {
  list: PagedList<E>;
  target: LookupTarget;
  /** What the rows are called (see ListNouns). */
  nouns: ListNouns;
  /** The sentence of an empty answer (it may depend on the filters). */
  emptyText: string;
  /** Expected height of a row, px (real heights are measured). */
  estimate: number;
  renderRow: (item: ListItem<E>, index: number) => VNode;
  /** Above the rows, outside the scrolling area (e.g. column titles). */
  head?: ComponentChildren;
  /** Class of the scrolling list (layout variants). */
  listClass?: string;
  /** More controls on the status line (e.g. the layout switch). */
  tools?: ComponentChildren;
}

/**
 * Everything around the rows of a paged list, the same for every list view: the count and what
 * it cost (or that it came from the cache), refresh and CSV export, the loading, needs-check,
 * error and empty states, the virtual list and its "Load more" footer with the next page's price.
 */
export function ListFrame<E extends ListEndpoint>(props: ListFrameProps<E>) {
  const { list, nouns } = props;
  const estimate = list.pageQuote ? approxMoney(list.pageQuote.free ? 0 : list.pageQuote.usd) : '…';
  const heading = targetHeading(props.target);

  const footer =
    list.status === 'ready' ? (
      <div class="list-foot">
        {list.more.error && (
          <div data-testid="error">
            <ErrorNotice error={list.more.error} onRetry={list.loadMore} />
          </div>
        )}
        {list.hasMore ? (
          <button
            type="button"
            data-testid="load-more"
            class="load-more"
            disabled={list.loadingMore}
            onClick={list.loadMore}
            title={t('panelLoadMoreTitle', String(list.pageRows), estimate)}
          >
            {list.loadingMore ? t('panelLoading') : t('panelLoadMore', formatExact(list.pageRows), estimate)}
          </button>
        ) : list.items.length > 0 ? (
          <div class="faint end">{list.cutShort ? t('panelNoMoreRows') : t('panelAllShown', formatExact(list.items.length))}</div>
        ) : null}
      </div>
    ) : null;

  return (
    <>
      <div class="status-line">
        <span data-testid="total" class="total">
          {list.status === 'ready' ? t(nouns.total, formatExact(list.total ?? list.items.length)) : list.status === 'loading' ? t('panelLoading') : ''}
        </span>
        {list.status === 'ready' && list.meta && (
          <span class="faint meta" title={t('panelSpentToday', formatMoney(list.meta.spentToday))}>
            {list.items.length < (list.total ?? 0) ? `${t('panelLoaded', formatExact(list.items.length))} · ` : ''}
            {list.meta.fromCache ? t('panelCachedAgo', formatAgo(list.meta.fetchedAt)) : t('panelCost', formatMoney(list.meta.cost))}
          </span>
        )}
        <span class="list-actions">
          {props.tools}
          <button
            type="button"
            class="icon"
            onClick={() => list.reload('refresh')}
            disabled={list.status === 'loading'}
            title={t('panelRefreshTitle', estimate)}
            aria-label={t('panelRefresh')}
            data-testid="refresh"
          >
            ↻
          </button>
          {list.csv && (
            <button
              type="button"
              data-testid="export"
              onClick={() => void list.exportCsv(props.target)}
              disabled={list.items.length === 0 || list.exporting}
              title={t('panelExportTitle', formatExact(list.items.length))}
            >
              <span class="wide-only">{t('panelExportPrefix')} </span>CSV
            </button>
          )}
        </span>
      </div>

      <div class="list-area">
        {list.status === 'loading' && (
          <div class="pad skeletons" role="status" aria-busy="true" aria-label={t('panelLoadingLabel')}>
            {[0, 1, 2, 3].map((i) => (
              <div key={i} class="skeleton-row">
                <Skeleton width="55%" />
                <Skeleton width="90%" />
                <Skeleton width="70%" />
              </div>
            ))}
          </div>
        )}
        {list.status === 'needs-check' && (
          <div class="pad check-offer">
            <p class="muted">
              {tParts(nouns.noSaved, <strong>{heading.display}</strong>)}
            </p>
            <button type="button" class="primary" data-testid="check" onClick={() => list.reload('normal')}>
              {t('panelCheckPrice', estimate)}
            </button>
          </div>
        )}
        {list.status === 'error' && list.error && (
          <div class="pad" data-testid="error">
            <ErrorNotice error={list.error} onRetry={() => list.reload(retryMode(list.error!))}>
              {(list.error.kind === 'no-credentials' || list.error.kind === 'auth') && (
                <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
                  {t('panelOpenSettings')}
                </button>
              )}
            </ErrorNotice>
          </div>
        )}
        {list.status === 'ready' && list.items.length === 0 && <div class="pad muted empty">{props.emptyText}</div>}
        {list.status === 'ready' && list.items.length > 0 && (
          <>
            {props.head}
            <VirtualList
              items={list.items}
              estimate={props.estimate}
              listKey={`${list.endpoint}-${list.requestId}`}
              label={t(nouns.label)}
              footer={footer}
              class={props.listClass}
              renderRow={props.renderRow}
            />
          </>
        )}
      </div>
    </>
  );
}
