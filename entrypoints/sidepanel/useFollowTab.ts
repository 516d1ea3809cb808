import { useEffect } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import type { PanelStore } from './panelStore';

/**
 * Tab following: while on, the panel shows the site of each tab the user switches to (in its own
 * window), from the cache unless automatic checks are on. It needs the optional `tabs` permission,
 * asked for in the click; the choice is remembered across openings while the permission lasts.
 */

const FOLLOW_KEY = 'backlink-lens.panel.follow';

/** Following stays on across openings while the permission is still granted: whether to turn it on again. */
export async function followingWanted(): Promise<boolean> {
  try {
    return localStorage.getItem(FOLLOW_KEY) === '1' && (await browser.permissions.contains({ permissions: ['tabs'] }));
  } catch {
    return false;
  }
}

/** Show the site of `tabId` if it is a tab of this window other than the panel's own. */
async function followTab(store: PanelStore, tabId: number): Promise<void> {
  if (tabId === store.ownTabId) return;
  const info = await browser.tabs.get(tabId).catch(() => null);
  if (!info || !store.state.follow) return;
  if (store.windowId !== null && info.windowId !== store.windowId) return;
  store.tabId = info.id ?? null;
  await store.showTabUrl(info.url, store.autoCheck);
}

/** The tab listeners, registered while following is on. */
export function useFollowTab(store: PanelStore, follow: boolean): void {
  useEffect(() => {
    if (!follow) return;
    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (!store.state.follow) return;
      if (store.windowId !== null && info.windowId !== store.windowId) return;
      void followTab(store, info.tabId);
    };
    const onUpdated = (tabId: number, change: { url?: string }, info: Browser.tabs.Tab) => {
      if (!store.state.follow || !change.url || !info.active) return;
      if (store.windowId !== null && info.windowId !== store.windowId) return;
      if (tabId === store.ownTabId) return;
      store.tabId = tabId;
      void store.showTabUrl(change.url, store.autoCheck);
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [store, follow]);
}

/**
 * The click on "Follow the tab I'm on". Turning it on asks for the permission inside the click (the
 * browser's prompt needs the gesture); turning it off takes effect at once, so a tab switch just
 * after is not followed.
 */
export function onFollowClick(store: PanelStore, e: Event): void {
  const box = e.currentTarget as HTMLInputElement;
  store.set({ followNote: null });
  if (!box.checked) {
    store.set({ follow: false });
    localStorage.setItem(FOLLOW_KEY, '0');
    return;
  }
  let request: Promise<boolean>;
  try {
    request = browser.permissions.request({ permissions: ['tabs'] });
  } catch {
    request = Promise.resolve(false);
  }
  store.set({ followNote: t('panelFollowPrompt') });
  void request
    .catch(() => false)
    .then(async (granted) => {
      store.set({ followNote: null });
      if (!granted) {
        box.checked = false;
        store.set({ follow: false, followNote: t('panelFollowDenied') });
        return;
      }
      localStorage.setItem(FOLLOW_KEY, '1');
      store.set({ follow: true });
      const [active] = await browser.tabs.query({ active: true, currentWindow: true });
      if (active?.id != null && active.id !== store.ownTabId) await followTab(store, active.id);
    });
}
