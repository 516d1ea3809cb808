import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getLinksView, watchLinksView, type LinksViewEntry } from '../../../lib/links/handoff';
import { getPanelEntry, watchPanelTarget } from '../../../lib/panel';

/**
 * The mount point of "Links on this page" in the side panel: shows the links view (loaded on
 * demand) when the worker starts a link scan of the panel's tab, and the backlinks view (children,
 * kept mounted underneath) otherwise. Whichever was handed over last for the tab wins at opening.
 */

type ViewModule = typeof import('./LinksView');
let viewModule: Promise<ViewModule> | null = null;
const loadView = () => (viewModule ??= import('./LinksView'));

async function activeTabId(): Promise<number | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id ?? null;
  } catch {
    return null;
  }
}

export function LinksMount(props: { children: ComponentChildren }) {
  const [entry, setEntry] = useState<LinksViewEntry | null>(null);
  const [open, setOpen] = useState(false);
  const [mod, setMod] = useState<ViewModule | null>(null);

  const show = (e: LinksViewEntry) => {
    setEntry(e);
    setOpen(true);
    void loadView().then(setMod);
  };

  useEffect(() => {
    let live = true;
    void (async () => {
      const tabId = await activeTabId();
      if (tabId == null) return;
      const [links, panel] = await Promise.all([getLinksView(tabId).catch(() => null), getPanelEntry(tabId).catch(() => null)]);
      if (live && links && links.at >= (panel?.at ?? 0)) show(links);
    })();
    const stopLinks = watchLinksView((e) => {
      void activeTabId().then((id) => {
        if (live && id === e.tabId) show(e);
      });
    });
    const stopPanel = watchPanelTarget((e) => {
      void activeTabId().then((id) => {
        if (live && (e.tabId === null || e.tabId === id)) setOpen(false);
      });
    });
    return () => {
      live = false;
      stopLinks();
      stopPanel();
    };
  }, []);

  const View = mod?.LinksView;
  return (
    <>
      {open && entry && View && <View entry={entry} onClose={() => setOpen(false)} />}
      <div style={open && entry && View ? { display: 'none' } : { display: 'contents' }}>{props.children}</div>
    </>
  );
}
