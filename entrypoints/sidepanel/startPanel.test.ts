import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PanelStore } from './panelStore';
import { startPanel } from './useHandover';

/**
 * The panel's start asks for the settings and for its window and tabs in the same round: a start
 * that waited for the settings before looking at the tabs would never get them here (the settings
 * answer only once the active tab has been asked for), and the test would time out.
 */
const site = (host: string) => ({
  domain: { scope: 'domain', value: host, display: host },
  host: { scope: 'host', value: `www.${host}`, display: `www.${host}` },
  page: { scope: 'page', value: `https://www.${host}/`, display: `www.${host}/` },
});

describe('the side panel start', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('settings, window and tabs in one round, then the active tab’s site from the worker', async () => {
    const order: string[] = [];
    let tabAsked!: () => void;
    const tabAskedP = new Promise<void>((resolve) => (tabAsked = resolve));
    vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation((async () => {
      order.push('tabs.query');
      tabAsked();
      return [{ id: 7, windowId: 3, url: 'https://www.start-site.com/page', active: true }];
    }) as never);
    vi.spyOn(fakeBrowser.tabs, 'getCurrent').mockImplementation((async () => undefined) as never);
    vi.spyOn(fakeBrowser.windows, 'getCurrent').mockImplementation((async () => ({ id: 3 })) as never);
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { type: string; url?: string }) => {
      order.push(message.type);
      if (message.type === 'getSettings') {
        await tabAskedP;
        return { ok: true, data: { settings: { backlinksPageSize: 100, autoCheckInPanel: false } }, meta: {} };
      }
      if (message.type === 'resolveTarget') return { ok: true, data: { site: site('start-site.com') }, meta: {} };
      return undefined;
    }) as never);

    const store = new PanelStore('backlinks');
    await startPanel(store, () => true);
    expect(order.slice(0, 2).sort()).toEqual(['getSettings', 'tabs.query']);
    expect(order).toContain('resolveTarget');
    expect(store.windowId).toBe(3);
    expect(store.tabId).toBe(7);
    // Opened by itself, the panel shows the active tab's site from the cache, not armed to spend.
    expect(store.state).toMatchObject({ target: { scope: 'domain', value: 'start-site.com' }, armed: false, notice: null });
  });
});
