import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/common/ErrorNotice';
import { Skeleton } from '@/components/common/Skeleton';
import { PanelHeader } from '@/entrypoints/sidepanel/components/PanelHeader';
import { ViewHost } from '@/entrypoints/sidepanel/components/ViewHost';
import { PanelStore, usePanelState } from '@/entrypoints/sidepanel/panelStore';
import { startPanel, useHandover } from '@/entrypoints/sidepanel/useHandover';
import { useFollowTab } from '@/entrypoints/sidepanel/useFollowTab';
import { DEFAULT_VIEW_ID, VIEWS, isViewId } from '@/entrypoints/sidepanel/views';
import { t } from '@/lib/i18n';

/**
 * The side panel's layout: the header, a notice or the view tabs, and the views (views.ts). What it
 * shows lives in the store (panelStore.ts), driven by the hand-over (useHandover.ts) and tab
 * following (useFollowTab.ts); each view asks for its own data (usePagedList.ts).
 */
export function App() {
  const [store] = useState(() => new PanelStore(DEFAULT_VIEW_ID));
  const state = usePanelState(store);
  useHandover(store, isViewId);
  useFollowTab(store, state.follow);

  // Settings changed in the options page apply to the next request: they are read again when the
  // panel gets the focus back (and with every hand-over), not watched in the worker's storage.
  useEffect(() => {
    const onFocus = () => void store.loadSettings();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [store]);

  const { target, settings, notice, settingsError } = state;
  return (
    <div class="panel">
      <PanelHeader store={store} state={state} />

      {settingsError && (
        <div class="pad" data-testid="error">
          <ErrorNotice error={settingsError} onRetry={() => void startPanel(store, isViewId)} />
        </div>
      )}

      {notice && (
        <div class="pad" data-testid="error">
          {notice.kind === 'unsupported-target' ? (
            <div class="notice" role="status" data-error-kind={notice.kind}>
              <div class="message">{notice.message}</div>
            </div>
          ) : (
            <ErrorNotice error={notice} />
          )}
        </div>
      )}

      {target && settings && (
        <>
          <nav class="tabs" role="tablist">
            {VIEWS.map((v) => (
              <button
                key={v.id}
                type="button"
                role="tab"
                data-testid={`tab-${v.id}`}
                aria-selected={state.view === v.id}
                class={state.view === v.id ? 'on' : ''}
                onClick={() => store.set({ view: v.id })}
              >
                {t(v.label)}
              </button>
            ))}
          </nav>
          <ViewHost active={state.view} viewProps={{ target, settings, armed: state.armed, arm: () => store.arm(), store }} />
        </>
      )}

      {!target && !notice && !settingsError && (
        <div class="pad">
          <Skeleton width="60%" height="16px" />
        </div>
      )}
    </div>
  );
}
