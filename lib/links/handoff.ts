import { browser } from 'wxt/browser';

/**
 * Zod-free (the side panel reads it): the state of a tab's link scan, kept by the worker in
 * storage.session under `linksView:<tabId>`, so the side panel knows to show "Links on this page"
 * and when the report is ready to be asked for (the report itself the panel asks the worker for).
 */

export const LINK_SCAN_STATES = ['scanning', 'ready', 'error'] as const;
export type LinkScanState = (typeof LINK_SCAN_STATES)[number];

export interface LinksViewEntry {
  tabId: number;
  state: LinkScanState;
  /** The sentence of a failed scan. */
  message: string | null;
  at: number;
}

const PREFIX = 'linksView:';
export const linksViewKey = (tabId: number) => `${PREFIX}${tabId}`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A valid entry (a clean copy), or null. */
export function readLinksViewEntry(v: unknown): LinksViewEntry | null {
  if (!isObject(v)) return null;
  const { tabId, state, message, at } = v;
  if (!Number.isSafeInteger(tabId) || (tabId as number) < 0) return null;
  if (typeof state !== 'string' || !(LINK_SCAN_STATES as readonly string[]).includes(state)) return null;
  if (message !== null && (typeof message !== 'string' || message.length > 1000)) return null;
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  return { tabId: tabId as number, state: state as LinkScanState, message: message as string | null, at };
}

export async function setLinksView(entry: LinksViewEntry): Promise<void> {
  await browser.storage.session.set({ [linksViewKey(entry.tabId)]: entry });
}

export async function getLinksView(tabId: number): Promise<LinksViewEntry | null> {
  const key = linksViewKey(tabId);
  const got = await browser.storage.session.get(key);
  return readLinksViewEntry(got[key]);
}

/** Calls `cb` with every entry written from now on. Returns a function that stops watching. */
export function watchLinksView(cb: (entry: LinksViewEntry) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>) => {
    for (const [key, change] of Object.entries(changes)) {
      if (!key.startsWith(PREFIX)) continue;
      const entry = readLinksViewEntry(change.newValue);
      if (entry) cb(entry);
    }
  };
  browser.storage.session.onChanged.addListener(listener);
  return () => browser.storage.session.onChanged.removeListener(listener);
}
