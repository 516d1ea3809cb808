/**
 * "Links on this page" on the production build in Chromium: the real popup's button (activeTab)
 * injects the scan into the site tab; the highlight sits in a closed shadow root (read here from the
 * extension's isolated world over CDP, as nothing in the page can); the side panel (an extension
 * page behind the site tab, which it sees as the active tab) shows the counts, the price of the
 * figures before anything is bought, and the figures after the user confirms. Every API call is
 * checked in the sandbox's request log. Test pages: tests/sandbox/linkslab.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CDPSession, Page } from 'playwright-core';
import { estimateCost } from '../../lib/dataforseo/cost.ts';
import { formatMoney } from '../../lib/format.ts';
import { HOSTILE_FAKE_DOMAINS, LAB_EXPECTED, LAB_HOST, MIX2_DOMAINS, MIX_DOMAINS } from '../sandbox/linkslab.ts';
import { launchWorld, TEST_TIMEOUT, type World } from './harness.ts';

declare const chrome: {
  runtime: { sendMessage(m: unknown): Promise<unknown> };
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
};

const T = { timeout: Math.max(TEST_TIMEOUT, 300_000) };
const BULK = ['bulk_ranks', 'bulk_referring_domains', 'bulk_spam_score'] as const;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function until<T>(what: string, ms: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
    await sleep(25);
  }
}

/** The extension's isolated world in a site tab (where the injected scan runs), over CDP. */
class IsolatedWorld {
  private contexts = new Map<number, { name: string; type: string }>();
  private constructor(private cdp: CDPSession) {}
  static async attach(site: Page): Promise<IsolatedWorld> {
    const cdp = await site.context().newCDPSession(site);
    const w = new IsolatedWorld(cdp);
    cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; name: string; auxData?: { type?: string } } }) => {
      w.contexts.set(e.context.id, { name: e.context.name, type: e.context.auxData?.type ?? '' });
    });
    cdp.on('Runtime.executionContextDestroyed', (e: { executionContextId: number }) => w.contexts.delete(e.executionContextId));
    cdp.on('Runtime.executionContextsCleared', () => w.contexts.clear());
    await cdp.send('Runtime.enable');
    return w;
  }
  describe(): string {
    return JSON.stringify([...this.contexts.values()]);
  }
  /** Evaluates in the extension's world; undefined while it does not exist yet. */
  async eval<T>(expression: string): Promise<T | undefined> {
    for (const [id, c] of this.contexts) {
      if (c.type !== 'isolated' || c.name !== 'Backlink Lens') continue;
      const r = (await this.cdp.send('Runtime.evaluate', { expression, contextId: id, returnByValue: true })) as { result: { value?: T }; exceptionDetails?: unknown };
      if (r.exceptionDetails) throw new Error(`isolated evaluate failed: ${JSON.stringify(r.exceptionDetails).slice(0, 300)}`);
      return r.result.value;
    }
    return undefined;
  }
  /** Evaluates in the page's own (main) world, with no help from the page's globals. */
  async main<T>(expression: string): Promise<T> {
    const r = (await this.cdp.send('Runtime.evaluate', { expression, returnByValue: true })) as { result: { value: T } };
    return r.result.value;
  }
}

interface Highlight {
  boxes: number;
  kinds: Record<string, number>;
  legend: Record<string, string>;
  note: string;
  button: { x: number; y: number } | null;
}

const READ_HIGHLIGHT = `(() => {
  const s = window.__backlinkLensLinkScan;
  if (!s || !s.handle) return null;
  const root = s.handle.root;
  const boxes = root.querySelectorAll('.box');
  const kinds = {};
  for (const b of boxes) { const k = [...b.classList].find((c) => c.startsWith('k-')); kinds[k] = (kinds[k] || 0) + 1; }
  const legend = {};
  for (const li of root.querySelectorAll('li[data-kind]')) legend[li.dataset.kind] = li.querySelector('.n').textContent;
  const btn = root.querySelector('button[data-action="off"]');
  const r = btn && btn.getBoundingClientRect();
  return { boxes: boxes.length, kinds, legend, note: root.querySelector('.note').textContent, button: r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null };
})()`;

const n = (v: number) => v.toLocaleString('en-US');

describe('Links on this page (Chromium)', () => {
  let world: World;
  let helper: Page;
  const measures: string[] = [];

  before(async () => {
    world = await launchWorld();
    await world.setCredentials();
    helper = await world.openExtensionPage('options.html');
  }, T);
  after(async () => {
    if (measures.length) console.log(`\n  Measured:\n  ${measures.join('\n  ')}\n`);
    await world?.close();
  }, T);

  const ask = (msg: unknown) => helper.evaluate((m) => chrome.runtime.sendMessage(m), msg) as Promise<{ ok: boolean; data?: any; error?: { message: string } }>;
  const tabIdOf = async (site: Page) => {
    const url = site.url();
    return helper.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null, url);
  };

  /** Opens the site, clicks the real popup's button, waits for the highlight; answers the time it took. */
  async function scan(site: Page, iso: IsolatedWorld): Promise<{ ms: number; h: Highlight }> {
    const popup = await world.openRealPopup(site);
    // Click once the popup has settled: anchors arriving later move the buttons.
    await until('the popup to settle', 20_000, () =>
      popup.evaluate<boolean>(
        `!document.querySelector('[data-testid=loading], [aria-busy=true]') && !!document.querySelector('[data-testid=anchor-row], [data-testid=anchors-empty], [data-testid=error]')`,
      ),
    );
    const t0 = Date.now();
    await popup.click('[data-testid="scan-links"]');
    const h = await until('the highlight', 30_000, () => iso.eval<Highlight | null>(READ_HIGHLIGHT)).catch(async (e: Error) => {
      throw new Error(`${e.message}; contexts ${iso.describe()}; popup says: ${(await popup.text().catch(() => '?')).slice(0, 300)}`);
    });
    return { ms: Date.now() - t0, h };
  }

  test('the mix page: exact counts on the page and in the report, a clean off switch, one highlight per scan', T, async () => {
    const site = await world.openSite(`https://${LAB_HOST}/mix`);
    const iso = await IsolatedWorld.attach(site);
    const before = await iso.main<string>('document.documentElement.outerHTML');
    const { ms, h } = await scan(site, iso);
    measures.push(`click → highlighted page (1,212 links, popup button): ${ms} ms`);
    const e = LAB_EXPECTED['/mix'];
    assert.deepEqual(h.legend, { follow: n(e.follow), nofollow: n(e.nofollow), ugc: n(e.ugc), sponsored: n(e.sponsored) });
    assert.equal(h.boxes, e.total - e.hidden, 'one box per visible link');
    assert.deepEqual(h.kinds, { 'k-follow': e.follow - e.hidden, 'k-nofollow': e.nofollow, 'k-ugc': e.ugc, 'k-sponsored': e.sponsored });
    assert.match(h.note, new RegExp(`^${e.hidden} hidden .* ${e.skipped.script + e.skipped.mail + e.skipped.phone + e.skipped.fragment} not web links`));

    await world.screenshot(site, 'links-page-highlight');
    const tabId = await tabIdOf(site);
    const report = await until('the report', 10_000, async () => {
      const r = await ask({ type: 'linksReport', tabId });
      return r.ok ? r.data : null;
    });
    const { domains: _d, skipped, ...counts } = e;
    assert.deepEqual(report.counts, { ...counts, unsupported: 0 });
    assert.deepEqual(report.skipped, skipped);
    assert.equal(new Set(report.links.filter((l: any) => !l.internal).map((l: any) => l.domain)).size, e.domains);
    measures.push(`in-page scan + highlight (report.elapsedMs): ${report.elapsedMs} ms`);

    // The page's own elements carry nothing of ours: only the one host element was added.
    assert.equal(await iso.main<number>(`document.getElementsByTagName('backlink-lens-links').length`), 1);
    assert.equal(await iso.main<boolean>(`document.querySelector('backlink-lens-links').shadowRoot === null`), true, 'closed shadow root');

    // A second scan replaces the first: still one host, same counts.
    const again = await scan(site, iso);
    assert.equal(await iso.main<number>(`document.getElementsByTagName('backlink-lens-links').length`), 1);
    assert.equal(again.h.boxes, h.boxes);

    // The off switch (a real click) takes everything away; the page is as it was.
    assert.ok(again.h.button);
    await site.mouse.click(again.h.button.x, again.h.button.y);
    await until('the highlight to go', 5_000, async () => (await iso.main<number>(`document.getElementsByTagName('backlink-lens-links').length`)) === 0);
    assert.equal(await iso.main<string>('document.documentElement.outerHTML'), before);
    assert.equal(await iso.eval<boolean>('window.__backlinkLensLinkScan === undefined'), true);
    await site.close();
  });

  test('the panel prices the 1,200 domains before buying; one bulk call per metric for 1,000 and one for the rest; a second page pays only for new domains', T, async () => {
    const site = await world.openSite(`https://${LAB_HOST}/mix`);
    const iso = await IsolatedWorld.attach(site);
    await scan(site, iso);
    const panel = await world.openExtensionPage('sidepanel.html', { behindSite: site });
    await panel.waitForSelector('[data-testid="links-quote"]', { timeout: 30_000 });
    assert.equal(await panel.getAttribute('[data-testid="tab-links"]', 'aria-selected'), 'true', 'the hand-over opened the Links view');
    const e = LAB_EXPECTED['/mix'];
    const counts = await panel.$$eval('[data-testid="links-counts"] li', (lis) => Object.fromEntries(lis.map((li) => [li.getAttribute('data-count'), li.querySelector('.n')!.textContent])));
    assert.deepEqual(counts, {
      Links: n(e.total), Followed: n(e.follow), Nofollow: n(e.nofollow), UGC: n(e.ugc), Sponsored: n(e.sponsored),
      Internal: n(e.internal), External: n(e.external), Hidden: n(e.hidden), 'Not web links': '6',
    });

    // The price shown is the estimate: per metric, a call of 1,000 targets and one of 200.
    const estimate = BULK.length * (estimateCost('bulk', 1000) + estimateCost('bulk', 200));
    const quote = panel.locator('[data-testid="links-quote"]');
    assert.equal(Number(await quote.getAttribute('data-price')).toFixed(6), estimate.toFixed(6));
    assert.equal(await quote.getAttribute('data-calls'), '6');
    assert.match(await panel.locator('[data-testid="links-buy"]').innerText(), new RegExp(formatMoney(estimate).replace(/[$.]/g, (c) => `\\${c}`)));
    assert.equal(world.sandbox.requests.filter((r) => (BULK as readonly string[]).includes(r.endpoint)).length, 0, 'nothing bought before the confirmation');

    const since = world.sandbox.requests.length;
    await panel.click('[data-testid="links-buy"]');
    await panel.waitForSelector('[data-testid="links-spent"]', { timeout: 60_000 });
    const calls = world.sandbox.requests.slice(since).filter((r) => (BULK as readonly string[]).includes(r.endpoint));
    for (const ep of BULK) {
      const sizes = calls.filter((c) => c.endpoint === ep).map((c) => ((c.body as { targets: string[] }[])[0]?.targets ?? []).length).sort((a, b) => b - a);
      assert.deepEqual(sizes, [1000, 200], `${ep}: one call for the first 1,000 and one for the rest`);
    }
    const sent = new Set(calls.filter((c) => c.endpoint === 'bulk_ranks').flatMap((c) => (c.body as { targets: string[] }[])[0]!.targets));
    assert.deepEqual([...sent].sort(), [...MIX_DOMAINS].sort());
    const charged = calls.reduce((s, c) => s + c.cost, 0);
    measures.push(`1,200-domain page: ${calls.length} calls, charged $${charged.toFixed(5)} (estimate $${estimate.toFixed(5)})`);

    // The figures shown are the sandbox's answers for those targets.
    await world.screenshot(panel, 'links-panel');
    const row = panel.locator(`tr[data-target="${MIX_DOMAINS[0]}"]`);
    const rankCall = calls.find((c) => c.endpoint === 'bulk_ranks' && (c.body as { targets: string[] }[])[0]!.targets.includes(MIX_DOMAINS[0]!));
    assert.ok(rankCall);
    assert.notEqual(await row.locator('[data-metric="rank"]').innerText(), '–');

    // A second page sharing 200 domains: only its 100 new ones are bought, in one call per metric.
    const site2 = await world.openSite(`https://${LAB_HOST}/mix2`);
    const iso2 = await IsolatedWorld.attach(site2);
    await scan(site2, iso2);
    const panel2 = await world.openExtensionPage('sidepanel.html', { behindSite: site2 });
    await panel2.waitForSelector('[data-testid="links-quote"]', { timeout: 30_000 });
    const q2 = panel2.locator('[data-testid="links-quote"]');
    const estimate2 = BULK.length * estimateCost('bulk', 100);
    assert.equal(Number(await q2.getAttribute('data-price')).toFixed(6), estimate2.toFixed(6));
    assert.equal(await q2.getAttribute('data-calls'), '3');
    const since2 = world.sandbox.requests.length;
    await panel2.click('[data-testid="links-buy"]');
    await panel2.waitForSelector('[data-testid="links-spent"]', { timeout: 60_000 });
    const calls2 = world.sandbox.requests.slice(since2).filter((r) => (BULK as readonly string[]).includes(r.endpoint));
    assert.equal(calls2.length, 3);
    for (const c of calls2) assert.deepEqual([...(c.body as { targets: string[] }[])[0]!.targets].sort(), MIX2_DOMAINS.slice(200).sort());
    measures.push(`second page (300 domains, 200 shared): ${calls2.length} calls, charged $${calls2.reduce((s, c) => s + c.cost, 0).toFixed(5)}`);
    await Promise.all([panel.close(), panel2.close(), site.close(), site2.close()]);
  });

  test('the hostile page is contained: bounded report, our highlight drawn despite its overrides, text rendered as text', T, async () => {
    const site = await world.openSite(`https://${LAB_HOST}/hostile`);
    const iso = await IsolatedWorld.attach(site);
    const { h } = await scan(site, iso);
    const tabId = await tabIdOf(site);
    const report = await until('the report', 10_000, async () => {
      const r = await ask({ type: 'linksReport', tabId });
      return r.ok ? r.data : null;
    });
    const web = 1 + 1 + 2 + HOSTILE_FAKE_DOMAINS; // markup, big text, IP + localhost, fakes (the too-long one dropped)
    assert.equal(report.links.length, 5000);
    assert.deepEqual(report.dropped, { tooLong: 1, overLimit: web - 5000 });
    assert.equal(report.links[0].href, 'https://markup.example.org/', 'the page’s getAttribute/href overrides did not reach the scan');
    assert.ok(report.links.every((l: any) => l.href.length <= 2048 && l.text.length <= 300));
    assert.equal(report.counts.unsupported, 2);
    assert.equal(h.boxes, 5000, 'every kept link outlined, whatever the page swapped in');
    assert.ok((await iso.main<number>('window.__tampered')) >= 1, 'the page did try to tamper');
    // The page may run its own markup inside the host element it can see (its own world, its own
    // doing); nothing of the page's text ever runs as markup in our views (2 would be the link text).
    assert.notEqual(await iso.main<unknown>('window.__pwned'), 2);

    const panel = await world.openExtensionPage('sidepanel.html', { behindSite: site });
    await panel.waitForSelector('[data-testid="links-quote"]', { timeout: 30_000 });
    assert.equal(await panel.locator('[data-testid="links-view"] img').count(), 0, 'no markup from the page');
    assert.equal(await panel.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    assert.ok((await panel.locator('tr[data-target="example.org"]').count()) === 1);
    const quote = panel.locator('[data-testid="links-quote"]');
    assert.equal(await quote.getAttribute('data-calls'), String(BULK.length * 5));
    // A run asked with less than the quoted price buys nothing.
    const before = world.sandbox.requests.length;
    const targets = await panel.$$eval('tr[data-target]', (trs) => trs.map((t) => t.getAttribute('data-target')));
    const r = await ask({ type: 'bulkRun', targets, metrics: ['rank', 'referringDomains', 'spamScore'], maxPriceUsd: 0.01 });
    assert.equal(r.ok, false);
    assert.equal(world.sandbox.requests.slice(before).filter((q) => (BULK as readonly string[]).includes(q.endpoint)).length, 0);
    assert.deepEqual(world.pageErrors.filter((e) => e.includes('chrome-extension://')), []);
    await Promise.all([panel.close(), site.close()]);
  });
});
