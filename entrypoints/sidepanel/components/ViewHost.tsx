import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/common/ErrorNotice';
import { Skeleton } from '@/components/common/Skeleton';
import { appError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { VIEWS, type PanelView, type ViewProps } from '@/entrypoints/sidepanel/views';

type Loaded = { ok: true; component: ComponentType<ViewProps> } | { ok: false };

/** Each view's module, asked for once per page, and the ones already there (shown without a wait). */
const modules = new Map<string, Promise<Loaded>>();
const ready = new Map<string, Loaded>();

function loadView(view: PanelView): Promise<Loaded> {
  let p = modules.get(view.id);
  if (!p) {
    p = view.load().then(
      (m): Loaded => ({ ok: true, component: m.default }),
      (): Loaded => ({ ok: false }),
    );
    void p.then((l) => ready.set(view.id, l));
    modules.set(view.id, p);
  }
  return p;
}

/** The first view is asked for as the page starts, while settings and the target are read. */
if (VIEWS[0]) void loadView(VIEWS[0]);

/**
 * The view shown, once its module is there. Only the shown view is in the page; what a view keeps
 * while another is shown (its choices, its loaded list) it keeps in the store (PanelStore.keep).
 */
export function ViewHost(props: { active: string; viewProps: Omit<ViewProps, 'active'> }) {
  const view = VIEWS.find((v) => v.id === props.active) ?? VIEWS[0]!;
  const [loaded, setLoaded] = useState<{ id: string; result: Loaded } | null>(null);
  useEffect(() => {
    let live = true;
    void loadView(view).then((result) => live && setLoaded({ id: view.id, result }));
    return () => {
      live = false;
    };
  }, [view]);
  const result = ready.get(view.id) ?? (loaded?.id === view.id ? loaded.result : null);
  return (
    <div class="view" role="tabpanel" data-view={view.id}>
      {result === null ? (
        <div class="pad">
          <Skeleton width="70%" />
        </div>
      ) : result.ok ? (
        <result.component key={view.id} {...props.viewProps} active />
      ) : (
        <div class="pad" data-testid="error">
          <ErrorNotice error={appError('internal', t('panelViewLoadFailed'), false)} />
        </div>
      )}
    </div>
  );
}
