import type { EndpointModel, EndpointParams, PaidEndpoint } from '@/lib/dataforseo/endpoints';
import type { AppError } from '@/lib/errors';
import type { ReplyMeta } from '@/lib/messages';

/**
 * The state of one paged list of the side panel, as a pure reducer: first page, further pages,
 * errors, and which request a reply belongs to. Nothing here knows an endpoint by name: a list
 * endpoint is any paid row whose answer has `items` and `totalCount` and whose params have
 * `limit` and `offset` (and, if it pages by token past the offset limit, `searchAfterToken`).
 */

/** The paid endpoints that answer a page of items. */
export type ListEndpoint = {
  [E in PaidEndpoint]: EndpointModel<E> extends { items: readonly unknown[]; totalCount: number | null }
    ? EndpointParams<E> extends { limit: number; offset: number }
      ? E
      : never
    : never;
}[PaidEndpoint];

export type ListItem<E extends ListEndpoint> = EndpointModel<E>['items'][number];
export type ListParams<E extends ListEndpoint> = EndpointParams<E>;

/** What a list page answer holds (a page that pages by token also has `searchAfterToken`). */
export interface ListPage<Item> {
  items: readonly Item[];
  totalCount: number | null;
  searchAfterToken?: string | null;
}

/** The API takes offsets up to this; past it, a page continues from the previous page's token. */
export const OFFSET_LIMIT = 20_000;

export type ListStatus = 'idle' | 'loading' | 'ready' | 'error' | 'needs-check';

export interface ListState<Item, P> {
  status: ListStatus;
  /** The list identity this state holds (target + sort + filters), null before any. */
  key: string | null;
  /** The request the state waits for or came from; replies of other requests are dropped. */
  requestId: number;
  items: readonly Item[];
  total: number | null;
  /** The request that gave the last page (the next page is built from it). */
  lastParams: P | null;
  token: string | null;
  lastRows: number;
  meta: ReplyMeta | null;
  error: AppError | null;
  more: { requestId: number | null; error: AppError | null };
}

export type ListAction<Item, P> =
  | { type: 'start'; key: string; requestId: number }
  | { type: 'page'; requestId: number; params: P; page: ListPage<Item>; meta: ReplyMeta }
  | { type: 'failed'; requestId: number; error: AppError }
  | { type: 'more-start'; requestId: number }
  | { type: 'more-page'; requestId: number; params: P; page: ListPage<Item>; meta: ReplyMeta }
  | { type: 'more-failed'; requestId: number; error: AppError }
  | { type: 'clear' };

export function emptyList<Item, P>(): ListState<Item, P> {
  return { status: 'idle', key: null, requestId: 0, items: [], total: null, lastParams: null, token: null, lastRows: 0, meta: null, error: null, more: { requestId: null, error: null } };
}

export function listReducer<Item, P>(state: ListState<Item, P>, action: ListAction<Item, P>): ListState<Item, P> {
  switch (action.type) {
    case 'start':
      return { ...emptyList<Item, P>(), status: 'loading', key: action.key, requestId: action.requestId };
    case 'page':
      if (action.requestId !== state.requestId) return state;
      return {
        ...state,
        status: 'ready',
        items: action.page.items,
        total: action.page.totalCount,
        lastParams: action.params,
        token: action.page.searchAfterToken ?? null,
        lastRows: action.page.items.length,
        meta: action.meta,
        error: null,
      };
    case 'failed':
      if (action.requestId !== state.requestId) return state;
      return { ...state, status: action.error.kind === 'not-cached' ? 'needs-check' : 'error', error: action.error };
    case 'more-start':
      if (state.status !== 'ready' || state.more.requestId !== null) return state;
      return { ...state, more: { requestId: action.requestId, error: null } };
    case 'more-page':
      if (action.requestId !== state.more.requestId) return state;
      return {
        ...state,
        items: state.items.concat(action.page.items),
        total: action.page.totalCount ?? state.total,
        lastParams: action.params,
        token: action.page.searchAfterToken ?? null,
        lastRows: action.page.items.length,
        meta: action.meta,
        more: { requestId: null, error: null },
      };
    case 'more-failed':
      if (action.requestId !== state.more.requestId) return state;
      return { ...state, more: { requestId: null, error: action.error } };
    case 'clear':
      return emptyList<Item, P>();
  }
}

interface PagingParams {
  limit: number;
  offset: number;
  searchAfterToken?: string | null;
}

/**
 * The request for the page after `prev`, given how many rows are loaded in all and the token the
 * previous page returned. Up to OFFSET_LIMIT the next page is asked by offset. Beyond it, a list
 * whose params carry `searchAfterToken` continues from the token with every other field of the
 * previous request unchanged (as the API requires); a list without one ends. Null: it cannot go on.
 */
export function nextPageParams<P extends PagingParams>(prev: P, loaded: number, token: string | null): P | null {
  const byToken = 'searchAfterToken' in prev;
  if (loaded <= OFFSET_LIMIT && (!byToken || prev.searchAfterToken === null)) {
    return byToken ? { ...prev, offset: loaded, searchAfterToken: null } : { ...prev, offset: loaded };
  }
  if (!byToken || !token) return null;
  return { ...prev, searchAfterToken: token };
}

/**
 * Whether "Load more" makes sense: the last page came back full, fewer rows are loaded than the total
 * says (when it says), and the next request can be built.
 */
export function canLoadMore(total: number | null, loaded: number, lastPageRows: number, limit: number, next: unknown): boolean {
  if (next === null || lastPageRows === 0 || lastPageRows < limit) return false;
  if (total !== null) return loaded < total;
  return true;
}
