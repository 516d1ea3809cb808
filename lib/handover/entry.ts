import { browser } from 'wxt/browser';
import type { LookupTarget } from '@/lib/lookupTarget';
import { PANEL_PREFIX } from '@/lib/storage/keys';

/**
 * THE hand-over channel to the side panel. The popup's "Backlinks" button, the context menu (worker)
 * and any later caller open the panel with `openPanel` and tell it what to show with `handOver`
 * (or the two together: `openPanelWith`); the panel reads and watches the entries here and nothing
 * else. The entries are this module's own keys (`panel:<tabId>`, `panel:last`) in storage.session:
 * they survive a stopped worker but not a browser restart. Entries of closed tabs are removed by
 * the worker (see lib/worker.ts).
 *
 * An entry holds either a target to check or a message to show instead (a refused context-menu
 * click: nothing was spent and the panel says why), and optionally which view (tab) of the panel
 * to show it in.
 *
 * Three files, so each page loads only its side: this one (the entry and its keys), send.ts
 * (open the panel and write an entry: the popup, the worker) and receive.ts (read, check and watch
 * entries: the panel, the worker).
 */
export interface PanelEntry {
  /** Tab the entry belongs to; null for the "last" entry written without a tab id. */
  tabId: number | null;
  target: LookupTarget | null;
  /** One sentence to show instead of a check, e.g. why a link cannot be checked. */
  message: string | null;
  /** When it was written (epoch ms). Lets a page ignore an entry it has already handled. */
  at: number;
  /** Id of the panel view to show (entrypoints/sidepanel/views.ts); null or absent: the panel's current one. */
  view?: string | null;
}

/** A view id as an entry may carry it: a short lowercase word (the panel ignores ids it does not know). */
export const VIEW_ID = /^[a-z][a-z0-9-]{0,39}$/;

export const PREFIX = PANEL_PREFIX;
export const LAST = `${PREFIX}last`;
export const keyFor = (tabId: number | null): string => (tabId == null ? LAST : `${PREFIX}${tabId}`);

export function area() {
  return browser.storage.session;
}

