import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LookupTarget } from '@/lib/lookupTarget';
import { PanelStore, useKeptState, HIDDEN_TAB_MESSAGE } from './panelStore';

const site = (host: string) => ({
  domain: { scope: 'domain', value: host, display: host },
  host: { scope: 'host', value: `www.${host}`, display: `www.${host}` },
  page: { scope: 'page', value: `https://www.${host}/`, display: `www.${host}/` },
});
const domain = (host: string): LookupTarget => ({ scope: 'domain', value: host, display: host });

/** A worker that reads addresses: `https://www.<host>/…` → the site of <host>; it answers after `delays[host]` ms. */
function fakeWorker(delays: Record<string, number> = {}) {
  const asked: string[] = [];
  const answer = (message: any): Promise<unknown> => {
    if (message.type !== 'resolveTarget') return Promise.resolve(undefined);
    asked.push(message.url);
    const host = /^https:\/\/(?:www\.)?([^/]+)\//.exec(message.url)?.[1];
    if (!host) return Promise.resolve({ ok: false, error: { kind: 'unsupported-target', message: 'Not a website.', retryable: false } });
    return new Promise((resolve) => setTimeout(() => resolve({ ok: true, data: { site: site(host) }, meta: {} }), delays[host] ?? 0));
  };
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(answer as never);
  return asked;
}

describe('the side panel store', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('a new target replaces the shown one with the given permission to spend; the same one again only arms it', () => {
    const store = new PanelStore('backlinks');
    store.showTarget(domain('a.com'), { armed: false });
    expect(store.state).toMatchObject({ target: domain('a.com'), armed: false });
    const before = store.state.target;
    store.showTarget({ ...domain('a.com'), display: 'A' }, { armed: true });
    expect(store.state.target).toBe(before); // same target: not replaced, so no view starts again
    expect(store.state.armed).toBe(true);
    store.showTarget(domain('b.com'), { armed: false });
    expect(store.state).toMatchObject({ target: domain('b.com'), armed: false });
  });

  it('a hand-over shows its target armed, in its view when the view exists', async () => {
    fakeWorker();
    const store = new PanelStore('backlinks');
    const known = (id: string) => id === 'anchors';
    await store.applyEntry({ tabId: 1, target: domain('a.com'), message: null, at: 1, view: 'anchors' }, known);
    expect(store.state).toMatchObject({ target: domain('a.com'), armed: true, view: 'anchors' });
    expect(store.state.site?.domain.value).toBe('a.com');
    await store.applyEntry({ tabId: 1, target: domain('b.com'), message: null, at: 2, view: 'no-such-view' }, known);
    expect(store.state).toMatchObject({ target: domain('b.com'), view: 'anchors' });
    await store.applyEntry({ tabId: 1, target: null, message: 'Browser pages have no backlinks.', at: 3 }, known);
    expect(store.state).toMatchObject({ target: null, site: null, notice: { kind: 'unsupported-target', message: 'Browser pages have no backlinks.' } });
  });

  it('a tab address read after a newer one came is dropped', async () => {
    fakeWorker({ 'slow.com': 30 });
    const store = new PanelStore('backlinks');
    const slow = store.showTabUrl('https://www.slow.com/', false);
    await store.showTabUrl('https://www.fast.com/', false);
    await slow;
    expect(store.state.target?.value).toBe('fast.com');
  });

  it('a tab keeps the scope chosen; a hidden address and a refused one become sentences', async () => {
    fakeWorker();
    const store = new PanelStore('backlinks');
    store.showTarget({ scope: 'host', value: 'www.a.com', display: 'www.a.com' }, { armed: false });
    await store.showTabUrl('https://www.b.com/x', false);
    expect(store.state.target).toMatchObject({ scope: 'host', value: 'www.b.com' });
    await store.showTabUrl(undefined, false);
    expect(store.state.notice?.message).toBe(HIDDEN_TAB_MESSAGE);
    await store.showTabUrl('data:text/html,x', true);
    expect(store.state).toMatchObject({ target: null, notice: { message: 'Not a website.' } });
  });

  it('tells subscribers of every change, until they stop', () => {
    const store = new PanelStore('backlinks');
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    store.set({ follow: true });
    store.arm();
    store.arm(); // already armed: no change
    stop();
    store.set({ follow: false });
    expect(calls).toBe(2);
  });

  it('keeps a view’s values while the view is not shown', () => {
    const store = new PanelStore('backlinks');
    const slot = store.keep<{ sort: string }>('anchors.choice');
    expect(slot.get()).toBeUndefined();
    slot.set({ sort: 'rank' });
    expect(store.keep<{ sort: string }>('anchors.choice').get()).toEqual({ sort: 'rank' });
    expect(store.keep('backlinks.choice').get()).toBeUndefined();
    expect(typeof useKeptState).toBe('function');
  });
});
