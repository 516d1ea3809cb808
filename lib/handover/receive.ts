import { readLookupTarget, type LookupTarget } from '@/lib/lookupTarget';
import { area, keyFor, LAST, PREFIX, VIEW_ID, type PanelEntry } from './entry';

/*
 * The panel's side: read, check and watch the entries (see entry.ts). The side panel reads them, so
 * they are checked without zod: the target by the one
 * rule of lib/lookupTarget.ts (LookupTargetSchema is built from it; lib/handover/handover.test.ts holds the two
 * side by side). Like a zod object, a check answers a clean copy without unknown keys, or null.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

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

async function read(tabId: number | null): Promise<PanelEntry | null> {
  const key = keyFor(tabId);
  const got = await area().get(key);
  return readPanelEntry(got[key]);
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

