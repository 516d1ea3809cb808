/**
 * `npm run store-assets`: the store listing images in docs/store/, taken from the production builds
 * against the local API sandbox (sample data, nothing leaves the machine), then framed:
 * - chrome-1-popup.png, chrome-2-sidepanel.png, chrome-3-options.png: Chrome Web Store, exactly 1280×800;
 * - chrome-promo-440x280.png: the Chrome Web Store small promo tile;
 * - firefox-1-popup.png, firefox-2-sidebar.png: addons.mozilla.org, 1280×800.
 * The real toolbar popup and side panel are captured in Chromium over CDP; in Firefox the popup and the
 * window (with the sidebar) are drawn with the browser's own drawSnapshot from the browser window.
 *
 * STORE_SKIP_BUILD=1 reuses the last builds (.output/chrome-mv3, .output/firefox-mv3).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { catalog } from '../../lib/messages/catalog.ts';
import { join } from 'node:path';
import { launchFirefoxWorld } from './firefox/harness.ts';
import { launchWorld, makeRealPopup, REPO_ROOT, TargetChannel } from './harness.ts';
import { waitFor } from './journeys/browser.ts';

const OUT = join(REPO_ROOT, 'docs', 'store');
const SITE = 'https://www.example-shop.com/';
const outDir = join(REPO_ROOT, process.env.WXT_OUT_DIR || '.output');
const png = (b: Buffer) => `data:image/png;base64,${b.toString('base64')}`;

function build(args: string[]): void {
  if (process.env.STORE_SKIP_BUILD === '1') return;
  const r = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'wxt'), ['build', ...args], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`wxt build ${args.join(' ')} failed`);
}

/** The popup has its figures and anchors and is no longer loading (DOM source run in the popup). */
const POPUP_READY = `(d) => !!d.querySelector('[data-testid=rank] .num') && d.querySelectorAll('[data-testid=anchor-row]').length > 0 && !d.querySelector('[data-testid=loading], [aria-busy=true]')`;
const PANEL_READY = `(d) => /\\d/.test(d.querySelector('[data-testid=total]')?.textContent ?? '') && d.querySelectorAll('[data-testid=row]').length > 0 && !d.querySelector('[aria-busy=true]')`;

interface Shots {
  chromeSite: Buffer;
  chromePopup: Buffer;
  chromePanel: Buffer;
  chromeOptions: Buffer;
  firefoxSite: Buffer;
  firefoxWindow: Buffer;
  firefoxPopup: Buffer;
}

async function firefoxShots(): Promise<Pick<Shots, 'firefoxSite' | 'firefoxWindow' | 'firefoxPopup'>> {
  const w = await launchFirefoxWorld({ extensionDir: join(outDir, 'firefox-mv3') });
  const snap = async (element: string) => {
    const url = await w.chrome<string>(`async () => {
      const el = ${element};
      const bmp = await el.browsingContext.currentWindowGlobal.drawSnapshot(null, 1, 'white');
      const c = document.createElementNS('http://www.w3.org/1999/xhtml', 'canvas');
      c.width = bmp.width;
      c.height = bmp.height;
      c.getContext('2d').drawImage(bmp, 0, 0);
      return c.toDataURL('image/png');
    }`);
    return Buffer.from(url.split(',')[1]!, 'base64');
  };
  try {
    await w.setCredentials();
    await w.openSite(SITE);
    const popup = await w.openRealPopup();
    await waitFor('the Firefox popup to settle', () => popup.evaluate<boolean>(POPUP_READY));
    const firefoxPopup = await snap(`document.querySelector('.webextension-popup-browser')`);
    const firefoxSite = await snap(`window`);
    await popup.click('[data-testid=open-panel]');
    await waitFor('the Firefox sidebar', () => w.sidebar().evaluate<boolean>(PANEL_READY));
    const firefoxWindow = await snap(`window`);
    return { firefoxSite, firefoxWindow, firefoxPopup };
  } finally {
    await w.close();
  }
}

/** The Chromium shots; `lang`: Chromium's UI language (and so the extension's), English when not given. */
async function chromiumShots(lang?: string): Promise<Omit<Shots, 'firefoxSite' | 'firefoxWindow' | 'firefoxPopup'> & { texts: string }> {
  const world = await launchWorld({ extensionDir: join(outDir, 'chrome-mv3'), viewport: { width: 1280, height: 800 }, ...(lang ? { lang } : {}) });
  try {
    await world.setCredentials();
    const site = await world.openSite(SITE);
    await site.setViewportSize({ width: 960, height: 600 });
    const chromeSite = await site.screenshot();
    await site.setViewportSize({ width: 1280, height: 800 });
    const popup = await world.openRealPopup(site);
    await waitFor('the popup to settle', () => popup.evaluate<boolean>(`(${POPUP_READY})(document)`));
    const tmp = join(outDir, 'store-tmp');
    await popup.screenshot(join(tmp, 'popup.png'));
    const chromePopup = readFileSync(join(tmp, 'popup.png'));
    const texts = [await popup.evaluate<string>('document.body.innerText')];
    // The popup's Backlinks button opens the real side panel; it is read and captured over CDP.
    await popup.click('[data-testid=open-panel]');
    const session = await world.ctx.browser()!.newBrowserCDPSession();
    const panelUrl = world.extUrl('sidepanel.html');
    const target = await waitFor('the side panel', async () =>
      (await session.send('Target.getTargets')).targetInfos.find((t) => t.url.startsWith(panelUrl)),
    );
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    const panel = makeRealPopup(session, new TargetChannel(session, sessionId), target.targetId);
    await waitFor('the side panel to settle', () => panel.evaluate<boolean>(`(${PANEL_READY})(document)`));
    await panel.screenshot(join(tmp, 'panel.png'));
    const chromePanel = readFileSync(join(tmp, 'panel.png'));
    texts.push(await panel.evaluate<string>('document.body.innerText'));
    const options = await world.openExtensionPage('options.html');
    await options.waitForSelector('[data-testid=save-credentials]');
    await options.setViewportSize({ width: 900, height: 740 });
    await options.waitForLoadState('networkidle');
    const chromeOptions = await options.screenshot();
    texts.push(await options.evaluate(() => document.body.innerText));
    return { chromeSite, chromePopup, chromePanel, chromeOptions, texts: texts.join('\n') };
  } finally {
    await world.close();
  }
}

/**
 * The popup, the side panel and the options page with Chromium's UI in German (--lang=de), unframed:
 * popup-de.png, sidepanel-de.png, options-de.png. Each page is checked to show the German catalog's text.
 */
async function germanShots(): Promise<string[]> {
  const de = catalog('de');
  const shots = await chromiumShots('de');
  const written: string[] = [];
  for (const [name, buf] of [['popup-de.png', shots.chromePopup], ['sidepanel-de.png', shots.chromePanel], ['options-de.png', shots.chromeOptions]] as const) {
    const path = join(OUT, name);
    writeFileSync(path, buf);
    written.push(path);
  }
  for (const key of ['popupSettings', 'panelTabBacklinks', 'optionsCredentialsTitle']) {
    if (!shots.texts.includes(de[key]!.message)) throw new Error(`not in German: ${key} (${de[key]!.message}) was not seen`);
  }
  return written;
}

const ICON = png(readFileSync(join(REPO_ROOT, 'public', 'icon', '128.png')));
const BASE_CSS = `*{box-sizing:border-box;margin:0}body{font:16px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;overflow:hidden}
.bg{position:absolute;inset:0;background:linear-gradient(135deg,#eef2ff 0%,#e0f2fe 100%)}
.cap{position:absolute;left:56px;top:64px;width:330px}.cap img{width:56px;height:56px;image-rendering:pixelated}
.cap h1{font-size:34px;line-height:1.15;margin:20px 0 14px;font-weight:700}.cap p{font-size:18px;color:#334155}
.frame{position:absolute;border-radius:10px;overflow:hidden;box-shadow:0 18px 50px rgba(15,23,42,.28);background:#fff}
.frame img{display:block}.shot{position:absolute;border-radius:8px;box-shadow:0 12px 36px rgba(15,23,42,.35);border:1px solid #cbd5e1;background:#fff}`;

function slide(caption: { title: string; text: string }, body: string): string {
  return `<!doctype html><html><head><style>${BASE_CSS}</style></head><body><div class="bg"></div>
  <div class="cap"><img src="${ICON}" alt=""><h1>${caption.title}</h1><p>${caption.text}</p></div>${body}</body></html>`;
}

async function compose(shots: Shots): Promise<string[]> {
  const world = await launchWorld({ extensionDir: join(outDir, 'chrome-mv3'), viewport: { width: 1280, height: 800 }, firstRunWaitMs: 0 });
  const written: string[] = [];
  try {
    const page = await world.ctx.newPage();
    const render = async (name: string, html: string, size = { width: 1280, height: 800 }) => {
      await page.setViewportSize(size);
      await page.setContent(html, { waitUntil: 'load' });
      const path = join(OUT, name);
      await page.screenshot({ path });
      written.push(path);
    };
    // The site at 62.5 % in a frame on the right, the real popup over its top right corner.
    const siteFrame = (site: Buffer, w: number, h: number, crop = '') =>
      `<div class="frame" style="left:420px;top:80px;width:${w}px;height:${h}px"><img src="${png(site)}" style="width:${w}px;${crop}"></div>`;
    await render(
      'chrome-1-popup.png',
      slide(
        { title: 'Any site’s backlinks, one click away', text: 'Rank, backlinks, referring domains and top anchors of the site you are on, from the DataForSEO Backlinks API with your own account.' },
        siteFrame(shots.chromeSite, 800, 500) + `<img class="shot" src="${png(shots.chromePopup)}" style="right:48px;top:120px;width:400px">`,
      ),
    );
    await render(
      'chrome-2-sidepanel.png',
      slide(
        { title: 'Every backlink in the side panel', text: 'Sort, filter (dofollow, new, lost, broken), page through and export to CSV. Every request shows its price first.' },
        siteFrame(shots.chromeSite, 800, 500) + `<img class="shot" src="${png(shots.chromePanel)}" style="right:48px;top:40px;height:720px">`,
      ),
    );
    await render(
      'chrome-3-options.png',
      slide(
        { title: 'Your credentials, your budget', text: 'Credentials stay in your browser and go only to the API you chose. Set a daily budget and see what every check cost.' },
        `<div class="frame" style="left:420px;top:60px;width:820px;height:674px"><img src="${png(shots.chromeOptions)}" style="width:820px"></div>`,
      ),
    );
    // Firefox: the window with the sidebar (the 800×600 page plus the sidebar, 1056×686 of the window).
    // A region of a Firefox window snapshot (its tab strip and toolbar, 88 px, left out), scaled into a frame.
    const region = (img: Buffer, r: { w: number; h: number }, scale: number, left: number, top: number) =>
      `<div class="frame" style="left:${left}px;top:${top}px;width:${Math.round(r.w * scale)}px;height:${Math.round(r.h * scale)}px">` +
      `<div style="width:${r.w}px;height:${r.h}px;overflow:hidden;transform:scale(${scale});transform-origin:0 0"><img src="${png(img)}" style="margin-top:-88px"></div></div>`;
    const ffWindow = region(shots.firefoxWindow, { w: 1056, h: 598 }, 820 / 1056, 420, 150);
    await render(
      'firefox-1-popup.png',
      slide(
        { title: 'Any site’s backlinks, one click away', text: 'Rank, backlinks, referring domains and top anchors of the site you are on, from the DataForSEO Backlinks API with your own account.' },
        region(shots.firefoxSite, { w: 800, h: 598 }, 1, 420, 80) + `<img class="shot" src="${png(shots.firefoxPopup)}" style="right:48px;top:120px;width:400px">`,
      ),
    );
    await render(
      'firefox-2-sidebar.png',
      slide({ title: 'Every backlink in the sidebar', text: 'Sort, filter, page through and export to CSV, next to the page you are reading. Every request shows its price first.' }, ffWindow),
    );
    await render(
      'chrome-promo-440x280.png',
      `<!doctype html><html><head><style>${BASE_CSS}
      .tile{position:absolute;inset:0;background:linear-gradient(135deg,#1d4ed8,#0ea5e9);color:#fff;padding:34px 32px}
      .tile img{width:64px;height:64px;image-rendering:pixelated;background:#fff;border-radius:14px;padding:6px}
      .tile h1{font-size:34px;margin:18px 0 6px}.tile p{font-size:17px;opacity:.95}</style></head><body>
      <div class="tile"><img src="${ICON}" alt=""><h1>Backlink Lens</h1><p>Any website’s backlink profile, with your own DataForSEO account.</p></div></body></html>`,
      { width: 440, height: 280 },
    );
  } finally {
    await world.close();
  }
  return written;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  build([]);
  build(['-b', 'firefox', '--mv3']);
  const ff = await firefoxShots();
  const ch = await chromiumShots();
  const written = [...(await compose({ ...ch, ...ff })), ...(await germanShots())];
  for (const p of written) console.log(`store-assets: ${p.slice(REPO_ROOT.length + 1)}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error('store-assets failed:', e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
