/**
 * `npm run demo`: the production build in Chromium against the local API sandbox, with the sandbox's demo
 * account saved as DataForSEO credentials, so every check shows sample data and nothing leaves the machine.
 *
 * - With a display ($DISPLAY): a headed browser with https://www.example-shop.com/ open; stays until Ctrl-C.
 * - Without one: headless; opens the popup on a site, the side panel page and the options page, saves
 *   screenshots to demo-screenshots/ and exits.
 *
 * DEMO_SKIP_BUILD=1 reuses the last build; WXT_OUT_DIR builds elsewhere than .output; DEMO_HEADLESS=1
 * forces headless; DEMO_COLOR_SCHEME=dark for dark screenshots.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { launchWorld, REPO_ROOT, type Page, type RealPopup, type World } from './harness.ts';

const LATENCY_MS = 250;
const SITE = 'https://www.example-shop.com/';
const OUT_DIR = join(REPO_ROOT, 'demo-screenshots');

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function build(): string {
  const outDir = resolve(REPO_ROOT, process.env.WXT_OUT_DIR || '.output');
  if (process.env.DEMO_SKIP_BUILD !== '1') {
    console.log('== demo: building the extension (wxt build)');
    const r = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'wxt'), ['build'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (r.error) throw r.error;
    if (r.status !== 0) {
      console.error('demo: the build failed');
      process.exit(r.status ?? 1);
    }
  }
  return join(outDir, 'chrome-mv3');
}

/** Waits until the page's text has stopped changing for a while (data arrived and rendered), at most maxMs. */
async function settle(readText: () => Promise<string>, maxMs = 15_000, quietMs = 900): Promise<void> {
  const end = Date.now() + maxMs;
  let last = await readText().catch(() => '');
  let since = Date.now();
  while (Date.now() < end) {
    await sleep(150);
    const now = await readText().catch(() => last);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return;
    }
  }
}

async function shoot(target: Page | RealPopup, name: string): Promise<string> {
  const path = join(OUT_DIR, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path, fullPage: true });
  else await target.screenshot(path);
  return path;
}

async function headless(world: World): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const t0 = Date.now();
  const step = (what: string) => console.log(`== demo: ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const shots: string[] = [];

  const site = await world.openSite(SITE);
  const popup = await world.openRealPopup(site);
  await settle(() => popup.text());
  shots.push(await shoot(popup, 'popup'));
  step('popup');
  await popup.close();

  const panel = await world.openExtensionPage('sidepanel.html', { behindSite: site });
  await panel.setViewportSize({ width: 420, height: 860 });
  await settle(() => panel.innerText('body'), 8_000);
  // The panel spends only on request: press its check button when it offers one.
  const check = panel.getByRole('button', { name: /^Check\b/ }).first();
  if (await check.isVisible().catch(() => false)) {
    await check.click();
    await settle(() => panel.innerText('body'));
  }
  shots.push(await shoot(panel, 'sidepanel'));
  step('side panel');

  const options = await world.openExtensionPage('options.html');
  await options.setViewportSize({ width: 1000, height: 900 });
  await settle(() => options.innerText('body'), 8_000);
  shots.push(await shoot(options, 'options'));
  step('options');

  const calls = world.sandbox.apiCalls();
  console.log(`\n== demo: ${calls.length} call(s) to the local API sandbox: ${calls.map((c) => `${c.endpoint} ${c.target ?? ''}`.trim()).join(', ') || 'none'}`);
  if (world.pageErrors.length) console.log(`== demo: page errors:\n  ${world.pageErrors.join('\n  ')}`);
  console.log('== demo: screenshots');
  for (const s of shots) console.log(`  ${relative(process.cwd(), s) || s}`);
}

async function headed(world: World): Promise<void> {
  await world.openSite(SITE);
  console.log(`
== demo: Chromium is open with Backlink Lens and ${SITE}
   Every hostname goes to the local API sandbox (port ${world.sandbox.port}); the sandbox's demo account is
   saved as DataForSEO credentials, so checks show sample data and cost nothing.
   Open the popup with Alt+Shift+B or from the extensions (puzzle) menu; try other sites too,
   e.g. https://blog.example.org/ — the side panel and the options page are one click from the popup.
   Press Ctrl-C here to quit.`);
  await new Promise<void>((resolveQuit) => {
    process.once('SIGINT', () => resolveQuit());
    process.once('SIGTERM', () => resolveQuit());
    world.ctx.once('close', () => resolveQuit());
  });
}

async function main(): Promise<void> {
  const extensionDir = build();
  const withDisplay = !!process.env.DISPLAY && process.env.DEMO_HEADLESS !== '1';
  const colorScheme = process.env.DEMO_COLOR_SCHEME === 'dark' ? 'dark' : 'light';
  console.log(`== demo: starting the API sandbox and Chromium (${withDisplay ? 'headed' : 'headless'})`);
  const world = await launchWorld({
    extensionDir,
    latencyMs: LATENCY_MS,
    headless: !withDisplay,
    viewport: withDisplay ? null : { width: 1280, height: 800 },
    colorScheme,
  });
  try {
    await world.setCredentials({ provider: 'dataforseo' });
    if (withDisplay) await headed(world);
    else await headless(world);
  } finally {
    await world.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error('demo failed:', e instanceof Error ? e.stack ?? e.message : e);
    if (process.env.DISPLAY && /display|X server|ozone/i.test(String(e))) {
      console.error('No usable display? Run with DEMO_HEADLESS=1 (or unset DISPLAY) for screenshots instead.');
    }
    process.exit(1);
  },
);
