import { browser } from 'wxt/browser';
import { readLookupTarget, type LookupTarget } from './lookupTarget';

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

/*
 * The side panel reads these entries too, so they are checked without zod: the target by the one
 * rule of lib/lookupTarget.ts (LookupTargetSchema is built from it; lib/panel.test.ts holds the two
 * side by side). Like a zod object, a check answers a clean copy without unknown keys, or null.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export { readLookupTarget };

/** A valid PanelEntry (a clean copy), or null. */
export function readPanelEntry(v: unknown): PanelEntry | null {
  if (!isObject(v)) return null;
  const { tabId, target, message, at, view } = v;
  if (tabId !== null && !Number.isSafeInteger(tabId)) return null;
  const checkedTarget = target === null ? null : readLookupTarget(target);
  if (target !== null && checkedTarget === null) return null;
  if (message !== null && typeof message !== 'string') return null;
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  // Entries written before views existed have no view.
  if (view !== undefined && view !== null && (typeof view !== 'string' || !VIEW_ID.test(view))) return null;
  const entry: PanelEntry = { tabId: tabId as number | null, target: checkedTarget, message: message as string | null, at };
  if (view !== undefined) entry.view = view as string | null;
  return entry;
}

const PREFIX = 'panel:';
const LAST = `${PREFIX}last`;
const keyFor = (tabId: number | null): string => (tabId == null ? LAST : `${PREFIX}${tabId}`);

function area() {
  return browser.storage.session;
}

async function write(entry: PanelEntry): Promise<void> {
  const items: Record<string, PanelEntry> = { [LAST]: entry };
  if (entry.tabId != null) items[keyFor(entry.tabId)] = entry;
  await area().set(items);
}

async function read(tabId: number | null): Promise<PanelEntry | null> {
  const key = keyFor(tabId);
  const got = await area().get(key);
  return readPanelEntry(got[key]);
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

/** The whole entry for `tabId` (null: the "last" entry), or null when there is none. */
export function getPanelEntry(tabId: number | null): Promise<PanelEntry | null> {
  return read(tabId);
}

/** The target stored for `tabId` (null: the "last" entry), or null when there is none or it holds a message. */
export async function getPanelTarget(tabId: number | null): Promise<LookupTarget | null> {
  return (await read(tabId))?.target ?? null;
}

/** Forget the entry of a tab (closed tab). The "last" entry stays. */
export async function clearPanelTarget(tabId: number): Promise<void> {
  await area().remove(keyFor(tabId));
}

/**
 * Calls `cb` with every entry written from now on (tab entries only; the "last" copy of the same
 * write is not reported twice). Returns a function that stops watching.
 */
export function watchPanelTarget(cb: (entry: PanelEntry) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>) => {
    for (const [key, change] of Object.entries(changes)) {
      if (!key.startsWith(PREFIX)) continue;
      const entry = readPanelEntry(change.newValue);
      if (!entry) continue;
      // A write with a tab id lands twice (tab key + "last"): report it once, from the tab key.
      if (key === LAST && entry.tabId != null) continue;
      cb(entry);
    }
  };
  area().onChanged.addListener(listener);
  return () => area().onChanged.removeListener(listener);
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
