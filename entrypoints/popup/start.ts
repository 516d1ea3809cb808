import { browser } from 'wxt/browser';
import { MAX_RESOLVE_URL } from '@/lib/defaults';

/**
 * The popup's first question, asked at document start: the active tab, then `checkTab` for its
 * address (one message: targets, settings, scope and the cached figures or the paid calls begun).
 * popup.html loads the start script (popup-start.js, built from startScript.ts: a classic script in <head>) before
 * its modules, so the worker works on the answer while the popup's code loads; the popup takes the
 * answer with `takeStartedCheck`. The raw answer is read by the popup (lib/ask.ts `readReply`).
 */
export interface StartedCheck {
  tab: { id?: number; url?: string; windowId?: number } | undefined;
  /** The address sent (trimmed and cut as every resolve request is). */
  url: string;
  raw: unknown;
  /** False when the message could not be sent or was not answered. */
  sent: boolean;
}

/** Globals of the popup page (set by the start script): the check it began, and the function that begins one. */
const STARTED = '__backlinkLensStartedCheck';
const START = '__backlinkLensStartCheck';

async function startCheck(): Promise<StartedCheck> {
  // Marks for the bench's popup waterfall (npm run bench): the script runs, the tab is known.
  performance.mark('bl:start-script');
  let tab: StartedCheck['tab'];
  try {
    [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  } catch {
    tab = undefined;
  }
  performance.mark('bl:tab');
  const url = (tab?.url ?? '').trim().slice(0, MAX_RESOLVE_URL);
  try {
    return { tab, url, raw: await browser.runtime.sendMessage({ type: 'checkTab', url }), sent: true };
  } catch {
    return { tab, url, raw: undefined, sent: false };
  }
}

/** The start script: begin the check and leave it, and the way to begin another, for the popup. */
export function publishStartedCheck(): void {
  const g = globalThis as Record<string, unknown>;
  g[START] = startCheck;
  g[STARTED] = startCheck();
}

/**
 * The check the start script began (taken once), or a new one begun by the start script's function
 * (Try again), so the popup's own bundle carries none of this. Without the start script (it failed to
 * load) the answer is "not sent", which the popup shows as the worker not answering.
 */
export function takeStartedCheck(): Promise<StartedCheck> {
  const g = globalThis as Record<string, unknown>;
  const started = g[STARTED];
  delete g[STARTED];
  if (started instanceof Promise) return started as Promise<StartedCheck>;
  const start = g[START];
  return typeof start === 'function' ? (start as () => Promise<StartedCheck>)() : Promise.resolve({ tab: undefined, url: '', raw: undefined, sent: false });
}
