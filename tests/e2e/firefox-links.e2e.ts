/**
 * "Links on this page" in real Firefox ESR (production Firefox build): the real toolbar popup's
 * button (activeTab) injects the scan with `scripting.executeScript`; the page gets one host element
 * with a closed shadow root, and the worker keeps the checked report with the exact counts of the
 * test page (tests/sandbox/linkslab.ts). A second scan replaces the first highlight.
 * (The legend inside the closed root is not reachable from this harness: its counts are checked in
 * Chromium, tests/e2e/links.e2e.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LAB_EXPECTED, LAB_HOST } from '../sandbox/linkslab.ts';
import { launchFirefoxWorld, TEST_TIMEOUT, waitFor, type FirefoxWorld } from './firefox/harness.ts';

const T = { timeout: Math.max(TEST_TIMEOUT, 180_000) };

describe('Links on this page (Firefox)', () => {
  let w: FirefoxWorld;
  before(async () => {
    w = await launchFirefoxWorld();
    await w.setCredentials();
  }, T);
  after(async () => {
    await w?.close();
  }, T);

  const hosts = (site: { evaluate: (f: string) => Promise<unknown> }) =>
    site.evaluate(`(() => { const h = document.getElementsByTagName('backlink-lens-links'); return { n: h.length, closed: h.length > 0 && h[0].shadowRoot === null }; })()`) as Promise<{ n: number; closed: boolean }>;

  async function scan(): Promise<number> {
    const popup = await w.openRealPopup();
    await waitFor('the popup to settle', async () =>
      popup.evaluate<boolean>(`(d) => !d.querySelector('[data-testid=loading], [aria-busy=true]') && !!d.querySelector('[data-testid=anchor-row], [data-testid=anchors-empty], [data-testid=error]')`),
    30_000);
    const t0 = Date.now();
    await popup.click('[data-testid=scan-links]');
    return t0;
  }

  test('the popup button highlights the mix page and the worker keeps its exact counts', T, async () => {
    const site = await w.openSite(`https://${LAB_HOST}/mix`);
    const t0 = await scan();
    await waitFor('the highlight', async () => (await hosts(site)).n === 1, 30_000);
    console.log(`  Firefox: click → highlight host in the page: ${Date.now() - t0} ms`);
    assert.deepEqual(await hosts(site), { n: 1, closed: true });

    const helper = await w.helper();
    const tabId = await waitFor('the report key', async () => {
      const all = (await helper.evaluate(() => (globalThis as any).browser.storage.session.get(null))) as Record<string, { state?: string }>;
      const key = Object.keys(all).find((k) => k.startsWith('linksView:') && all[k]?.state === 'ready');
      return key ? Number(key.slice('linksView:'.length)) : null;
    }, 30_000);
    const reply = (await w.sendMessage({ type: 'linksReport', tabId })) as { ok: boolean; data: any };
    assert.equal(reply.ok, true);
    const e = LAB_EXPECTED['/mix'];
    const { domains: _d, skipped, ...counts } = e;
    assert.deepEqual(reply.data.counts, { ...counts, unsupported: 0 });
    assert.deepEqual(reply.data.skipped, skipped);
    assert.equal(new Set(reply.data.links.filter((l: any) => !l.internal).map((l: any) => l.domain)).size, e.domains);

    // A second scan replaces the first highlight.
    await site.bringToFront();
    await scan();
    await waitFor('the second scan', async () => {
      const all = (await helper.evaluate(() => (globalThis as any).browser.storage.session.get(null))) as Record<string, { at?: number; state?: string }>;
      return all[`linksView:${tabId}`]?.state === 'ready' && (all[`linksView:${tabId}`]?.at ?? 0) > reply.data.scannedAt;
    }, 30_000);
    assert.deepEqual(await hosts(site), { n: 1, closed: true });
  });
});
