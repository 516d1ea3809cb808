/**
 * Backlink figures on Google results (lib/serp) in the real browser, against the sandbox's fake
 * results page (tests/sandbox/serp.ts, served at www.google.com through the host mapping).
 *
 * In headless Chromium `permissions.request` for a host shows the browser's prompt, which a test
 * cannot answer. The tests therefore load a copy of the build whose manifest grants the Google
 * hosts at install (as the side panel's tests do for `tabs`); the Options switch still calls
 * `permissions.request`, which then resolves at once. The first test runs on the untouched build.
 * The overlay lives in closed shadow roots: the tests read it through CDP (DOM.getDocument with
 * pierce) and click its button with the mouse, as a user would (a trusted event).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatCount } from '../../lib/format.ts';
import { fastFigures } from '../sandbox/bulk.ts';
import { DEFAULT_SEED, type RecordedRequest } from '../sandbox/server.ts';
import { serpResultUrls } from '../sandbox/serp.ts';
import { defaultExtensionDir, launchWorld, type Page, type World } from './harness.ts';

declare const chrome: {
  scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string; matches?: string[] }>> };
  permissions: { getAll(): Promise<{ origins?: string[] }> };
};

const BULK = ['bulk_ranks', 'bulk_referring_domains', 'bulk_backlinks', 'bulk_spamScore', 'bulk_spam_score'];
const SERP = (q: string) => `https://www.google.com/search?q=${encodeURIComponent(q)}`;

async function waitFor<T>(what: string, fn: () => Promise<T | null | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface CdpNode { nodeId: number; nodeName: string; nodeValue?: string; localName?: string; children?: CdpNode[]; shadowRoots?: CdpNode[]; attributes?: string[] }

/** The overlay's texts: [header, ...lines], read through the closed shadow roots. */
async function overlay(page: Page): Promise<{ header: string | null; lines: string[]; button: { x: number; y: number } | null }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const text = (n: CdpNode): string => (n.nodeName === '#text' ? n.nodeValue ?? '' : [...(n.children ?? [])].map(text).join(''));
    let header: string | null = null;
    let buttonId: number | null = null;
    const lines: string[] = [];
    const walk = (n: CdpNode, host: string | null) => {
      if (host && n.localName === 'span') header = text(n);
      if (host === 'backlink-lens-header' && n.localName === 'button') {
        const hidden = (n.attributes ?? []).includes('hidden');
        if (!hidden) buttonId = n.nodeId;
      }
      if (host === 'backlink-lens-line' && n.localName === 'div') lines.push(text(n));
      for (const c of n.children ?? []) walk(c, host);
      for (const s of n.shadowRoots ?? []) walk(s, n.localName ?? null);
    };
    walk(root, null);
    let button: { x: number; y: number } | null = null;
    if (buttonId !== null) {
      // Node ids belong to this session: the button's place is read here.
      const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: buttonId })) as { model: { content: number[] } };
      const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
      button = { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
    }
    return { header, lines, button };
  } finally {
    await cdp.detach();
  }
}

/** A real (trusted) mouse click at the button's place. */
async function clickAt(page: Page, at: { x: number; y: number }): Promise<void> {
  await page.mouse.click(at.x, at.y);
}

const expectedLine = (url: string) => {
  const domain = new URL(url).hostname.replace(/^www\./, '');
  const f = fastFigures(DEFAULT_SEED, domain);
  return { domain, text: new RegExp(`^${domain.replace(/\./g, '\\.')} · rank .+ · ref\\. domains ${formatCount(f.referring_domains)} · backlinks ${formatCount(f.backlinks)} · spam score ${formatCount(f.backlinks_spam_score)}$`) };
};

describe('Google results figures: off by default', () => {
  let world: World;
  before(async () => {
    world = await launchWorld({ sandboxOptions: { bulkFigures: 'fast' } });
    await world.setCredentials();
  });
  after(async () => world?.close());

  test('no script, no host permission, nothing asked', async () => {
    const registered = await world.worker().evaluate(() => chrome.scripting.getRegisteredContentScripts());
    assert.deepEqual(registered, []);
    const perms = await world.worker().evaluate(() => chrome.permissions.getAll());
    assert.equal((perms.origins ?? []).some((o) => o.includes('google')), false);
    const page = await world.openSite(SERP('running shoes'));
    await page.waitForSelector('#rso .g');
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual((await overlay(page)).lines, []);
    assert.equal(world.sandbox.requests.filter((r: RecordedRequest) => BULK.includes(r.endpoint)).length, 0);
  });
});

describe('Google results figures: turned on', () => {
  let world: World;
  let copyDir: string;
  const bulkCalls = () => world.sandbox.requests.filter((r: RecordedRequest) => BULK.includes(r.endpoint));

  before(async () => {
    copyDir = mkdtempSync(join(tmpdir(), 'backlink-lens-serp-'));
    cpSync(defaultExtensionDir(), copyDir, { recursive: true });
    const manifestPath = join(copyDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions: string[]; optional_host_permissions?: string[] };
    manifest.host_permissions = [...manifest.host_permissions, ...(manifest.optional_host_permissions ?? [])];
    delete manifest.optional_host_permissions;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    world = await launchWorld({ extensionDir: copyDir, sandboxOptions: { bulkFigures: 'fast' } });
    await world.setCredentials();
  });
  after(async () => {
    await world?.close();
    if (copyDir) rmSync(copyDir, { recursive: true, force: true });
  });

  test('the switch in Options registers the script only while on', async () => {
    assert.deepEqual(await world.worker().evaluate(() => chrome.scripting.getRegisteredContentScripts()), [], 'granted hosts alone register nothing');
    const options = await world.openExtensionPage('/options.html');
    await options.click('[data-testid=serp-figures]');
    const scripts = await waitFor('the registered script', async () => {
      const s = await world.worker().evaluate(() => chrome.scripting.getRegisteredContentScripts());
      return s.length ? s : null;
    });
    assert.equal(scripts[0]!.id, 'serp-figures');
    assert.ok(scripts[0]!.matches!.includes('https://www.google.com/search*'));
    await options.close();
  });

  test('ask mode: a priced button, nothing spent until a real click; then one call per metric', async () => {
    world.sandbox.reset();
    const before = bulkCalls().length;
    const page = await world.openSite(SERP('running shoes'));
    const urls = serpResultUrls('running shoes');
    const o = await waitFor('the priced button', async () => {
      const v = await overlay(page);
      return v.button !== null ? v : null;
    });
    assert.equal(o.lines.length, urls.length, 'one line per organic result (the ad has none)');
    assert.match(o.header ?? '', /figures for this page: \$0\.\d+/);
    assert.equal(bulkCalls().length, before, 'nothing bought before the click');
    // A page script's synthetic click buys nothing.
    await page.evaluate(() => {
      for (const el of Array.from(document.querySelectorAll('backlink-lens-header'))) el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(bulkCalls().length, before);

    await clickAt(page, o.button!);
    const done = await waitFor('figures', async () => {
      const v = await overlay(page);
      return v.lines.every((l) => / · backlinks /.test(l)) ? v : null;
    });
    for (const [i, u] of urls.entries()) assert.match(done.lines[i]!, expectedLine(u).text);
    assert.equal(bulkCalls().length - before, 4, 'one call per metric');

    // Appended results: figures for the new ones only, no duplicate lines.
    await page.click('#more');
    const more = await waitFor('figures for appended results', async () => {
      const v = await overlay(page);
      return v.button !== null ? v : null;
    });
    assert.equal(more.lines.length, 20);
    assert.equal(bulkCalls().length - before, 4, 'appended results wait for the click too');
    // The header is at the top of the results: scroll back to it, then read its place again.
    await page.evaluate(() => window.scrollTo(0, 0));
    const top = await overlay(page);
    await clickAt(page, top.button!);
    const all = await waitFor('all figures', async () => {
      const v = await overlay(page);
      return v.lines.length === 20 && v.lines.every((l) => / · backlinks /.test(l)) ? v : null;
    });
    assert.equal(all.lines.length, 20);
    assert.equal(bulkCalls().length - before, 8, 'one more call per metric for the new results only');

    // A reload costs nothing: every domain is cached, figures fill in without a button.
    await page.reload();
    await waitFor('cached figures', async () => {
      const v = await overlay(page);
      return v.lines.length === 10 && v.lines.every((l) => / · backlinks /.test(l));
    });
    assert.equal(bulkCalls().length - before, 8, 'the reload cost nothing');
    await page.close();
  });

  test('auto mode: no click needed and charged in the ledger; at the daily cap nothing is bought and the overlay says why', async () => {
    const options = await world.openExtensionPage('/options.html');
    await options.selectOption('[data-testid=serp-mode]', 'auto');
    await options.locator('[data-testid="saved-status"][data-phase="saved"]').first().waitFor({ timeout: 5_000 });
    const spentBefore = ((await world.sendMessage({ type: 'spend' })) as { ok: true; data: { today: number } }).data.today;

    // (Headless Chromium reports every tab as visible, so a background tab cannot be shown here;
    // lib/serp/overlay.test.ts proves that a hidden or prerendered page asks for nothing.)
    world.sandbox.reset();
    const front = await world.openSite('https://shop-example.com/');
    const bg = await world.openSite(SERP('trail running shoes'));
    // Figures come without a click, one call per metric, and the ledger has the charge.
    const shown = await waitFor('figures without a click', async () => {
      const v = await overlay(bg);
      return v.lines.length === 10 && v.lines.every((l) => / · backlinks /.test(l)) ? v : null;
    });
    assert.equal(shown.button, null, 'no button in auto mode');
    assert.equal(bulkCalls().length, 4, 'one call per metric');
    assert.match(shown.header ?? '', /this page cost \$0\.\d+/);
    const charged = world.sandbox.requests.filter((r: RecordedRequest) => BULK.includes(r.endpoint)).reduce((sum, r) => sum + r.cost, 0);
    const spentAfter = ((await world.sendMessage({ type: 'spend' })) as { ok: true; data: { today: number } }).data.today;
    assert.ok(Math.abs(spentAfter - spentBefore - charged) < 1e-9, `ledger +${spentAfter - spentBefore} for $${charged} charged`);
    await bg.close();

    // At the daily cap: nothing is bought, and the overlay says why.
    await options.getByTestId('daily-budget').fill(String(Math.max(0.01, Math.floor(spentAfter * 100) / 100)));
    await options.getByTestId('daily-budget').blur();
    await options.locator('[data-testid="saved-status"][data-phase="saved"]').first().waitFor({ timeout: 5_000 });
    world.sandbox.reset();
    const capped = await world.openSite(SERP('waterproof hiking boots'));
    const said = await waitFor('the budget sentence', async () => {
      const v = await overlay(capped);
      return v.header && /budget/i.test(v.header) ? v : null;
    });
    assert.match(said.header ?? '', /daily budget/i);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(bulkCalls().length, 0, 'nothing bought at the cap');
    await capped.close();
    await front.close();
    await options.getByTestId('daily-budget').fill('');
    await options.getByTestId('daily-budget').blur();
    await options.selectOption('[data-testid=serp-mode]', 'ask');
    await options.close();
  });

  test('turning it off unregisters the script', async () => {
    const options = await world.openExtensionPage('/options.html');
    await options.click('[data-testid=serp-figures]');
    await waitFor('no script', async () => (await world.worker().evaluate(() => chrome.scripting.getRegisteredContentScripts())).length === 0);
    await options.locator('[data-testid=serp-remove-permission]').waitFor();
    await options.close();
  });
});
