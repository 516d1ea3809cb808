import type { ComponentType } from 'preact';
import type { MessageKey } from '@/lib/i18n';
import type { ViewProps } from '@/entrypoints/sidepanel/viewProps';

export type { ViewProps };

/**
 * THE view registry of the side panel: one entry per view (tab). Adding a view = its component
 * (in ./views/, props: ./viewProps.ts) + one entry here. Only the view shown is in the page; what
 * it keeps meanwhile (its choices, its loaded list) it keeps in the store (PanelStore.keep).
 */

export interface PanelView {
  /** Used in hand-overs (lib/handover/ `view`) and as the tab's test id (`tab-<id>`). */
  id: string;
  /** The tab's label (a message key: the text is looked up where the tab is drawn). */
  label: MessageKey;
  /** The view's module, loaded on demand (its default export is the view). */
  load: () => Promise<{ default: ComponentType<ViewProps> }>;
}

export const VIEWS: readonly PanelView[] = [
  { id: 'backlinks', label: 'panelTabBacklinks', load: () => import('./views/BacklinksView') },
  { id: 'anchors', label: 'panelTabAnchors', load: () => import('./views/AnchorsView') },
  { id: 'links', label: 'panelTabLinks', load: () => import('./links/LinksPanelView') },
  { id: 'referring-domains', label: 'panelTabReferringDomains', load: () => import('./views/ReferringDomainsView') },
  { id: 'competitors', label: 'panelTabCompetitors', load: () => import('./views/CompetitorsView') },
  { id: 'trend', label: 'panelTabTrend', load: () => import('./views/TrendView') },
  { id: 'new-lost', label: 'panelTabNewLost', load: () => import('./views/NewLostView') },
  { id: 'link-gap', label: 'panelTabLinkGap', load: () => import('./views/LinkGapView') },
];

export const DEFAULT_VIEW_ID = VIEWS[0]!.id;

export const isViewId = (id: string): boolean => VIEWS.some((v) => v.id === id);
