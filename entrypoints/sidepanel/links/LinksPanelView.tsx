import { useEffect, useState } from 'preact/hooks';
import { getLinksView, watchLinksView, type LinksViewEntry } from '@/lib/links/handoff';
import type { ViewProps } from '@/entrypoints/sidepanel/viewProps';
import { t } from '@/lib/i18n';
import { LinksView } from './LinksView';

/**
 * "Links on this page" as a view of the side panel's registry (../views.ts): it follows the link
 * scan of the panel's tab (lib/links/handoff.ts, written by the worker) and shows its report.
 */
export default function LinksPanelView(props: ViewProps) {
  const tabId = props.store.tabId;
  const [entry, setEntry] = useState<LinksViewEntry | null>(null);
  const [read, setRead] = useState(false);

  useEffect(() => {
    setEntry(null);
    setRead(false);
    if (tabId == null) {
      setRead(true);
      return;
    }
    let live = true;
    void getLinksView(tabId)
      .catch(() => null)
      .then((e) => {
        if (!live) return;
        setRead(true);
        if (e) setEntry((cur) => (cur && cur.at > e.at ? cur : e));
      });
    const stop = watchLinksView((e) => {
      if (live && e.tabId === tabId) setEntry(e);
    });
    return () => {
      live = false;
      stop();
    };
  }, [tabId]);

  if (!entry) {
    return (
      <div class="pad faint" data-testid="links-none">
        {read ? t('panelLinksHowTo') : ''}
      </div>
    );
  }
  return <LinksView entry={entry} onClose={() => props.store.set({ view: 'backlinks' })} />;
}
