import { useEffect, useReducer, useState } from 'preact/hooks';
import { askWithRetry, retryMode } from '@/lib/ask';
import { ENDPOINTS, type CsvEndpoint } from '@/lib/dataforseo/endpoints';
import type { FetchMode, Quote, Request } from '@/lib/messages';
import type { LookupTarget } from '@/lib/lookupTarget';
import type { Kept } from '@/entrypoints/sidepanel/panelStore';
import {
  canLoadMore,
  emptyList,
  listReducer,
  nextPageParams,
  type ListEndpoint,
  type ListItem,
  type ListPage,
  type ListParams,
  type ListState,
} from './pagedList';

/**
 * THE paged list of the side panel, for any list endpoint of the endpoint table
 * (lib/dataforseo/endpoints.ts): the first page whenever the list's identity (`key`) changes, more
 * pages by offset (or by token past the offset limit), loading / error / needs-check / empty states,
 * the worker's quote of the next call, and CSV export of what is loaded when the row
 * has `csv`. Sort and filters are part of the params (and of the key) the view builds.
 *
 * The state lives in a reducer; a reply that belongs to an older request is dropped by its id.
 */

export interface PagedListRequest<E extends ListEndpoint> {
  /**
   * Identity of the list to show: target + sort + filters, NOT the settings (new settings apply to
   * the next request without asking again). Null: nothing to show.
   */
  key: string | null;
  /** The first page's params for this key, built with the current settings. */
  params: ListParams<E> | null;
  /** How a first page is asked when the key changes: 'normal' may spend, 'cacheOnly' shows only cached answers. */
  mode: FetchMode;
  /** Load only while true (a hidden view waits until it is shown). */
  enabled: boolean;
  /** Called when the user asks for a call that may spend (check, refresh, load more). */
  onSpend?: () => void;
  /** Where the list is kept while its view is not shown (PanelStore.keep), so it is back, unchanged, when shown again. */
  keep?: Kept<unknown>;
}

export interface PagedList<E extends ListEndpoint> extends ListState<ListItem<E>, ListParams<E>> {
  endpoint: E;
  /** Whether a further page can be asked for now. */
  hasMore: boolean;
  /** The list stopped before the total because the API gives no further page (past its offset limit, no token). */
  cutShort: boolean;
  loadingMore: boolean;
  /** Rows a page asks for, and what the next call of this list costs as the worker quoted it (null: not quoted yet). */
  pageRows: number;
  pageQuote: Quote | null;
  /** Ask for the first page again: 'normal' (check), 'refresh' (bypass the cache). */
  reload: (mode: FetchMode) => void;
  loadMore: () => void;
  /** Whether the endpoint exports CSV. */
  csv: boolean;
  exporting: boolean;
  exportCsv: (target: LookupTarget) => Promise<void>;
}

/**
 * A kept list as it was; one that was still waiting for a reply starts again (that reply went to
 * the unmounted view), and a "more" it was waiting for is forgotten.
 */
function restore<Item, P>(kept: unknown): ListState<Item, P> {
  const s = kept as ListState<Item, P> | undefined;
  if (!s || s.status === 'loading') return emptyList<Item, P>();
  return s.more.requestId === null ? s : { ...s, more: { requestId: null, error: null } };
}

/** Ids of requests, unique in the page (a counter, not state). */
let lastRequestId = 0;

type DataRequest<E extends ListEndpoint> = Extract<Request, { type: E }>;

async function askPage<E extends ListEndpoint>(endpoint: E, params: ListParams<E>, mode: FetchMode) {
  const reply = await askWithRetry({ type: endpoint, params, mode } as unknown as DataRequest<E>);
  return reply as
    | { ok: true; data: ListPage<ListItem<E>>; meta: NonNullable<ListState<unknown, unknown>['meta']> }
    | { ok: false; error: NonNullable<ListState<unknown, unknown>['error']> };
}

export function usePagedList<E extends ListEndpoint>(endpoint: E, request: PagedListRequest<E>): PagedList<E> {
  type Item = ListItem<E>;
  type P = ListParams<E>;
  const [state, dispatch] = useReducer(listReducer<Item, P>, undefined, () => restore<Item, P>(request.keep?.get()));
  useEffect(() => request.keep?.set(state), [state]);
  const [exporting, setExporting] = useState(false);
  const row = ENDPOINTS[endpoint];
  const { key, params, mode, enabled } = request;

  const loadFirst = (how: FetchMode) => {
    if (key === null || params === null) return;
    const requestId = ++lastRequestId;
    dispatch({ type: 'start', key, requestId });
    void askPage(endpoint, params, how).then((reply) =>
      dispatch(reply.ok ? { type: 'page', requestId, params, page: reply.data, meta: reply.meta } : { type: 'failed', requestId, error: reply.error }),
    );
  };

  // A new identity: its first page (only while shown).
  useEffect(() => {
    if (!enabled) return;
    if (key === null) {
      if (state.key !== null) dispatch({ type: 'clear' });
      return;
    }
    if (key !== state.key) loadFirst(mode);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new key or being shown starts a list; nothing else does
  }, [key, enabled]);

  // The user asked to check this target (elsewhere: the hand-over, the scope switch): a list that
  // could only offer the check, or failed, asks now. Only on a change of mode, not when a kept
  // list is shown again.
  const [seenMode, setSeenMode] = useState(mode);
  useEffect(() => {
    if (mode === seenMode) return;
    setSeenMode(mode);
    if (!enabled || mode !== 'normal' || key === null || key !== state.key) return;
    if (state.status === 'needs-check' || state.status === 'error') loadFirst('normal');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of mode re-asks
  }, [mode]);

  const next = state.status === 'ready' && state.lastParams ? nextPageParams(state.lastParams, state.items.length, state.token) : null;
  const limit = state.lastParams?.limit ?? params?.limit ?? 0;
  const hasMore = state.status === 'ready' && canLoadMore(state.total, state.items.length, state.lastRows, limit, next);
  const pageRows = params ? row.expectedRows(params as never) : 0;

  const loadMore = () => {
    if (!hasMore || !next || state.more.requestId !== null) return;
    request.onSpend?.();
    const requestId = ++lastRequestId;
    dispatch({ type: 'more-start', requestId });
    // After "answer lost" only the click on "Check again" buys the page again (retryMode: refresh).
    const how: FetchMode = state.more.error ? retryMode(state.more.error) : 'normal';
    void askPage(endpoint, next, how).then((reply) =>
      dispatch(reply.ok ? { type: 'more-page', requestId, params: next, page: reply.data, meta: reply.meta } : { type: 'more-failed', requestId, error: reply.error }),
    );
  };

  const reload = (how: FetchMode) => {
    if (how !== 'cacheOnly') request.onSpend?.();
    loadFirst(how);
  };

  const exportCsv = async (target: LookupTarget) => {
    if (!row.csv || state.items.length === 0) return;
    setExporting(true);
    try {
      const csv = await import('@/lib/csv');
      const e = endpoint as ListEndpoint & CsvEndpoint;
      csv.downloadText(csv.endpointCsv(e, state.items as never), csv.csvFileName(e, target));
    } finally {
      setExporting(false);
    }
  };

  return {
    ...state,
    endpoint,
    hasMore,
    cutShort: state.status === 'ready' && next === null && state.total !== null && state.items.length < state.total,
    loadingMore: state.more.requestId !== null,
    pageRows,
    // The worker's quote (pages never price a call themselves): with the last answer, the same page size
    // again (refresh, the next page); with a "not in the cache" or "answer lost" error, the call it offers.
    pageQuote: state.meta?.quote ?? state.more.error?.quote ?? state.error?.quote ?? null,
    reload,
    loadMore,
    csv: row.csv !== undefined,
    exporting,
    exportCsv,
  };
}
