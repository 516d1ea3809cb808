/**
 * Real-Firefox test harness: the production Firefox build (`.output/firefox-mv3`) in Debian's firefox-esr,
 * driven by puppeteer-core over WebDriver BiDi, against the same in-process sandbox as the Chromium harness.
 *
 * How the parts work (Firefox ESR 153 + puppeteer-core 25, headless):
 * - The build is a temporary add-on (`browser.installExtension`, BiDi `webExtension.install`); its
 *   moz-extension UUID is pinned with the pref `extensions.webextensions.uuids`, which also keeps its
 *   storage across a restart on the same profile (the add-on is installed again after a restart).
 * - Hostnames: a local forward proxy (proxy.ts) sends every host to the sandbox; `acceptInsecureCerts`
 *   covers its self-signed certificate, the background script's fetches included.
 * - Extension pages are opened with BiDi `browsingContext.navigate` (`wait: 'none'`, a load event never
 *   comes for them) and polled for `readyState`.
 * - Browser-window code (`chrome()`) runs through `script.callFunction` in the `moz:scope: chrome`
 *   context: Firefox's own `browserActionFor(ext).triggerAction(window)` is the toolbar click (the real
 *   popup, with activeTab), `sidebarActionFor(ext)` the sidebar, `extension.terminateBackground()` stops
 *   the background script. The popup and the sidebar are no BiDi contexts: their DOM is read through
 *   `browser.extension.getViews()` from a helper extension tab, and trusted clicks in them go through the
 *   `EventUtils` script Firefox ships, from the browser window.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEFAULT_CREDENTIALS, startSandbox, type SandboxHandle } from '../../sandbox/server.ts';
import { REPO_ROOT } from '../harness.ts';
import { startProxy, type ProxyHandle } from './proxy.ts';

export const GECKO_ID = 'backlink-lens@backlinklens.dev';
export const EXTENSION_UUID = '6b1e5a3c-4f2d-4c8e-9a71-2d3b5c7e9f10';
export const TEST_TIMEOUT = Number(process.env.E2E_TEST_TIMEOUT_MS || 60_000);

export function findFirefox(): string {
  return process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
}

export function defaultFirefoxExtensionDir(): string {
  return process.env.E2E_FIREFOX_EXTENSION_DIR
    ? resolve(process.env.E2E_FIREFOX_EXTENSION_DIR)
    : join(REPO_ROOT, process.env.WXT_OUT_DIR || '.output', 'firefox-mv3');
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitFor<T>(what: string, probe: () => Promise<T> | T, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
    await sleep(100);
  }
}

/** A popup or sidebar document, reached through `extension.getViews` from the helper tab. */
export interface View {
  /** Runs `(document, window) => …` (source text) against the view's DOM; its result must be serialisable. */
  evaluate<T>(fnSource: string): Promise<T>;
  text(): Promise<string>;
  /** A trusted click (user gesture) at the centre of the first element matching `selector`. */
  click(selector: string): Promise<void>;
}

export interface FirefoxWorld {
  browser: Browser;
  sandbox: SandboxHandle;
  proxy: ProxyHandle;
  profileDir: string;
  extensionDir: string;
  extUrl(path: string): string;
  /** An extension tab (options.html) kept open for messages and `getViews`. */
  helper(): Promise<Page>;
  /** A new tab at `url`, in front. */
  openSite(url: string): Promise<Page>;
  /** A new tab at moz-extension://UUID/<path>, loaded. */
  openExtensionPage(path: string): Promise<Page>;
  /** Runs `function (ctx) { … }` (source text) in the browser window; `ctx` = { ext, global, EventUtils }. */
  chrome<T>(body: string): Promise<T>;
  /** The toolbar click on the front tab; resolves when the popup's document is there. */
  openRealPopup(): Promise<View>;
  popupOpen(): Promise<boolean>;
  closePopup(): Promise<void>;
  sidebar(): View;
  sidebarOpen(): Promise<boolean>;
  sendMessage(msg: unknown): Promise<unknown>;
  /** Firefox's own state of the background script ('running', 'stopped', …). */
  backgroundState(): Promise<string>;
  /** With the native context menu open: picks `item` in the submenu `submenu` (a user gesture). */
  chooseContextMenuItem(submenu: string, item: string): Promise<void>;
  setCredentials(): Promise<void>;
  /** Stops the background script for real (Firefox's own terminateBackground). */
  terminateBackground(): Promise<void>;
  /** Closes Firefox and starts it again on the same profile, installing the add-on again. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

async function launchFirefox(profileDir: string, proxyPort: number): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    userDataDir: profileDir,
    args: ['--remote-allow-system-access'],
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.trr.mode': 5,
      'browser.shell.checkDefaultBrowser': false,
      // The extension's messages in English whatever the machine's locale (the specs read English).
      'intl.locale.requested': 'en-US',
    },
  });
}

export async function launchFirefoxWorld(opts: { extensionDir?: string } = {}): Promise<FirefoxWorld> {
  const extensionDir = opts.extensionDir ?? defaultFirefoxExtensionDir();
  const sandbox = await startSandbox({ port: 0, latencyMs: 0 });
  const proxy = await startProxy(sandbox.port);
  const profileDir = mkdtempSync(join(tmpdir(), 'lens-firefox-'));
  let browser!: Browser;
  let helperPage: Page | null = null;

  const start = async () => {
    browser = await launchFirefox(profileDir, proxy.port);
    const id = await browser.installExtension(extensionDir);
    if (id !== GECKO_ID) throw new Error(`the add-on installed as ${id}, expected ${GECKO_ID}`);
    // The helper tab is opened now, before any site tab, so that opening it never puts an extension page
    // in front in the middle of a test.
    helperPage = null;
    await helper();
  };
  const extUrl = (path: string) => `moz-extension://${EXTENSION_UUID}/${path.replace(/^\//, '')}`;
  const bidi = (method: string, params: unknown) => (browser as any).connection.send(method, params) as Promise<{ result: any }>;

  const openExtensionPage = async (path: string): Promise<Page> => {
    const page = await browser.newPage();
    const context = (page.mainFrame() as any)._id as string;
    await bidi('browsingContext.navigate', { context, url: extUrl(path), wait: 'none' });
    await waitFor(`${path} to load`, async () => {
      const s = await page.evaluate(() => [location.href, document.readyState] as const);
      return s[0].startsWith('moz-extension://') && s[1] === 'complete';
    });
    return page;
  };

  const helper = async (): Promise<Page> => {
    if (helperPage && !helperPage.isClosed()) return helperPage;
    helperPage = await openExtensionPage('options.html');
    return helperPage;
  };

  const chrome = async <T>(body: string): Promise<T> => {
    const tree = await bidi('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const context = tree.result.contexts[0].context as string;
    const fn = `async () => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const ext = WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension;
      const global = ExtensionParent.apiManager.global;
      if (!window.__lensEventUtils) {
        const scope = { window, document: window.document, parent: window, navigator: window.navigator, setTimeout: window.setTimeout.bind(window) };
        Services.scriptloader.loadSubScript('chrome://remote/content/external/EventUtils.js', scope);
        window.__lensEventUtils = scope;
      }
      const r = await (${body})({ ext, global, EventUtils: window.__lensEventUtils });
      return r === undefined ? null : JSON.stringify(r);
    }`;
    const res = await bidi('script.callFunction', { functionDeclaration: fn, target: { context }, awaitPromise: true });
    const out = res.result;
    if (out.type === 'exception') throw new Error(`browser window: ${out.exceptionDetails?.text}`);
    return out.result?.type === 'string' ? JSON.parse(out.result.value) : (null as T);
  };

  const viewEval = async <T>(type: 'popup' | 'sidebar', fnSource: string): Promise<T> => {
    const page = await helper();
    const r = await page.evaluate(`(() => {
      const v = browser.extension.getViews({ type: ${JSON.stringify(type)} })[0];
      if (!v || v.document.readyState !== 'complete') return { missing: true };
      return { value: (${fnSource})(v.document, v) };
    })()`);
    const got = r as { missing?: boolean; value?: T };
    if (got.missing) throw new Error(`no ${type} view`);
    return got.value as T;
  };

  const view = (type: 'popup' | 'sidebar'): View => ({
    evaluate: (src) => viewEval(type, src),
    text: () => viewEval<string>(type, '(d) => d.body.innerText'),
    async click(selector) {
      // The click is synthesized at a point; a layout change between measuring and clicking (a part loaded
      // after paint, the popup resizing) would land it elsewhere. So: measure until the element stops moving,
      // mark it, click, and check the element itself received the trusted click; a click that landed elsewhere
      // is measured and sent again (never a second click after one the element received).
      const sel = JSON.stringify(selector);
      const which = type === 'popup' ? `document.querySelector('.webextension-popup-browser')` : `document.getElementById('sidebar')`;
      let missed = '';
      for (let attempt = 0; attempt < 3; attempt++) {
        let rect: { x: number; y: number } | null = null;
        for (let i = 0; i < 20; i++) {
          const now = await viewEval<{ x: number; y: number } | null>(
            type,
            `(d) => { const el = d.querySelector(${sel}); if (!el) return null; const r = el.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; }`,
          );
          if (!now) throw new Error(`no ${selector} in the ${type}`);
          if (rect && rect.x === now.x && rect.y === now.y) break;
          rect = now;
          await sleep(50);
        }
        await viewEval(
          type,
          `(d, w) => { w.__lensClick = null; d.addEventListener('click', (e) => { const el = d.querySelector(${sel}); w.__lensClick = { reached: !!el && el.contains(e.target) && e.isTrusted, hit: e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 120) : String(e.target) }; }, { capture: true, once: true }); return true; }`,
        );
        await chrome(`({ EventUtils }) => {
          const target = ${which};
          if (!target) throw new Error('no ${type} browser element');
          EventUtils.synthesizeMouse(target, ${rect!.x}, ${rect!.y}, {}, window);
        }`);
        const got = await waitFor('the click to arrive', () =>
          viewEval<{ reached: boolean; hit: string } | null>(type, '(d, w) => w.__lensClick').catch(() => ({ reached: true, hit: '(view closed by the click)' })),
        2_000).catch(() => ({ reached: false, hit: '(no click event)' }));
        if (got.reached) return;
        missed = got.hit;
      }
      throw new Error(`three clicks at ${selector} in the ${type} did not reach it (last landed on ${missed})`);
    },
  });

  const sendMessage = async (msg: unknown) => {
    const page = await helper();
    return page.evaluate((m) => (globalThis as any).browser.runtime.sendMessage(m), msg as any);
  };

  try {
    await start();
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await proxy.close();
    await sandbox.close();
    rmSync(profileDir, { recursive: true, force: true });
    throw e;
  }

  const world: FirefoxWorld = {
    get browser() {
      return browser;
    },
    sandbox,
    proxy,
    profileDir,
    extensionDir,
    extUrl,
    helper,
    async openSite(url) {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.bringToFront();
      return page;
    },
    openExtensionPage,
    chrome,
    async openRealPopup() {
      await world.closePopup();
      await chrome(`({ ext, global }) => { global.browserActionFor(ext).triggerAction(window); }`);
      const popup = view('popup');
      await waitFor('the popup document', () => popup.evaluate<boolean>('(d) => !!d.body'));
      return popup;
    },
    async closePopup() {
      if (!(await world.popupOpen())) return;
      await viewEval('popup', '(d, win) => { win.close(); return true; }');
      await waitFor('the popup to close', async () => !(await world.popupOpen()));
    },
    popupOpen: () => viewEval<boolean>('popup', '() => true').catch(() => false),
    sidebar: () => view('sidebar'),
    sidebarOpen: () => viewEval<boolean>('sidebar', '() => true').catch(() => false),
    sendMessage,
    async setCredentials() {
      const reply = (await sendMessage({
        type: 'saveCredentials',
        credentials: { provider: 'dataforseo', login: DEFAULT_CREDENTIALS.login, password: DEFAULT_CREDENTIALS.password },
      })) as { ok?: boolean } | undefined;
      if (reply?.ok !== true) throw new Error(`saveCredentials was refused: ${JSON.stringify(reply)}`);
    },
    backgroundState: () => chrome<string>(`({ ext }) => String(ext.backgroundState)`),
    async chooseContextMenuItem(submenu, item) {
      const menu = `document.getElementById('contentAreaContextMenu')`;
      await waitFor('the context menu', () => chrome<boolean>(`() => ${menu}.state === 'open'`));
      await chrome(`() => {
        const sub = [...${menu}.querySelectorAll('menu')].find((m) => m.label === ${JSON.stringify(submenu)});
        if (!sub) throw new Error('no submenu ' + ${JSON.stringify(submenu)});
        sub.openMenu(true);
      }`);
      await waitFor('the submenu', () => chrome<boolean>(`() => [...${menu}.querySelectorAll('menu')].find((m) => m.label === ${JSON.stringify(submenu)})?.menupopup?.state === 'open'`));
      await chrome(`() => {
        const sub = [...${menu}.querySelectorAll('menu')].find((m) => m.label === ${JSON.stringify(submenu)});
        const it = [...sub.menupopup.querySelectorAll('menuitem')].find((m) => m.label === ${JSON.stringify(item)});
        if (!it) throw new Error('no menu item ' + ${JSON.stringify(item)});
        sub.menupopup.activateItem(it);
      }`);
    },
    async terminateBackground() {
      await chrome(`async ({ ext }) => { await ext.terminateBackground(); }`);
    },
    async restart() {
      await browser.close();
      await start();
    },
    async close() {
      await browser?.close().catch(() => undefined);
      await proxy.close().catch(() => undefined);
      await sandbox.close().catch(() => undefined);
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
  return world;
}
