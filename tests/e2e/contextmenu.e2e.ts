/**
 * The right-click menu in the production build. Headless Chromium shows no native menu, so:
 * - the items are checked with `contextMenus.update(id, {})` in the worker (resolves for an item that
 *   exists, rejects for one that does not), also after the worker was stopped and woken again;
 * - a click is delivered to the worker's own registered `contextMenus.onClicked` listeners with the
 *   event's `dispatch` (the same listeners Chrome calls on a real click), and its effects are checked:
 *   the panel target stored for the tab in storage.session, and the side panel showing that target
 *   (as a page behind the site tab, and the real side panel opened with `sidePanel.open`).
 *
 * Run: npx wxt build && node --import tsx --test tests/e2e/contextmenu.e2e.ts
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CDPSession } from 'playwright-core';
import { launchWorld, type Page, type World } from './harness.ts';
import { MENU_ITEMS, MENU_MESSAGES, MENU_IDS } from '../../lib/contextMenu.ts';
import { parseTarget } from '../../lib/target.ts';

/** The slice of the extension API this file runs inside the worker and extension pages. */
declare const chrome: {
  contextMenus: {
    update(id: string, props: object): Promise<void>;
    onClicked: { dispatch?: (info: unknown, tab: unknown) => void; hasListeners(): boolean };
  };
  storage: { session: { get(key: string | null): Promise<Record<string, unknown>>; clear(): Promise<void> } };
  tabs: { query(q: object): Promise<Array<{ id?: number; windowId?: number; url?: string }>> };
  sidePanel: { open(o: { tabId: number }): Promise<void> };
};

let world: World;
let helper: Page;

before(async () => {
  world = await launchWorld();
  helper = await world.openExtensionPage('options.html');
  await world.setCredentials();
});
after(async () => {
  await world?.close();
});

/** Which ids `contextMenus.update` accepts in the worker: id → 'ok' or the error message. */
async function probeMenuItems(ids: string[]): Promise<Record<string, string>> {
  return world.worker().evaluate(async (list) => {
    const out: Record<string, string> = {};
    for (const id of list) {
      try {
        await chrome.contextMenus.update(id, {});
        out[id] = 'ok';
      } catch (e) {
        out[id] = `rejected: ${(e as Error).message}`;
      }
    }
    return out;
  }, ids);
}

/** The site tab as the browser reports it (id, window), read from an extension page. */
async function siteTab(site: Page): Promise<{ id: number; windowId: number }> {
  await site.bringToFront();
  const tab = await helper.evaluate(async () => {
    const [t] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return t ? { id: t.id, windowId: t.windowId } : null;
  });
  assert.ok(tab && typeof tab.id === 'number' && typeof tab.windowId === 'number', 'the site tab has an id');
  return tab as { id: number; windowId: number };
}

/** Deliver a menu click to the worker's registered onClicked listeners, as Chrome does on a real click. */
async function clickMenu(info: Record<string, unknown>, tab: Record<string, unknown>): Promise<void> {
  await world.worker().evaluate(
    ([i, t]) => {
      const ev = chrome.contextMenus.onClicked;
      if (!ev.hasListeners()) throw new Error('the worker has no contextMenus.onClicked listener');
      if (typeof ev.dispatch !== 'function') throw new Error('contextMenus.onClicked.dispatch is not available in this browser');
      ev.dispatch(i, t);
    },
    [info, tab] as const,
  );
}

/** The panel entry stored for a tab (or null), waiting until it was written after `since`. */
async function panelEntry(tabId: number, since: number): Promise<{ tabId: number | null; target: { scope: string; value: string } | null; message: string | null; at: number }> {
  const end = Date.now() + 5_000;
  for (;;) {
    const got = await helper.evaluate(async (key) => (await chrome.storage.session.get(key))[key] ?? null, `panel:${tabId}`);
    const entry = got as { at?: number } | null;
    if (entry && typeof entry.at === 'number' && entry.at >= since) return got as never;
    if (Date.now() > end) throw new Error(`no panel entry for tab ${tabId} after the click (found ${JSON.stringify(got)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('context menu', () => {
  it('creates every menu item on install (and they survive a worker restart); a bogus id is rejected', async () => {
    assert.ok(MENU_ITEMS.length >= 4);
    const ids = MENU_ITEMS.map((m) => m.id);
    const bogus = 'bl-no-such-item';
    const before = await probeMenuItems([...ids, bogus]);
    for (const id of ids) assert.equal(before[id], 'ok', `menu item ${id} exists`);
    assert.match(before[bogus]!, /^rejected: .*bl-no-such-item/);

    await world.restartWorker();
    const afterRestart = await probeMenuItems([...ids, bogus]);
    for (const id of ids) assert.equal(afterRestart[id], 'ok', `menu item ${id} still exists after a restart`);
    assert.match(afterRestart[bogus]!, /^rejected:/);
    const listening = await world.worker().evaluate(() => chrome.contextMenus.onClicked.hasListeners());
    assert.equal(listening, true, 'the new worker listens to clicks again');
  });

  it('a click on "Backlinks of the linked site" hands the link’s domain to the side panel of that tab', async () => {
    const site = await world.openSite('https://example.com/articles/1');
    const tab = await siteTab(site);
    const linkUrl = 'https://www.blog.example.net/2024/05/post?ref=1#top';
    const expected = parseTarget(linkUrl);
    assert.ok(expected.ok);
    const since = Date.now();
    world.sandbox.reset();

    await clickMenu(
      { menuItemId: MENU_IDS.linkDomain, linkUrl, pageUrl: 'https://example.com/articles/1', editable: false, frameId: 0 },
      { id: tab.id, windowId: tab.windowId, url: 'https://example.com/articles/1', active: true, index: 0, pinned: false, highlighted: true, incognito: false },
    );
    const entry = await panelEntry(tab.id, since);
    assert.equal(entry.tabId, tab.id);
    assert.equal(entry.message, null);
    assert.deepEqual({ scope: entry.target?.scope, value: entry.target?.value }, { scope: 'domain', value: expected.site.domain.value });
    assert.equal(entry.target?.value, 'example.net', 'the registrable domain of the link, not the page');
    assert.equal(world.sandbox.apiCalls().length, 0, 'the click itself spends nothing');

    // The side panel page for that tab shows the target (opened behind the site, which stays active).
    const panel = await world.openExtensionPage('sidepanel.html', { behindSite: site });
    const heading = panel.getByTestId('panel-target');
    await panel.locator('[data-testid="panel-target"][data-scope="domain"]').waitFor({ timeout: 10_000 });
    assert.equal(await heading.getAttribute('title'), 'example.net');
    assert.match(await heading.innerText(), /example\.net/);
    await world.screenshot(panel, 'contextmenu-sidepanel');
    await panel.close();

    // The real side panel, opened the way a user gesture allows it (from an extension page).
    const real = await openRealSidePanel(tab.id);
    try {
      const text = await real.waitForText('example.net');
      assert.match(text, /example\.net/);
    } finally {
      await real.close();
    }
    await site.close();
  });

  it('"Backlinks of this page" hands over the exact page; a mailto: link is refused with a sentence and nothing spent', async () => {
    const pageUrl = 'https://shop.example.org/catalog/item-42?color=red';
    const site = await world.openSite(pageUrl);
    const tab = await siteTab(site);
    const expected = parseTarget(pageUrl);
    assert.ok(expected.ok);

    let since = Date.now();
    await clickMenu({ menuItemId: MENU_IDS.pagePage, pageUrl, editable: false, frameId: 0 }, { id: tab.id, windowId: tab.windowId, url: pageUrl });
    let entry = await panelEntry(tab.id, since);
    assert.equal(entry.target?.scope, 'page');
    assert.equal(entry.target?.value, expected.site.page.value);

    since = Date.now() + 1;
    await new Promise((r) => setTimeout(r, 5));
    world.sandbox.reset();
    await clickMenu({ menuItemId: MENU_IDS.linkDomain, linkUrl: 'mailto:someone@example.org', pageUrl, editable: false, frameId: 0 }, { id: tab.id, windowId: tab.windowId, url: pageUrl });
    entry = await panelEntry(tab.id, since);
    assert.equal(entry.target, null);
    assert.ok(entry.message && entry.message.length > 10, `a sentence: ${entry.message}`);
    assert.notEqual(entry.message, MENU_MESSAGES.unknownItem);

    const panel = await world.openExtensionPage('sidepanel.html', { behindSite: site });
    await panel.getByText(entry.message!, { exact: false }).first().waitFor({ timeout: 10_000 });
    // A panel still open in this window may load the page handed over by the first click; the
    // refused click itself must not make any call.
    const calls = world.sandbox.apiCalls().filter((c) => c.target !== expected.site.page.value);
    assert.deepEqual(
      calls.map((c) => `${c.endpoint} ${c.target ?? ''}`),
      [],
      'a refused click spends nothing',
    );
    await panel.close();
    await site.close();
  });
});

// ---------------------------------------------------------------------------------------------
// The real side panel is not a Playwright page: find its target and read it over CDP.
// ---------------------------------------------------------------------------------------------

interface PanelHandle {
  waitForText(text: string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

async function openRealSidePanel(tabId: number): Promise<PanelHandle> {
  const session: CDPSession = await world.ctx.browser()!.newBrowserCDPSession();
  const panelUrl = world.extUrl('sidepanel.html');
  const list = async () => (await session.send('Target.getTargets')).targetInfos.filter((t) => t.url.startsWith(panelUrl));
  const before = new Set((await list()).map((t) => t.targetId));
  // sidePanel.open needs a user gesture: accepted from page.evaluate in an extension page.
  await helper.evaluate((id) => chrome.sidePanel.open({ tabId: id }), tabId);
  let targetId: string | undefined;
  const end = Date.now() + 10_000;
  while (!targetId) {
    targetId = (await list()).find((t) => !before.has(t.targetId))?.targetId;
    if (!targetId && Date.now() > end) throw new Error('the side panel did not open');
    if (!targetId) await new Promise((r) => setTimeout(r, 100));
  }
  const { sessionId } = await session.send('Target.attachToTarget', { targetId, flatten: false });
  let nextId = 0;
  const evaluate = (expression: string) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++nextId;
      const onMessage = (ev: { sessionId: string; message: string }) => {
        if (ev.sessionId !== sessionId) return;
        const m = JSON.parse(ev.message) as { id?: number; result?: { result: { value?: unknown } }; error?: { message: string } };
        if (m.id !== id) return;
        session.off('Target.receivedMessageFromTarget', onMessage);
        if (m.error) reject(new Error(m.error.message));
        else resolve(m.result?.result.value);
      };
      session.on('Target.receivedMessageFromTarget', onMessage);
      session
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }) })
        .catch(reject);
    });
  return {
    async waitForText(text, timeoutMs = 10_000) {
      const stop = Date.now() + timeoutMs;
      let last = '';
      for (;;) {
        last = String((await evaluate('document.body ? document.body.innerText : ""')) ?? '');
        if (last.includes(text)) return last;
        if (Date.now() > stop) throw new Error(`the side panel never showed ${text}; it shows:\n${last}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      await session.send('Target.closeTarget', { targetId: targetId! }).catch(() => undefined);
      await session.detach().catch(() => undefined);
    },
  };
}
