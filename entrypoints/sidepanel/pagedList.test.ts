import { describe, expect, it } from 'vitest';
import { appError } from '@/lib/errors';
import type { ReplyMeta } from '@/lib/messages';
import { OFFSET_LIMIT, canLoadMore, emptyList, listReducer, nextPageParams, type ListState } from './pagedList';

type Item = { id: number };
type P = { limit: number; offset: number; searchAfterToken: string | null };

const meta = (cost: number): ReplyMeta => ({ fromCache: false, fetchedAt: 1, cost, spentToday: cost }) as ReplyMeta;
const page = (ids: number[], totalCount: number | null, token: string | null = null) => ({ items: ids.map((id) => ({ id })), totalCount, searchAfterToken: token });
const params = (offset: number): P => ({ limit: 2, offset, searchAfterToken: null });

function run(...actions: Parameters<typeof listReducer<Item, P>>[1][]): ListState<Item, P> {
  return actions.reduce((s, a) => listReducer(s, a), emptyList<Item, P>());
}

describe('the paged list reducer', () => {
  it('a first page replaces the list; more pages append, keeping the total when a page gives none', () => {
    const s = run(
      { type: 'start', key: 'k', requestId: 1 },
      { type: 'page', requestId: 1, params: params(0), page: page([1, 2], 5, 't1'), meta: meta(0.02) },
      { type: 'more-start', requestId: 2 },
      { type: 'more-page', requestId: 2, params: params(2), page: page([3, 4], null, 't2'), meta: meta(0.03) },
    );
    expect(s.status).toBe('ready');
    expect(s.items.map((i) => i.id)).toEqual([1, 2, 3, 4]);
    expect(s.total).toBe(5);
    expect(s.token).toBe('t2');
    expect(s.lastParams).toEqual(params(2));
    expect(s.meta?.cost).toBe(0.03);
    expect(s.more).toEqual({ requestId: null, error: null });
  });

  it('drops the reply of an older request (a newer target or filter came meanwhile)', () => {
    const s = run(
      { type: 'start', key: 'a', requestId: 1 },
      { type: 'start', key: 'b', requestId: 2 },
      { type: 'page', requestId: 1, params: params(0), page: page([9], 1), meta: meta(0) },
    );
    expect(s).toMatchObject({ status: 'loading', key: 'b', items: [] });
    const later = listReducer(s, { type: 'page', requestId: 2, params: params(0), page: page([1], 1), meta: meta(0) });
    expect(later.items).toEqual([{ id: 1 }]);
  });

  it('a page of more that arrives after the list was replaced is dropped', () => {
    const s = run(
      { type: 'start', key: 'a', requestId: 1 },
      { type: 'page', requestId: 1, params: params(0), page: page([1, 2], 9), meta: meta(0) },
      { type: 'more-start', requestId: 2 },
      { type: 'start', key: 'b', requestId: 3 },
      { type: 'more-page', requestId: 2, params: params(2), page: page([3, 4], 9), meta: meta(0) },
    );
    expect(s).toMatchObject({ status: 'loading', key: 'b', items: [] });
  });

  it('not-cached becomes the offer to check; other errors are errors', () => {
    const start = { type: 'start', key: 'k', requestId: 1 } as const;
    expect(run(start, { type: 'failed', requestId: 1, error: appError('not-cached', 'x', false) }).status).toBe('needs-check');
    expect(run(start, { type: 'failed', requestId: 1, error: appError('network', 'x', true) })).toMatchObject({ status: 'error', error: { kind: 'network' } });
  });

  it('one "more" at a time; a failed one keeps the rows and holds its error', () => {
    const ready = run({ type: 'start', key: 'k', requestId: 1 }, { type: 'page', requestId: 1, params: params(0), page: page([1, 2], 9), meta: meta(0) });
    const busy = listReducer(ready, { type: 'more-start', requestId: 2 });
    expect(listReducer(busy, { type: 'more-start', requestId: 3 }).more.requestId).toBe(2);
    const failed = listReducer(busy, { type: 'more-failed', requestId: 2, error: appError('budget', 'Over budget', false) });
    expect(failed.items).toHaveLength(2);
    expect(failed.more).toMatchObject({ requestId: null, error: { kind: 'budget' } });
    expect(listReducer(emptyList<Item, P>(), { type: 'more-start', requestId: 4 }).more.requestId).toBeNull();
  });
});

describe('the next page of any list', () => {
  it('by offset up to the limit, then by token for lists that carry one', () => {
    expect(nextPageParams(params(0), 2, 'tok')).toEqual({ limit: 2, offset: 2, searchAfterToken: null });
    expect(nextPageParams(params(0), OFFSET_LIMIT, 'tok')).toEqual({ limit: 2, offset: OFFSET_LIMIT, searchAfterToken: null });
    expect(nextPageParams(params(OFFSET_LIMIT), OFFSET_LIMIT + 2, 'tok')).toEqual({ limit: 2, offset: OFFSET_LIMIT, searchAfterToken: 'tok' });
    expect(nextPageParams(params(OFFSET_LIMIT), OFFSET_LIMIT + 2, null)).toBeNull();
    // Once by token, always by token (the API wants every other field unchanged).
    expect(nextPageParams({ ...params(0), searchAfterToken: 'a' }, 4, 'b')).toEqual({ limit: 2, offset: 0, searchAfterToken: 'b' });
  });

  it('lists without a token end at the offset limit', () => {
    const p = { limit: 2, offset: 0, sort: 'x' };
    expect(nextPageParams(p, 2, 'ignored')).toEqual({ limit: 2, offset: 2, sort: 'x' });
    expect(nextPageParams(p, OFFSET_LIMIT + 1, 'ignored')).toBeNull();
  });

  it('more only after a full page, below the total, with a next request', () => {
    expect(canLoadMore(10, 2, 2, 2, {})).toBe(true);
    expect(canLoadMore(2, 2, 2, 2, {})).toBe(false);
    expect(canLoadMore(null, 2, 1, 2, {})).toBe(false);
    expect(canLoadMore(null, 2, 2, 2, {})).toBe(true);
    expect(canLoadMore(10, 2, 2, 2, null)).toBe(false);
  });
});
