/**
 * Real-browser test harness: the production build of the extension in Debian's Chromium (new headless),
 * every hostname resolved to the in-process API sandbox, so the extension talks to
 * `https://api.dataforseo.com` unchanged and sites open at real-looking addresses.
 *
 * How the tricky parts work (all verified on Chromium 156 + playwright-core 1.65):
 * - Host mapping: `--host-resolver-rules="MAP * 127.0.0.1:PORT, EXCLUDE localhost"` sends every name to the
 *   sandbox, which speaks HTTP and HTTPS on one port; `--ignore-certificate-errors` accepts its self-signed
 *   certificate, also inside the service worker (Playwright's `ignoreHTTPSErrors` would not).
 * - Helper page: messages to the worker are sent from a real extension page (`options.html`), because the
 *   worker answers only its own pages. The first-run welcome tab (`options.html?welcome=1`) is reused when
 *   it opens; it is an inactive tab of the same window once a site is brought to front.
 * - `openRealPopup`: CDP `Extensions.triggerAction({id, targetId})` on the site's *tab* target (found by
 *   briefly giving the site a unique title) acts like a click on the toolbar icon and grants activeTab.
 *   The popup target is not a Playwright page; it is driven through the browser CDP session with
 *   `Target.attachToTarget({flatten: false})` + `Target.sendMessageToTarget` (Runtime.evaluate,
 *   Input.dispatchMouseEvent, Page.captureScreenshot).
 * - `restartWorker`: `ServiceWorker.stopWorker({versionId})` (CDP, from the helper page's session) really
 *   stops the MV3 worker: its status goes running → stopped and a global set before is gone afterwards.
 *   It is woken the way Chrome does it in use — by a message to a registered `runtime.onMessage`
 *   listener — or with `ServiceWorker.startWorker` when the worker has no listener. The DevTools target
 *   (and so the Playwright `Worker` object) survives the restart; only its JS realm is new.
 *   (`Target.closeTarget` on the worker target and `ServiceWorker.stopAllWorkers` stop it too.)
 */
import './english.ts';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync, accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import {
  DEFAULT_AISA_KEY,
  DEFAULT_CREDENTIALS,
  startSandbox,
  type SandboxHandle,
  type SandboxOptions,
} from '../sandbox/server.ts';

export type { SandboxHandle };

/** The slice of the extension API used by code this harness runs inside extension pages and the worker. */
declare const chrome: {
  runtime: { sendMessage(m: unknown): Promise<unknown>; onMessage: { hasListeners(): boolean } };
  tabs: {
    create(p: { url: string; active?: boolean }): Promise<unknown>;
    getCurrent(): Promise<{ id?: number } | undefined>;
    query(q: { active?: boolean; currentWindow?: boolean }): Promise<Array<{ id?: number; url?: string }>>;
  };
};
export type { Page } from 'playwright-core';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'tests', 'e2e', 'screenshots');

/**
 * Per-test timeout for specs: `test('…', { timeout: TEST_TIMEOUT }, async () => …)`. Node 20's
 * `--test-timeout` (set by run.mjs) bounds a whole spec file, not each test.
 */
export const TEST_TIMEOUT = Number(process.env.E2E_TEST_TIMEOUT_MS || 60_000);

export interface LaunchOptions {
  latencyMs?: number;
  colorScheme?: 'light' | 'dark';
  /** Unpacked extension to load; default `$E2E_EXTENSION_DIR` or `.output/chrome-mv3`. */
  extensionDir?: string;
  /** Default true. Headed needs a display (`$DISPLAY`). */
  headless?: boolean;
  /** Page viewport; default 1280×720. `null` lets the window decide (headed). */
  viewport?: { width: number; height: number } | null;
  /** How long to wait for the first-run welcome tab before going on without it (ms, default 3000). */
  firstRunWaitMs?: number;
  /** Sandbox options beyond port and latency (e.g. `bulkFigures: 'fast'` for lists of thousands of sites). */
  sandboxOptions?: Pick<SandboxOptions, 'bulkFigures'>;
  /** Profile to use (and keep on close), e.g. to start the browser again on it; default a new temporary one. */
  profileDir?: string;
  /** A sandbox already started (left running on close); default a new one. */
  sandbox?: SandboxHandle;
  /** UI language of the browser (and so of the extension's messages), e.g. 'de'; default 'en-US' whatever the machine's locale. */
  lang?: string;
  /** More unpacked extensions to load beside ours (the benchmark's reference extensions). */
  extraExtensionDirs?: string[];
}

export interface RealPopup {
  targetId: string;
  evaluate<T>(fn: string | (() => T)): Promise<T>;
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<void>;
  click(selector: string): Promise<void>;
  /** document.body.innerText */
  text(): Promise<string>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export interface World {
  ctx: BrowserContext;
  extensionId: string;
  /** In-process sandbox, already started. */
  sandbox: SandboxHandle;
  extensionDir: string;
  /** Uncaught errors of any page in the browser (extension pages included), as "url: message". */
  pageErrors: string[];
  /** chrome-extension://ID/<path> */
  extUrl(path: string): string;
  /** The extension's service worker (the same object survives `restartWorker`). */
  worker(): Worker;
  /** Opens a site tab (served by the sandbox through the host mapping) and brings it to front. */
  openSite(url: string): Promise<Page>;
  /**
   * Opens popup.html / sidepanel.html / options.html (+query) as a page. With `behindSite`, the page is
   * created with `chrome.tabs.create({url, active: false})` so that the site tab stays the active tab.
   */
  openExtensionPage(path: string, opts?: { behindSite?: Page }): Promise<Page>;
  // (`path` may also be a whole chrome-extension:// URL of another loaded extension.)
  /** The real toolbar popup for the site's tab (grants activeTab); of another loaded extension with `extensionId`. */
  openRealPopup(site: Page, opts?: { extensionId?: string }): Promise<RealPopup>;
  /** Saves credentials through the protocol (`saveCredentials`); default: dataforseo + the sandbox's demo account. */
  setCredentials(c?: { provider?: 'dataforseo' | 'sandbox' | 'aisa'; login?: string; password?: string; key?: string }): Promise<void>;
  /** runtime.sendMessage from an extension page; returns the reply. */
  sendMessage(msg: unknown): Promise<unknown>;
  /** Stops the MV3 worker for real and waits until it is stopped (the next event wakes it). */
  stopWorker(): Promise<void>;
  /** Stops the worker, wakes a new one and waits until it can answer. */
  restartWorker(): Promise<void>;
  /** Whether the worker is running now (per the ServiceWorker CDP domain). */
  workerRunning(): Promise<boolean>;
  /** Saves tests/e2e/screenshots/<name>.png and returns its path. */
  screenshot(page: Page | RealPopup, name: string): Promise<string>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitUntil<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | null | false>, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await sleep(everyMs);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

/** `$CHROMIUM_PATH`, else the first chromium on the PATH, else /usr/bin/chromium. */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const p = join(dir, name);
      try {
        accessSync(p, constants.X_OK);
        return p;
      } catch {
        /* next */
      }
    }
  }
  return '/usr/bin/chromium';
}

export function defaultExtensionDir(): string {
  return process.env.E2E_EXTENSION_DIR ? resolve(process.env.E2E_EXTENSION_DIR) : join(REPO_ROOT, '.output', 'chrome-mv3');
}

export function chromiumArgs(extensionDir: string, sandboxPort: number, extraExtensionDirs: string[] = []): string[] {
  const dirs = [extensionDir, ...extraExtensionDirs].join(',');
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    `--disable-extensions-except=${dirs}`,
    `--load-extension=${dirs}`,
    '--ignore-certificate-errors',
    `--host-resolver-rules=MAP * 127.0.0.1:${sandboxPort}, EXCLUDE localhost`,
  ];
}

/** A page target attached in non-flat mode through the browser session: commands go through Target.sendMessageToTarget. */
export class TargetChannel {
  private nextId = 0;
  private pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void; method: string }>();
  private closed = false;
  private readonly onMessage = (ev: { sessionId: string; message: string }) => {
    if (ev.sessionId !== this.sessionId) return;
    let m: { id?: number; result?: unknown; error?: { message: string } };
    try {
      m = JSON.parse(ev.message);
    } catch {
      return;
    }
    if (m.id === undefined) return;
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.error) p.reject(new Error(`${p.method}: ${m.error.message}`));
    else p.resolve(m.result);
  };
  private readonly onDetached = (ev: { sessionId: string }) => {
    if (ev.sessionId !== this.sessionId) return;
    this.dispose('the popup closed');
  };

  constructor(
    private readonly browserSession: CDPSession,
    readonly sessionId: string,
  ) {
    browserSession.on('Target.receivedMessageFromTarget', this.onMessage);
    browserSession.on('Target.detachedFromTarget', this.onDetached);
  }

  send<T = any>(method: string, params: Record<string, unknown> = {}, timeoutMs = 15_000): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`${method}: the popup is closed`));
    const id = ++this.nextId;
    const p = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.browserSession
        .send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) })
        .catch((e: Error) => {
          this.pending.delete(id);
          reject(e);
        });
    });
    return withTimeout(p, timeoutMs, method).finally(() => this.pending.delete(id));
  }

  dispose(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.browserSession.off('Target.receivedMessageFromTarget', this.onMessage);
    this.browserSession.off('Target.detachedFromTarget', this.onDetached);
    for (const p of this.pending.values()) p.reject(new Error(`${p.method}: ${reason}`));
    this.pending.clear();
  }
}

function toExpression(fn: string | ((...a: never[]) => unknown)): string {
  return typeof fn === 'string' ? fn : `(${fn.toString()})()`;
}

async function evaluateIn<T>(ch: TargetChannel, fn: string | (() => T)): Promise<T> {
  const r = await ch.send<{ result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
    'Runtime.evaluate',
    { expression: toExpression(fn), awaitPromise: true, returnByValue: true, userGesture: false },
  );
  if (r.exceptionDetails) {
    throw new Error(`popup evaluate: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
  }
  return r.result.value as T;
}

export function makeRealPopup(browserSession: CDPSession, ch: TargetChannel, targetId: string): RealPopup {
  const text = () => evaluateIn<string>(ch, () => document.body?.innerText ?? '');
  return {
    targetId,
    evaluate: <T>(fn: string | (() => T)) => evaluateIn<T>(ch, fn),
    text,
    async waitForText(wanted, timeoutMs = 10_000) {
      let last = '';
      try {
        await waitUntil(`popup text ${String(wanted)}`, timeoutMs, async () => {
          last = await text();
          return typeof wanted === 'string' ? last.includes(wanted) : wanted.test(last);
        }, 100);
      } catch (e) {
        throw new Error(`${(e as Error).message}\n--- popup text ---\n${last}`);
      }
    },
    async click(selector) {
      const expr = `(() => {
        const el = document.querySelector(${JSON.stringify(selector)});
        if (!el) return null;
        el.scrollIntoView({ block: 'center', inline: 'center' });
        const r = el.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height };
      })()`;
      const box = await waitUntil(`popup element ${selector}`, 5_000, () => evaluateIn<{ x: number; y: number; w: number; h: number } | null>(ch, expr), 100);
      if (box.w === 0 || box.h === 0) throw new Error(`popup element ${selector} is not visible`);
      await ch.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: box.x, y: box.y, button: 'none' });
      await ch.send('Input.dispatchMouseEvent', { type: 'mousePressed', x: box.x, y: box.y, button: 'left', clickCount: 1 });
      await ch.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: box.x, y: box.y, button: 'left', clickCount: 1 });
    },
    async screenshot(path) {
      const r = await ch.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, Buffer.from(r.data, 'base64'));
    },
    async close() {
      ch.dispose('closed by the test');
      await browserSession.send('Target.closeTarget', { targetId }).catch(() => undefined);
    },
  };
}

function isRealPopup(x: Page | RealPopup): x is RealPopup {
  return typeof (x as Page).goto !== 'function';
}

interface SwVersion {
  versionId: string;
  scriptURL: string;
  runningStatus: string;
  status: string;
}

export async function launchWorld(opts: LaunchOptions = {}): Promise<World> {
  const extensionDir = resolve(opts.extensionDir ?? defaultExtensionDir());
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir} (run \`npm run build\` first)`);
  }
  const sandbox = opts.sandbox ?? (await startSandbox({ ...opts.sandboxOptions, port: 0, latencyMs: opts.latencyMs ?? 0 }));
  const ownSandbox = !opts.sandbox;
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'backlink-lens-e2e-'));
  const ownProfile = !opts.profileDir;
  const lang = opts.lang ?? 'en-US';
  let ctx: BrowserContext;
  try {
    ctx = await chromium.launchPersistentContext(profileDir, {
      executablePath: findChromium(),
      headless: opts.headless ?? true,
      colorScheme: opts.colorScheme ?? 'light',
      viewport: opts.viewport === undefined ? { width: 1280, height: 720 } : opts.viewport,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [...chromiumArgs(extensionDir, sandbox.port, (opts.extraExtensionDirs ?? []).map((d) => resolve(d))), `--lang=${lang}`],
      locale: lang,
      env: { ...process.env, LANGUAGE: lang },
    });
  } catch (e) {
    if (ownSandbox) await sandbox.close();
    if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
    throw e;
  }

  const pageErrors: string[] = [];
  const watch = (p: Page) => p.on('pageerror', (err) => pageErrors.push(`${p.url()}: ${err.message}`));
  ctx.pages().forEach(watch);
  ctx.on('page', watch);

  // Ours is the worker WXT names background.js (other loaded extensions name theirs otherwise).
  const ours = (w: { url(): string }) => w.url().startsWith('chrome-extension://') && w.url().endsWith('/background.js');
  const sw = ctx.serviceWorkers().find(ours) ?? (await ctx.waitForEvent('serviceworker', { predicate: ours, timeout: 15_000 }));
  const extensionId = new URL(sw.url()).host;
  const base = `chrome-extension://${extensionId}/`;
  const extUrl = (path: string) => base + path.replace(/^\/+/, '');
  const worker = () => ctx.serviceWorkers().find((w) => w.url().startsWith(base)) ?? sw;

  // The first-run welcome tab opens on install; wait for it so that it cannot steal the active tab later.
  const isOptionsPage = (p: Page) => p.url().startsWith(extUrl('options.html'));
  let helper: Page | undefined = await waitUntil('the first-run page', opts.firstRunWaitMs ?? 3000, async () =>
    ctx.pages().find(isOptionsPage),
  ).catch(() => undefined);
  if (helper) {
    await helper.waitForLoadState('domcontentloaded');
  } else {
    helper = ctx.pages().find((p) => p.url() === 'about:blank') ?? (await ctx.newPage());
    await helper.goto(extUrl('options.html'));
  }

  let helperPage: Page = helper;
  async function ensureHelper(): Promise<Page> {
    if (!helperPage.isClosed()) return helperPage;
    helperPage = await ctx.newPage();
    await helperPage.goto(extUrl('options.html'));
    return helperPage;
  }

  const browserSession = await ctx.browser()!.newBrowserCDPSession();
  const popups: RealPopup[] = [];

  // ServiceWorker domain on the helper page: versions and their running status.
  let swSession: CDPSession | undefined;
  let swSessionPage: Page | undefined;
  const versions = new Map<string, SwVersion>();
  async function swControl(): Promise<CDPSession> {
    const page = await ensureHelper();
    if (swSession && swSessionPage === page) return swSession;
    swSession = await ctx.newCDPSession(page);
    swSessionPage = page;
    swSession.on('ServiceWorker.workerVersionUpdated', (ev: { versions: SwVersion[] }) => {
      for (const v of ev.versions) if (v.scriptURL.startsWith(base)) versions.set(v.versionId, v);
    });
    await swSession.send('ServiceWorker.enable');
    await waitUntil('service worker versions', 5_000, async () => versions.size > 0);
    return swSession;
  }
  const activeVersion = () => [...versions.values()].find((v) => v.status === 'activated') ?? [...versions.values()].at(-1);
  const runningStatus = () => activeVersion()?.runningStatus;

  async function sendMessage(msg: unknown): Promise<unknown> {
    const page = await ensureHelper();
    return page.evaluate((m) => chrome.runtime.sendMessage(m), msg as never);
  }

  async function stopWorker(): Promise<void> {
    const s = await swControl();
    const v = activeVersion();
    if (!v) throw new Error('No service worker version of the extension');
    if (v.runningStatus === 'stopped') return;
    await s.send('ServiceWorker.stopWorker', { versionId: v.versionId });
    await waitUntil('the worker to stop', 10_000, async () => runningStatus() === 'stopped');
  }

  const world: World = {
    ctx,
    extensionId,
    sandbox,
    extensionDir,
    pageErrors,
    extUrl,
    worker,

    async openSite(url) {
      const page = await ctx.newPage();
      await page.goto(url);
      await page.bringToFront();
      return page;
    },

    async openExtensionPage(path, o) {
      const url = path.startsWith('chrome-extension://') ? path : extUrl(path);
      if (!o?.behindSite) {
        const page = await ctx.newPage();
        await page.goto(url);
        await page.bringToFront();
        return page;
      }
      const site = o.behindSite;
      await site.bringToFront();
      const h = await ensureHelper();
      const before = new Set(ctx.pages());
      await h.evaluate((u) => chrome.tabs.create({ url: u, active: false }).then(() => undefined), url);
      const page = await waitUntil(`the page ${path} behind the site`, 10_000, async () =>
        ctx.pages().find((p) => !before.has(p) && p.url() === url),
      );
      await page.waitForLoadState('domcontentloaded');
      // The page must not be the active tab of its window: the site is.
      const selfActive = await page.evaluate(async () => {
        const me = await chrome.tabs.getCurrent();
        const [active] = await chrome.tabs.query({ active: true, currentWindow: true });
        return !!me && !!active && me.id === active.id;
      });
      if (selfActive) throw new Error(`openExtensionPage(${path}, behindSite): the extension page became the active tab`);
      return page;
    },

    async openRealPopup(site, popupOpts) {
      const id = popupOpts?.extensionId ?? extensionId;
      const popupBase = `chrome-extension://${id}/`;
      await site.bringToFront();
      // Find the site's tab target: give it a unique title for a moment.
      const mark = `e2e-tab-${randomUUID()}`;
      const oldTitle = await site.evaluate((m) => {
        const t = document.title;
        document.title = m;
        return t;
      }, mark);
      let tabTargetId: string;
      try {
        tabTargetId = await waitUntil('the site tab target', 5_000, async () => {
          const { targetInfos } = await browserSession.send('Target.getTargets', { filter: [{ type: 'tab' }] });
          return targetInfos.find((t) => t.title === mark)?.targetId;
        });
      } finally {
        await site.evaluate((t) => {
          document.title = t;
        }, oldTitle);
      }
      const before = new Set((await browserSession.send('Target.getTargets')).targetInfos.map((t) => t.targetId));
      await browserSession.send('Extensions.triggerAction' as never, { id, targetId: tabTargetId } as never);
      const target = await waitUntil('the popup target', 10_000, async () => {
        const { targetInfos } = await browserSession.send('Target.getTargets');
        return targetInfos.find((t) => !before.has(t.targetId) && t.type === 'page' && t.url.startsWith(popupBase));
      });
      const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
      const ch = new TargetChannel(browserSession, sessionId);
      const popup = makeRealPopup(browserSession, ch, target.targetId);
      await waitUntil('the popup document', 10_000, () => popup.evaluate<boolean>(() => document.readyState === 'complete'), 50);
      popups.push(popup);
      return popup;
    },

    async setCredentials(c = {}) {
      const provider = c.provider ?? 'dataforseo';
      const credentials =
        provider === 'aisa'
          ? { provider, key: c.key ?? DEFAULT_AISA_KEY }
          : { provider, login: c.login ?? DEFAULT_CREDENTIALS.login, password: c.password ?? DEFAULT_CREDENTIALS.password };
      const reply = (await sendMessage({ type: 'saveCredentials', credentials })) as { ok?: boolean; error?: unknown } | undefined;
      if (!reply || reply.ok !== true) {
        throw new Error(`saveCredentials was refused: ${JSON.stringify(reply)}`);
      }
    },

    sendMessage,
    stopWorker,

    async workerRunning() {
      await swControl();
      return runningStatus() === 'running';
    },

    async restartWorker() {
      const w = worker();
      const s = await swControl();
      const marker = `e2e-${randomUUID()}`;
      if (runningStatus() !== 'running') {
        await s.send('ServiceWorker.startWorker', { scopeURL: base });
        await waitUntil('the worker to run', 10_000, async () => runningStatus() === 'running');
      }
      await withTimeout(w.evaluate((m) => {
        (globalThis as Record<string, unknown>).__e2eMarker = m;
      }, marker), 5_000, 'mark the worker');
      const hasListener = await withTimeout(w.evaluate(() => chrome.runtime.onMessage.hasListeners()), 5_000, 'worker listeners');

      await stopWorker();

      if (hasListener) {
        // Wake it as Chrome does in use: an event for a registered listener.
        await waitUntil('the new worker to answer', 15_000, async () => {
          const r = await sendMessage({ type: 'getSettings' }).catch(() => undefined);
          return r !== undefined && r !== null;
        }, 100);
      } else {
        await s.send('ServiceWorker.startWorker', { scopeURL: base });
      }
      await waitUntil('the worker to run', 10_000, async () => runningStatus() === 'running');
      const seen = await waitUntil('the new worker realm', 10_000, async () => {
        const v = await withTimeout(w.evaluate(() => String((globalThis as Record<string, unknown>).__e2eMarker)), 2_000, 'read marker');
        return { v };
      });
      if (seen.v === marker) throw new Error('restartWorker: the worker kept its state; it was not restarted');
    },

    async screenshot(target, name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      if (isRealPopup(target)) await target.screenshot(path);
      else await target.screenshot({ path });
      return path;
    },

    async close() {
      for (const p of popups) await p.close().catch(() => undefined);
      await ctx.close().catch(() => undefined);
      if (ownSandbox) await sandbox.close().catch(() => undefined);
      if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
  return world;
}
