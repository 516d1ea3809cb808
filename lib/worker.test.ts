import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MENU_IDS, MENU_ITEMS } from './contextMenu';
import { storeCredentials } from './credentials';
import type { Request } from './messages';
import { createLookupService, type LookupService } from './lookup/service';
import { fakeClient, makeAccount, profileParams, anchorsParams, backlinksParams } from '@/tests/helpers/lookup';
import { getPanelEntry } from './handover/receive';
import {
  handleMenuClick,
  handleMessage,
  invalidMessage,
  isOurPage,
  refusedMessage,
  setUpContextMenus,
  setUpFirstRun,
  setUpMessaging,
  WELCOME_PATH,
} from './worker';

const PASSWORD = 'Zq8-very-secret-API-password';
const AISA_KEY = 'sk-aisa-THIS-IS-THE-SECRET-KEY-42';

const page = (path: string) => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL(path as '/') });

function newService(): LookupService {
  return createLookupService({ clientFor: () => fakeClient({ account: makeAccount('2027-01-01') }), random: () => 0 });
}

/** Dispatch like the browser would and return what the listener answered. */
async function send(message: unknown, sender: object): Promise<any> {
  const results = await fakeBrowser.runtime.onMessage.trigger(message, sender, () => {});
  expect(results).toHaveLength(1);
  return results[0];
}

describe('worker protocol', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await storeCredentials({ provider: 'dataforseo', login: 'me@example.com', password: PASSWORD });
    setUpMessaging(newService());
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(['/popup.html', '/sidepanel.html', '/options.html', '/options.html?welcome=1', '/sidepanel.html#x', '/bulk.html'])(
    'answers our page %s',
    async (path) => {
      const reply = await send({ type: 'getSettings' }, page(path));
      expect(reply.ok).toBe(true);
    },
  );

  const refused: Array<[string, object | undefined]> = [
    ['another extension', { id: 'some-other-extension', url: 'chrome-extension://some-other-extension/popup.html' }],
    ['our id with another extension’s URL', { id: 'test-extension-id', url: 'chrome-extension://some-other-extension/popup.html' }],
    ['a web page', { url: 'https://evil.example/page' }],
    ['a content script (our id, web URL, a tab)', { id: 'test-extension-id', url: 'https://evil.example/', tab: { id: 7, url: 'https://evil.example/' } }],
    ['one of our files that is not a page', { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/background.js' }],
    ['no URL', { id: 'test-extension-id' }],
    ['no sender', undefined],
  ];

  it.each(refused)('refuses %s, logging no payload', async (_, sender) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const reply = await handleMessage(
      { type: 'saveCredentials', credentials: { provider: 'aisa', key: 'sk-aisa-PAYLOAD-MARKER-1234' } },
      sender as any,
      newService(),
    );
    expect(reply).toEqual({ ok: false, error: { kind: 'invalid-request', message: refusedMessage(), retryable: false } });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warn.mock.calls)).not.toContain('PAYLOAD-MARKER');
    // And nothing was done.
    expect((await fakeBrowser.storage.local.get('credentials')).credentials).toMatchObject({ password: PASSWORD });
  });

  it('isOurPage checks id and page', () => {
    expect(isOurPage(page('/popup.html'))).toBe(true);
    expect(isOurPage({ ...page('/popup.html'), id: 'x' })).toBe(false);
    expect(isOurPage({ id: fakeBrowser.runtime.id, url: 'chrome-extension://test-extension-id.evil.example/popup.html' })).toBe(false);
  });

  it('a request out of contract gets an invalid-request reply', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const message of [null, 'profile', { type: 'nope' }, { type: 'profile', params: {}, mode: 'normal' }]) {
      const reply = await send(message, page('/popup.html'));
      expect(reply.ok).toBe(false);
      expect(reply.error.kind).toBe('invalid-request');
    }
  });

  it('never throws: an exception becomes an internal error reply', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken: LookupService = { handle: () => Promise.reject(new Error('kaput')) };
    const reply = await handleMessage({ type: 'spend' }, page('/options.html'), broken);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'internal', retryable: true } });
    const throwing = createLookupService({ clientFor: () => fakeClient({ throws: true }) });
    const again = await handleMessage({ type: 'profile', params: profileParams(), mode: 'normal' }, page('/popup.html'), throwing);
    expect(again).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('a reply out of contract is not sent', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const wrong: LookupService = { handle: async () => ({ ok: true, data: { nonsense: 1 }, meta: {} }) as any };
    const reply = await handleMessage({ type: 'spend' }, page('/options.html'), wrong);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('a reply is checked in every build: keys outside the protocol are left behind', async () => {
    const extra: LookupService = {
      handle: async () =>
        ({
          ok: true,
          data: { site: { domain: { scope: 'domain', value: 'a.com', display: 'a.com', secret: 'x' }, host: { scope: 'host', value: 'a.com', display: 'a.com' }, page: { scope: 'page', value: 'https://a.com/', display: 'a.com' } }, more: 1 },
          meta: { cost: 0, fetchedAt: 1, fromCache: false, spentToday: 0 },
        }) as any,
    };
    const reply = await handleMessage({ type: 'resolveTarget', url: 'https://a.com/' }, page('/popup.html'), extra);
    expect(reply).toEqual({
      ok: true,
      data: { site: { domain: { scope: 'domain', value: 'a.com', display: 'a.com' }, host: { scope: 'host', value: 'a.com', display: 'a.com' }, page: { scope: 'page', value: 'https://a.com/', display: 'a.com' } } },
      meta: { cost: 0, fetchedAt: 1, fromCache: false, spentToday: 0 },
    });
  });

  it('resolveTarget: the worker reads addresses for the pages; a refusal carries its sentence', async () => {
    const ok = await send({ type: 'resolveTarget', url: 'https://news.example.org/x' }, page('/sidepanel.html'));
    expect(ok).toMatchObject({ ok: true, data: { site: { domain: { value: 'example.org' }, host: { value: 'news.example.org' }, page: { value: 'https://news.example.org/x' } } } });
    const refused = await send({ type: 'resolveTarget', url: 'chrome://extensions/' }, page('/popup.html'));
    expect(refused).toEqual({ ok: false, error: { kind: 'unsupported-target', message: expect.stringMatching(/Browser pages/), retryable: false } });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const tooLong = await send({ type: 'resolveTarget', url: 'x'.repeat(4097) }, page('/popup.html'));
    expect(tooLong.error.kind).toBe('invalid-request');
    const notText = await send({ type: 'resolveTarget', url: 42 }, page('/popup.html'));
    expect(notText.error.kind).toBe('invalid-request');
  });

  it('a saveSettings out of bounds names the setting; other malformed requests get the general sentence', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const one = await send({ type: 'saveSettings', patch: { dailyBudget: 20000 } }, page('/options.html'));
    expect(one.error).toEqual({ kind: 'invalid-request', message: 'The daily budget must be at most $10000.00. Nothing was changed.', retryable: false });
    const two = await send({ type: 'saveSettings', patch: { statusType: 'nope', anchorsPageSize: 5.5 } }, page('/options.html'));
    expect(two.error.message).toBe('The backlink status must be one of: live, all, lost. Anchors per page must be a whole number. Nothing was changed.');
    const wrongShape = await send({ type: 'saveSettings', patch: 'all' }, page('/options.html'));
    expect(wrongShape.error.message).toBe(invalidMessage());
    const other = await send({ type: 'profile', params: {}, mode: 'normal' }, page('/popup.html'));
    expect(other.error.message).toBe(invalidMessage());
    // Nothing was stored.
    const now = await send({ type: 'getSettings' }, page('/options.html'));
    expect(now.data.settings).toMatchObject({ dailyBudget: null, statusType: 'live', anchorsPageSize: 100 });
  });

  it('no reply to any request ever contains the stored password or key', async () => {
    const requests: Request[] = [
      { type: 'getSettings' },
      { type: 'profile', params: profileParams(), mode: 'normal' },
      { type: 'profile', params: profileParams(), mode: 'cacheOnly' },
      { type: 'anchors', params: anchorsParams(), mode: 'refresh' },
      { type: 'backlinks', params: backlinksParams(), mode: 'normal' },
      { type: 'testConnection', confirmPaid: false },
      { type: 'testConnection', confirmPaid: true },
      { type: 'spend' },
      { type: 'history' },
      { type: 'saveSettings', patch: { cacheHours: 2 } },
      { type: 'saveLogin', login: 'again@example.com' },
      { type: 'clearCache' },
      { type: 'resolveTarget', url: 'https://example.com/' },
    ];
    const seen: string[] = [];
    for (const r of requests) seen.push(JSON.stringify(await send(r, page('/options.html'))));
    seen.push(
      JSON.stringify(
        await send({ type: 'saveCredentials', credentials: { provider: 'aisa', key: AISA_KEY } }, page('/options.html')),
      ),
    );
    for (const r of requests) seen.push(JSON.stringify(await send(r, page('/sidepanel.html'))));
    const all = seen.join('\n');
    expect(seen.length).toBe(requests.length * 2 + 1);
    expect(all).toContain('me@example.com'); // the test does search real replies
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(AISA_KEY);
    expect(all).not.toContain(PASSWORD.slice(0, 12));
    expect(all).not.toContain(AISA_KEY.slice(0, 16));
  });
});

describe('context menu, side panel and first run', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });
  afterEach(() => {
    delete (fakeBrowser as any).sidePanel;
    delete (fakeBrowser as any).sidebarAction;
    vi.restoreAllMocks();
  });

  it('opens the side panel first, synchronously, then hands over the target', async () => {
    const order: string[] = [];
    const open = vi.fn(() => {
      order.push('open');
      return Promise.resolve();
    });
    (fakeBrowser as any).sidePanel = { open };
    const session = fakeBrowser.storage.session;
    const realSet = session.set.bind(session);
    vi.spyOn(session, 'set').mockImplementation(((items: any) => {
      order.push('store');
      return realSet(items);
    }) as any);
    const done = handleMenuClick(
      { menuItemId: MENU_IDS.linkDomain, linkUrl: 'https://www.news.example.co.uk/a/b', pageUrl: 'https://x.example/' },
      { id: 12, url: 'https://x.example/', windowId: 1 },
    );
    // Called before the first await of the handler returned control.
    expect(open).toHaveBeenCalledWith({ tabId: 12 });
    await done;
    expect(order).toEqual(['open', 'store']);
    const entry = await getPanelEntry(12);
    expect(entry).toMatchObject({ tabId: 12, message: null, target: { scope: 'domain', value: 'example.co.uk' } });
  });

  it('a refused click spends nothing and leaves a message for the panel', async () => {
    const open = vi.fn(() => Promise.resolve());
    (fakeBrowser as any).sidePanel = { open };
    await handleMenuClick({ menuItemId: MENU_IDS.pagePage, pageUrl: 'chrome://settings/' }, { id: 3, url: 'chrome://settings/' });
    expect(open).toHaveBeenCalledWith({ tabId: 3 });
    const entry = await getPanelEntry(3);
    expect(entry?.target).toBeNull();
    expect(entry?.message).toEqual(expect.any(String));
    expect(entry?.message?.length).toBeGreaterThan(10);
  });

  it('Firefox: opens the sidebar', async () => {
    const open = vi.fn(() => Promise.resolve());
    (fakeBrowser as any).sidebarAction = { open };
    await handleMenuClick({ menuItemId: MENU_IDS.pageSite, pageUrl: 'https://blog.example.org/post' }, { id: 5 });
    expect(open).toHaveBeenCalledTimes(1);
    expect(await getPanelEntry(5)).toMatchObject({ target: { value: 'example.org' } });
  });

  it('"Links on this page": the panel opens on the Links view of the page’s site, and the tab is scanned', async () => {
    const open = vi.fn(() => Promise.resolve());
    (fakeBrowser as any).sidePanel = { open };
    const scan = vi.fn(async (tabId: number) => ({ ok: false as const, error: { kind: 'internal' as const, message: String(tabId), retryable: false } }));
    const links = { scan, report: vi.fn(), forget: vi.fn() };
    await handleMenuClick({ menuItemId: MENU_IDS.pageLinks, pageUrl: 'https://www.shop.co.uk/p?q=1' }, { id: 6 }, links as any);
    expect(open).toHaveBeenCalledWith({ tabId: 6 });
    expect(scan).toHaveBeenCalledWith(6);
    expect(await getPanelEntry(6)).toMatchObject({ target: { scope: 'domain', value: 'shop.co.uk' }, view: 'links' });
  });

  it('"Links on this page" on a browser page scans nothing and says why', async () => {
    (fakeBrowser as any).sidePanel = { open: () => Promise.resolve() };
    const scan = vi.fn();
    await handleMenuClick({ menuItemId: MENU_IDS.pageLinks, pageUrl: 'chrome://settings/' }, { id: 7 }, { scan, report: vi.fn(), forget: vi.fn() } as any);
    expect(scan).not.toHaveBeenCalled();
    expect((await getPanelEntry(7))?.message).toEqual(expect.any(String));
  });

  it('a panel that cannot open still gets its target', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    (fakeBrowser as any).sidePanel = { open: () => Promise.reject(new Error('no gesture')) };
    await handleMenuClick({ menuItemId: MENU_IDS.pageSite, pageUrl: 'https://example.net/' }, { id: 9 });
    expect(await getPanelEntry(9)).toMatchObject({ target: { value: 'example.net' } });
  });

  it('menu items are created on install/update only, after removing old ones', async () => {
    const calls: string[] = [];
    const cm = fakeBrowser.contextMenus as any;
    vi.spyOn(cm, 'removeAll').mockImplementation(async () => void calls.push('removeAll'));
    vi.spyOn(cm, 'create').mockImplementation((item: any) => void calls.push(`create:${item.id}`));
    const listeners: Function[] = [];
    vi.spyOn(cm.onClicked, 'addListener').mockImplementation((l: any) => void listeners.push(l));
    setUpContextMenus();
    expect(calls).toEqual([]); // nothing on a mere worker start
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' } as any);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual(['removeAll', ...MENU_ITEMS.map((i) => `create:${i.id}`)]);
    expect(listeners).toHaveLength(1);
  });

  it('closing a tab forgets its panel entry', async () => {
    const cm = fakeBrowser.contextMenus as any;
    vi.spyOn(cm.onClicked, 'addListener').mockImplementation(() => {});
    setUpContextMenus();
    (fakeBrowser as any).sidePanel = { open: () => Promise.resolve() };
    const tab = await fakeBrowser.tabs.create({ url: 'https://example.com/' });
    await handleMenuClick({ menuItemId: MENU_IDS.pageSite, pageUrl: 'https://example.com/' }, { id: tab.id });
    expect(await getPanelEntry(tab.id!)).not.toBeNull();
    await fakeBrowser.tabs.onRemoved.trigger(tab.id!, { windowId: 0, isWindowClosing: false });
    await new Promise((r) => setTimeout(r, 0));
    expect(await getPanelEntry(tab.id!)).toBeNull();
    expect(await getPanelEntry(null)).not.toBeNull(); // "last" stays
  });

  it('first install opens the options page with the welcome; an update does not', async () => {
    setUpFirstRun();
    const before = (await fakeBrowser.tabs.query({})).length;
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.1.0' } as any);
    await new Promise((r) => setTimeout(r, 0));
    expect(await fakeBrowser.tabs.query({})).toHaveLength(before);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as any);
    await new Promise((r) => setTimeout(r, 0));
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs).toHaveLength(before + 1);
    expect(tabs.at(-1)!.url).toBe('chrome-extension://test-extension-id/options.html?welcome=1');
    expect(fakeBrowser.runtime.getURL(WELCOME_PATH as '/')).toBe(tabs.at(-1)!.url);
  });
});
