import type { ComponentType } from 'preact';
import type { ViewProps } from '@/entrypoints/sidepanel/viewProps';

export type { ViewProps };

/**
 * THE view registry of the side panel: one entry per view (tab). Adding a view = its component
 * (in ./views/, props: ./viewProps.ts) + one entry here. Only the view shown is in the page; what
 * it keeps meanwhile (its choices, its loaded list) it keeps in the store (PanelStore.keep).
 */

export interface PanelView {
  /** Used in hand-overs (lib/handover.ts `view`) and as the tab's test id (`tab-<id>`). */
  id: string;
  /** The tab's label. */
  label: string;
  /** The view's module, loaded on demand (its default export is the view). */
  load: () => Promise<{ default: ComponentType<ViewProps> }>;
}

export const VIEWS: readonly PanelView[] = [
  { id: 'backlinks', label: 'Backlinks', load: () => import('./views/BacklinksView') },
  { id: 'anchors', label: 'Anchors', load: () => import('./views/AnchorsView') },
  { id: 'links', label: 'Links', load: () => import('./links/LinksPanelView') },
  { id: 'referring-domains', label: 'Referring domains', load: () => import('./views/ReferringDomainsView') },
  { id: 'competitors', label: 'Competitors', load: () => import('./views/CompetitorsView') },
  { id: 'trend', label: 'Trend', load: () => import('./views/TrendView') },
  { id: 'new-lost', label: 'New & lost', load: () => import('./views/NewLostView') },
  { id: 'link-gap', label: 'Link gap', load: () => import('./views/LinkGapView') },
];

export const DEFAULT_VIEW_ID = VIEWS[0]!.id;

export const isViewId = (id: string): boolean => VIEWS.some((v) => v.id === id);
