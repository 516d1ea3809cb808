import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PanelEntry } from '@/lib/handover/entry';
import { getPanelEntry, watchPanelTarget } from '@/lib/handover/receive';
import type { PanelStore } from './panelStore';
import { t } from '@/lib/i18n';
import { followingWanted } from './useFollowTab';

/**
 * How the panel starts and what it is handed later, through the one hand-over channel
 * (lib/handover/): at start, the entry for the active tab (or the last one) if there is one, else
 * the active tab's site from the cache; afterwards, every entry the popup or the context menu writes.
 */
export function useHandover(store: PanelStore, knownView: (id: string) => boolean): void {
  useEffect(() => {
    void startPanel(store, knownView);
    return watchPanelTarget((entry) => void receive(store, entry, knownView));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per store
  }, [store]);
}

async function receive(store: PanelStore, entry: PanelEntry, knownView: (id: string) => boolean): Promise<void> {
  if (entry.tabId !== null && entry.tabId !== store.tabId) {
    const info = await browser.tabs.get(entry.tabId).catch(() => null);
    if (!info || (store.windowId !== null && info.windowId !== store.windowId)) return;
    store.tabId = entry.tabId;
  }
  store.handoffSeq++;
  await store.applyEntry(entry, knownView);
}

/**
 * Settings, window and tabs, then what to show. Also the retry of a failed start. Asked in two rounds:
 * the settings, this window, this tab, the active tab and the following choice together (none needs
 * another); then the active tab's hand-over entry and the last one, both at once.
 */
export async function startPanel(store: PanelStore, knownView: (id: string) => boolean): Promise<void> {
  const seq = store.handoffSeq;
  const place = Promise.all([
    browser.windows.getCurrent().catch(() => null),
    browser.tabs.getCurrent().catch(() => undefined),
    browser.tabs.query({ active: true, currentWindow: true }),
  ]);
  const follow = followingWanted();
  place.catch(() => undefined); // not awaited when the settings fail
  const s = await store.loadSettings();
  if (!s) return;
  try {
    const [win, own, active] = await place;
    store.windowId = win?.id ?? null;
    store.ownTabId = own?.id ?? null;
    const activeTab = active[0];
    const [wanted, forTab, last] = await Promise.all([follow, activeTab?.id != null ? getPanelEntry(activeTab.id) : null, getPanelEntry(null)]);
    if (wanted) store.set({ follow: true });

    const entry = forTab ?? last;
    const usable = entry && (entry.tabId === null || entry.tabId === activeTab?.id) ? entry : null;
    // The popup may open the panel and hand over its target while this was reading.
    if (store.handoffSeq !== seq) return;
    store.tabId = activeTab?.id ?? null;
    if (usable && (usable.target || usable.message)) {
      await store.applyEntry(usable, knownView, true);
    } else if (activeTab) {
      // A panel can open by itself (restored with the window, Firefox's sidebar): show what is
      // cached and offer the paid check, unless the user chose automatic checks.
      await store.showTabUrl(activeTab.url, s.settings.autoCheckInPanel);
    } else {
      store.showNotice(t('panelNoTab'));
    }
  } catch {
    store.showNotice(t('panelTabUnreadable'), 'internal');
  }
}
