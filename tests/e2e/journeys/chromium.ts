/**
 * The Chromium driver of the journeys: harness.ts (headless Chromium over CDP, the real toolbar popup).
 * - The side panel is the real one: the target Chromium opens for sidepanel.html, attached over CDP.
 * - Headless Chromium draws no native context menu: a menu click is the worker's own registered
 *   `contextMenus.onClicked` listeners called with the item's id and the front tab (what Chrome does on a
 *   click), and the panel is then opened with `sidePanel.open` from an extension page (the user gesture a
 *   real menu click carries).
 * - A restart closes Chromium and launches it again on the same profile, against the same sandbox.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { MENU_ITEMS } from '../../../lib/contextMenu.ts';
import { startSandbox } from '../../sandbox/server.ts';
import { launchWorld, makeRealPopup, TargetChannel, type RealPopup, type World } from '../harness.ts';
import type { FormPage, JourneyBrowser, View } from './browser.ts';
import { waitFor } from './browser.ts';

/** The slice of the extension API run inside the worker and extension pages. */
declare const chrome: {
  contextMenus: { onClicked: { dispatch?: (info: unknown, tab: unknown) => void; hasListeners(): boolean } };
  tabs: { query(q: object): Promise<Array<{ id?: number; windowId?: number; url?: string }>> };
  sidePanel: { open(o: { tabId: number }): Promise<void> };
};

function formPage(page: Page): FormPage {
  return {
    waitFor: async (sel) => {
      await page.waitForSelector(sel);
    },
    click: (sel) => page.click(sel),
    type: (sel, text) => page.locator(sel).pressSequentially(text),
    value: (sel) => page.$eval(sel, (e) => (e as HTMLInputElement).value),
    text: (sel) => page.$eval(sel, (e) => e.textContent ?? ''),
    close: () => page.close(),
  };
}

function asView(p: RealPopup): View {
  return {
    evaluate: <T>(src: string) => p.evaluate<T>(`(${src})(document, window)`),
    text: () => p.text(),
    click: (sel) => p.click(sel),
  };
}

export type ChromiumJourneys = JourneyBrowser & { world(): World };

export async function launchChromiumJourneys(): Promise<ChromiumJourneys> {
  const sandbox = await startSandbox({ port: 0, latencyMs: 0 });
  const profileDir = mkdtempSync(join(tmpdir(), 'lens-journeys-'));
  let w: World;
  let session: CDPSession;
  let front: Page | null = null;
  let popup: RealPopup | null = null;
  let panelView: { targetId: string; view: View } | null = null;

  const start = async (firstRunWaitMs?: number) => {
    w = await launchWorld({ sandbox, profileDir, firstRunWaitMs });
    session = await w.ctx.browser()!.newBrowserCDPSession();
    front = null;
    popup = null;
    panelView = null;
  };
  try {
    await start();
  } catch (e) {
    await sandbox.close();
    rmSync(profileDir, { recursive: true, force: true });
    throw e;
  }

  const panelTargets = async () => {
    const url = w.extUrl('sidepanel.html');
    return (await session.send('Target.getTargets')).targetInfos.filter((t) => t.url.startsWith(url));
  };
  const frontTab = async () => {
    if (!front) throw new Error('no site tab');
    await front.bringToFront();
    const helper = await w.openExtensionPage('options.html', { behindSite: front });
    const tab = await helper.evaluate(async () => {
      const [t] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return t ? { id: t.id, windowId: t.windowId } : null;
    });
    if (!tab || typeof tab.id !== 'number') throw new Error('the front tab has no id');
    // Without the tabs permission the query gives no URL; a menu click carries the page's URL.
    return { helper, tab: { ...(tab as { id: number; windowId: number }), url: front.url() } };
  };

  const b: ChromiumJourneys = {
    name: 'chromium',
    sandbox,
    world: () => w,
    openOptions: async () => formPage(await w.openExtensionPage('options.html')),
    async openSite(url) {
      front = await w.openSite(url);
    },
    async openPopup() {
      if (!front) throw new Error('openPopup: no site tab');
      await b.closePopup();
      popup = await w.openRealPopup(front);
      return asView(popup);
    },
    async closePopup() {
      if (!popup) return;
      const p = popup;
      popup = null;
      const { targetInfos } = await session.send('Target.getTargets');
      if (targetInfos.some((t) => t.targetId === p.targetId)) await p.close();
    },
    async panel() {
      const [target] = await waitFor('the side panel', async () => {
        const list = await panelTargets();
        return list.length > 0 ? list : null;
      });
      if (panelView?.targetId === target!.targetId) return panelView.view;
      const { sessionId } = await session.send('Target.attachToTarget', { targetId: target!.targetId, flatten: false });
      const view = asView(makeRealPopup(session, new TargetChannel(session, sessionId), target!.targetId));
      await waitFor('the side panel document', () => view.evaluate<boolean>(`() => document.readyState === 'complete'`));
      panelView = { targetId: target!.targetId, view };
      return view;
    },
    panelOpen: async () => (await panelTargets()).length > 0,
    async closePanel() {
      for (const t of await panelTargets()) await session.send('Target.closeTarget', { targetId: t.targetId });
      panelView = null;
      await waitFor('the side panel to close', async () => (await panelTargets()).length === 0);
    },
    async contextMenu(title) {
      const item = MENU_ITEMS.find((m) => m.title === title);
      if (!item) throw new Error(`no menu item titled ${title}`);
      const { helper, tab } = await frontTab();
      await w.worker().evaluate(
        ([i, t]) => {
          const ev = chrome.contextMenus.onClicked;
          if (!ev.hasListeners()) throw new Error('the worker has no contextMenus.onClicked listener');
          if (typeof ev.dispatch !== 'function') throw new Error('contextMenus.onClicked.dispatch is not available');
          ev.dispatch(i, t);
        },
        [
          { menuItemId: item.id, pageUrl: tab.url, editable: false, frameId: 0 },
          { id: tab.id, windowId: tab.windowId, url: tab.url, active: true },
        ] as const,
      );
      if ((await panelTargets()).length === 0) await helper.evaluate((id) => chrome.sidePanel.open({ tabId: id }), tab.id);
      await helper.close();
    },
    sendMessage: (msg) => w.sendMessage(msg),
    setCredentials: () => w.setCredentials(),
    stopBackground: () => w.stopWorker(),
    backgroundState: async () => ((await w.workerRunning()) ? 'running' : 'stopped'),
    async restart() {
      await w.close();
      await start(1_000);
    },
    async close() {
      await w?.close();
      await sandbox.close().catch(() => undefined);
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
  return b;
}
