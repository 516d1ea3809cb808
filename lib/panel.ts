import { browser } from 'wxt/browser';
import { readLookupTarget, type LookupTarget } from './lookupTarget';
import { PANEL_PREFIX } from './storage/keys';

/**
 * What the side panel should show, handed over from the context menu (worker) or the popup.
 * Kept in storage.session: it survives a stopped worker but not a browser restart, and it is
 * keyed by tab id, plus a "last" entry for when no tab id is known. Entries of closed tabs are
 * removed by the worker (see lib/worker.ts).
 *
 * An entry holds either a target to check or a message to show instead (a refused context-menu
 * click: nothing was spent and the panel says why).
 */
export interface PanelEntry {
  /** Tab the entry belongs to; null for the "last" entry written without a tab id. */
  tabId: number | null;
  target: LookupTarget | null;
  /** One sentence to show instead of a check, e.g. why a link cannot be checked. */
  message: string | null;
  /** When it was written (epoch ms). Lets a page ignore an entry it has already handled. */
  at: number;
}

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
  const { tabId, target, message, at } = v;
  if (tabId !== null && !Number.isSafeInteger(tabId)) return null;
  const checkedTarget = target === null ? null : readLookupTarget(target);
  if (target !== null && checkedTarget === null) return null;
  if (message !== null && typeof message !== 'string') return null;
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  return { tabId: tabId as number | null, target: checkedTarget, message: message as string | null, at };
}

const PREFIX = PANEL_PREFIX;
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
export async function setPanelTarget(tabId: number | null, target: LookupTarget, now: number = Date.now()): Promise<void> {
  const checked = readLookupTarget(target);
  if (!checked) throw new Error('Not a valid lookup target');
  await write({ tabId, target: checked, message: null, at: now });
}

/** Ask the panel of `tabId` to show a sentence instead of a check (nothing is spent). */
export async function setPanelMessage(tabId: number | null, message: string, now: number = Date.now()): Promise<void> {
  await write({ tabId, target: null, message, at: now });
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
