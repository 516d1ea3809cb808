import { readLookupTarget } from '@/lib/lookupTarget';
import type { LookupTarget } from '@/lib/lookupTarget';
import { browser } from 'wxt/browser';
import { area, keyFor, LAST, VIEW_ID, type PanelEntry } from './entry';

/* Sending to the panel: open it, and write what it is to show (see entry.ts). */

async function write(entry: PanelEntry): Promise<void> {
  const items: Record<string, PanelEntry> = { [LAST]: entry };
  if (entry.tabId != null) items[keyFor(entry.tabId)] = entry;
  await area().set(items);
}

/** Ask the panel of `tabId` (or, without one, whichever panel opens next) to check `target`. */
export async function setPanelTarget(tabId: number | null, target: LookupTarget, now: number = Date.now(), view: string | null = null): Promise<void> {
  const checked = readLookupTarget(target);
  if (!checked) throw new Error('Not a valid lookup target');
  if (view !== null && !VIEW_ID.test(view)) throw new Error('Not a valid view id');
  await write({ tabId, target: checked, message: null, at: now, view });
}

/** Ask the panel of `tabId` to show a sentence instead of a check (nothing is spent). */
export async function setPanelMessage(tabId: number | null, message: string, now: number = Date.now()): Promise<void> {
  await write({ tabId, target: null, message, at: now, view: null });
}

/* ---------------------------------------------------------------------------------------------
 * Opening the panel
 * ------------------------------------------------------------------------------------------- */

interface SidePanelApi {
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
}
interface SidebarActionApi {
  open(): Promise<void>;
}

/**
 * Open the side panel (Chrome) or sidebar (Firefox). Must be called synchronously inside the
 * click's user gesture: no await may come before it. Returns the browser's promise.
 */
export function openPanel(tabId: number | null | undefined, windowId: number | null | undefined): Promise<void> {
  const b = browser as unknown as { sidePanel?: SidePanelApi; sidebarAction?: SidebarActionApi };
  try {
    if (b.sidePanel?.open) {
      if (tabId != null) return b.sidePanel.open({ tabId });
      if (windowId != null) return b.sidePanel.open({ windowId });
      return Promise.reject(new Error('No tab or window to open the side panel in'));
    }
    if (b.sidebarAction?.open) return b.sidebarAction.open();
    return Promise.reject(new Error('This browser has no side panel API'));
  } catch (e) {
    return Promise.reject(e);
  }
}

/** What to hand over: a target to check (in a given view, or the panel's current one), or a sentence to show. */
export type Handover = { target: LookupTarget; view?: string | null } | { message: string };

/**
 * Open the panel of `tabId` (or of the window) and hand it `what`, for a click handler: the panel is
 * opened FIRST, synchronously (user gesture), then told what to show; it does not matter which of
 * the two finishes first, since the panel reads the entry when it starts and watches for new ones.
 * Resolves with whether each step worked (never rejects).
 */
export function openPanelWith(
  where: { tabId: number | null; windowId?: number | null },
  what: Handover,
): Promise<{ opened: PromiseSettledResult<void>; told: PromiseSettledResult<void> }> {
  const opening = openPanel(where.tabId, where.windowId);
  const telling = 'target' in what ? setPanelTarget(where.tabId, what.target, Date.now(), what.view ?? null) : setPanelMessage(where.tabId, what.message);
  return Promise.allSettled([opening, telling]).then(([opened, told]) => ({ opened: opened!, told: told! }));
}
