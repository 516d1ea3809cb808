import { captureDom, collectLinks } from './collect';
import { HOST_TAG, STATE_KEY, drawOverlay, type OverlayHandle } from './overlay';
import { REPORT_VERSION, type RawLinkReport } from './report';

/**
 * What the injected script does, start to end: take down an earlier highlight, collect the links,
 * highlight them, and return the report (the value of `scripting.executeScript`, the only way it
 * reaches the worker: the script sends no message and the worker listens to none from pages).
 */

type State = { handle: OverlayHandle | null };

/** Removes our highlight: the one this world drew, and any host element of ours left in the page. */
export function removeHighlight(win: Window, doc: Document): void {
  const g = win as unknown as Record<string, State | undefined>;
  const state = g[STATE_KEY];
  if (state?.handle) state.handle.remove();
  g[STATE_KEY] = undefined;
  const left = doc.getElementsByTagName(HOST_TAG);
  for (let i = left.length - 1; i >= 0; i--) left[i]?.remove();
}

export function scanAndHighlight(win: Window, doc: Document, now: () => number = () => win.performance.now()): RawLinkReport {
  const started = now();
  const dom = captureDom(win as unknown as Parameters<typeof captureDom>[0]);
  removeHighlight(win, doc);
  const collected = collectLinks(doc, dom);
  const g = win as unknown as Record<string, State | undefined>;
  const state: State = { handle: null };
  state.handle = drawOverlay(win, doc, collected, () => {
    if (g[STATE_KEY] === state) g[STATE_KEY] = undefined;
  });
  g[STATE_KEY] = state;
  let url = '';
  let host = '';
  try {
    url = String(win.location.href).slice(0, 4096);
    host = String(win.location.hostname).slice(0, 253);
  } catch {
    // An opaque location: the worker knows the tab's address anyway.
  }
  return {
    version: REPORT_VERSION,
    url,
    host,
    links: collected.links,
    skipped: collected.skipped,
    dropped: collected.dropped,
    elapsedMs: Math.max(0, Math.round(now() - started)),
  };
}
