/**
 * In-page instrumentation for the benchmark. Everything here is a string run inside the browser
 * (a function's source would carry the TypeScript runner's helpers, which pages do not have).
 * Times are epoch milliseconds with sub-millisecond precision (performance.timeOrigin + now()),
 * comparable across pages and with Node on the same machine.
 */
import type { CDPSession } from 'playwright-core';
import type { World } from '../e2e/harness.ts';

/** What the popup probe records. */
export interface PopupProbe {
  origin: number;
  /** Whether the numbers were already there when the probe was installed (then dataAt is not exact). */
  installedWithData: boolean;
  dataAt: number | null;
  paintAt: number | null;
  dclAt: number | null;
  msgs: { type: string; start: number; end: number | null; fromCache: boolean | null }[];
  wrapError?: string;
}

/**
 * Wraps runtime.sendMessage (chrome and browser namespaces) so that every message is recorded in
 * `B.msgs` with its send and reply times. Expects `B` and `now` in scope.
 */
const MESSAGE_WRAP = String.raw`  const wrap = (rt) => {
    if (!rt || typeof rt.sendMessage !== 'function' || rt.sendMessage.__benchWrapped) return;
    const orig = rt.sendMessage;
    const wrapped = function (...args) {
      const msg = args.find((a) => a && typeof a === 'object' && typeof a.type === 'string');
      const rec = { type: msg ? msg.type : '?', start: now(), end: null, fromCache: null };
      B.msgs.push(rec);
      const done = (r) => {
        if (rec.end === null) rec.end = now();
        const m = r && r.meta;
        if (m && typeof m.fromCache === 'boolean') rec.fromCache = m.fromCache;
      };
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        args[args.length - 1] = function (r) {
          done(r);
          return last.apply(this, arguments);
        };
        return orig.apply(this, args);
      }
      const p = orig.apply(this, args);
      if (p && typeof p.then === 'function') p.then(done, () => done(null));
      return p;
    };
    wrapped.__benchWrapped = true;
    try {
      rt.sendMessage = wrapped;
    } catch (e) {
      B.wrapError = String(e);
    }
  };
  try {
    if (typeof chrome !== 'undefined') wrap(chrome.runtime);
    if (typeof browser !== 'undefined') wrap(browser.runtime);
  } catch (e) {
    B.wrapError = String(e);
  }`;

/**
 * Installed in the popup before its scripts run: when rank or backlinks first shows a number
 * (DOM mutation, then the next animation frame ≈ paint), and every runtime.sendMessage with its
 * reply time (the message waterfall).
 */
export const POPUP_PROBE = String.raw`(() => {
  if (window.__bench) return;
  const now = () => performance.timeOrigin + performance.now();
  const B = (window.__bench = { origin: performance.timeOrigin, installedWithData: false, dataAt: null, paintAt: null, dclAt: null, msgs: [] });
  const has = () => {
    for (const id of ['rank', 'backlinks']) {
      const el = document.querySelector('[data-testid="' + id + '"] .num');
      if (el && /\d/.test(el.textContent || '')) return true;
    }
    return false;
  };
${MESSAGE_WRAP}
  const mo = new MutationObserver(() => {
    if (B.dataAt === null && has()) {
      B.dataAt = now();
      mo.disconnect();
      requestAnimationFrame(() => {
        B.paintAt = now();
      });
    }
  });
  B.installedWithData = has();
  mo.observe(document, { subtree: true, childList: true, characterData: true });
  document.addEventListener('DOMContentLoaded', () => {
    B.dclAt = now();
  });
})()`;

/**
 * Watches new targets on its own browser CDP session and installs POPUP_PROBE in every extension
 * popup as soon as it exists (before its document loads: a popup target is created empty and
 * navigates to popup.html a little later). Records when each popup target was created.
 */
export async function watchPopups(world: World): Promise<{ created: Map<string, number>; installed: Map<string, number>; stop(): Promise<void> }> {
  const session: CDPSession = await world.ctx.browser()!.newBrowserCDPSession();
  const created = new Map<string, number>();
  const installed = new Map<string, number>();
  const base = world.extUrl('');
  let id = 1_000_000;
  const onCreated = (ev: { targetInfo: { targetId: string; type: string; url: string } }) => {
    const info = ev.targetInfo;
    const maybePopup = (info.type === 'other' && info.url === '') || (info.type === 'page' && info.url.startsWith(`${base}popup.html`));
    if (!maybePopup) return;
    created.set(info.targetId, performance.timeOrigin + performance.now());
    void (async () => {
      try {
        const { sessionId } = await session.send('Target.attachToTarget', { targetId: info.targetId, flatten: false });
        const send = (method: string, params: Record<string, unknown> = {}) =>
          session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: ++id, method, params }) });
        await send('Page.enable');
        await send('Page.addScriptToEvaluateOnNewDocument', { source: POPUP_PROBE });
        await send('Runtime.evaluate', { expression: POPUP_PROBE });
        installed.set(info.targetId, performance.timeOrigin + performance.now());
      } catch {
        // Not a page that takes scripts (another kind of target): nothing to measure.
      }
    })();
  };
  session.on('Target.targetCreated', onCreated as never);
  await session.send('Target.setDiscoverTargets', { discover: true });
  return {
    created,
    installed,
    async stop() {
      session.off('Target.targetCreated', onCreated as never);
      await session.send('Target.setDiscoverTargets', { discover: false }).catch(() => undefined);
      await session.detach().catch(() => undefined);
    },
  };
}

/**
 * Run in a site tab right before the harness opens the popup: the harness briefly retitles the
 * tab to find its target and restores the title right before `Extensions.triggerAction`, so the
 * restore is "the click" to within one CDP round trip.
 */
export const SITE_CLICK_PROBE = String.raw`(() => {
  const now = () => performance.timeOrigin + performance.now();
  const orig = document.title;
  const S = (window.__benchClick = { restoredAt: null, changed: false });
  const mo = new MutationObserver(() => {
    if (document.title !== orig) S.changed = true;
    else if (S.changed && S.restoredAt === null) {
      S.restoredAt = now();
      mo.disconnect();
    }
  });
  mo.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  return true;
})()`;

export const SITE_CLICK_READ = `window.__benchClick ? window.__benchClick.restoredAt : null`;

/** What the side panel probe records: every change of the loaded row count, with rows in the DOM. */
export interface PanelProbe {
  origin: number;
  dclAt: number | null;
  msgs: PopupProbe['msgs'];
  events: { at: number; setsize: number; domRows: number }[];
}

/** Installed in every page of the context (init script); active only in sidepanel.html. */
export const PANEL_PROBE = String.raw`(() => {
  if (location.pathname !== '/sidepanel.html' || window.__benchPanel) return;
  const now = () => performance.timeOrigin + performance.now();
  const P = (window.__benchPanel = { origin: performance.timeOrigin, dclAt: null, events: [], msgs: [] });
  const B = P;
${MESSAGE_WRAP}
  document.addEventListener('DOMContentLoaded', () => {
    P.dclAt = now();
  });
  let last = -1;
  const check = () => {
    const rows = document.querySelectorAll('[data-testid="row"]');
    const setsize = rows.length ? Number(rows[0].getAttribute('aria-setsize') || rows.length) : 0;
    if (setsize !== last) {
      last = setsize;
      P.events.push({ at: now(), setsize, domRows: rows.length });
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-setsize'] });
})()`;

export const PANEL_READ = `window.__benchPanel ? JSON.parse(JSON.stringify(window.__benchPanel)) : null`;

export const NOW = `performance.timeOrigin + performance.now()`;
