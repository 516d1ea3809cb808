import type { LookupTarget } from '@/lib/lookupTarget';
import type { PublicSettings } from '@/lib/messages';
import type { PanelStore } from '@/entrypoints/sidepanel/panelStore';

/** What every side-panel view gets (the registry is ./views.ts). */
export interface ViewProps {
  target: LookupTarget;
  settings: PublicSettings;
  /** The user asked to check this target: the view may spend on its first page; otherwise cache only. */
  armed: boolean;
  /** Whether the view is the one shown (the host shows one at a time; kept for views that keep state while hidden). */
  active: boolean;
  /** Call before any call that may spend on the user's request (check, refresh, load more). */
  arm: () => void;
  /** The whole panel state and its store, for views that need more (the tab shown, the site). */
  store: PanelStore;
}
