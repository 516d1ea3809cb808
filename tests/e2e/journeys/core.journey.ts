/**
 * The user journeys, stated once for both browsers (JourneyBrowser): the options page, the real toolbar
 * popup with activeTab, the cache, an auth error, the side panel / sidebar from the popup's button, the
 * background stopped and woken, the context menu's lookup, and a browser restart. One browser launch for
 * the whole file; the tests run in order. Each figure is compared with what the sandbox answered for the
 * very request the extension sent.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { STATUS_RULES } from '../../../lib/dataforseo/status.ts';
import { formatCount, formatExact } from '../../../lib/format.ts';
import { DEFAULT_CREDENTIALS, type RecordedRequest } from '../../sandbox/server.ts';
import { GECKO_ID } from '../firefox/harness.ts';
import { type JourneyBrowser, paidSince, sleep, type View, waitFor } from './browser.ts';
import type { ChromiumJourneys } from './chromium.ts';
import type { FirefoxJourneys } from './firefox.ts';

export const TEST_TIMEOUT = Number(process.env.E2E_TEST_TIMEOUT_MS || 60_000);

const SHOWN = `(d) => ({
  target: d.querySelector('[data-testid=target]')?.textContent ?? null,
  rank: d.querySelector('[data-testid=rank] .num')?.textContent ?? null,
  backlinks: d.querySelector('[data-testid=backlinks] .num')?.textContent ?? null,
  backlinksTitle: d.querySelector('[data-testid=backlinks] .num')?.getAttribute('title') ?? null,
  referringDomains: d.querySelector('[data-testid=referring-domains] .num')?.textContent ?? null,
  anchors: d.querySelectorAll('[data-testid=anchor-row]').length,
  errors: [...d.querySelectorAll('[data-testid=error]')].map((e) => ({
    kind: e.querySelector('[data-error-kind]')?.getAttribute('data-error-kind') ?? '',
    message: e.querySelector('.message')?.textContent ?? '',
  })),
  loading: !!d.querySelector('[data-testid=loading]') || !!d.querySelector('[aria-busy=true]'),
})`;
interface Shown {
  target: string | null;
  rank: string | null;
  backlinks: string | null;
  backlinksTitle: string | null;
  referringDomains: string | null;
  anchors: number;
  errors: { kind: string; message: string }[];
  loading: boolean;
}

const settled = (v: View) =>
  waitFor('the popup to settle', async () => {
    const s = await v.evaluate<Shown>(SHOWN);
    return (s.rank !== null && s.anchors > 0) || s.errors.length > 0 ? (s.loading ? null : s) : null;
  }).catch(async (e: Error) => {
    const text = await v.text().catch((err: Error) => `(${err.message})`);
    throw new Error(`${e.message}; the popup shows: ${text.slice(0, 300)}`);
  });

/** The sandbox's answer to a request the extension made, replayed as is. */
async function replay(b: JourneyBrowser, call: RecordedRequest): Promise<Record<string, any>> {
  const auth = Buffer.from(`${DEFAULT_CREDENTIALS.login}:${DEFAULT_CREDENTIALS.password}`).toString('base64');
  const res = await fetch(`http://127.0.0.1:${b.sandbox.port}${call.path}`, {
    method: 'POST',
    headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(call.body),
  });
  const json = (await res.json()) as { tasks: { result: Record<string, any>[] }[] };
  const result = json.tasks[0]?.result?.[0];
  assert.ok(result, `the sandbox answered ${call.path}`);
  return result;
}

const panelTarget = (v: View) => v.evaluate<string>(`(d) => d.querySelector('[data-testid=panel-target]')?.getAttribute('title') ?? ''`);

export function coreJourneys(title: string, launch: () => Promise<JourneyBrowser>): void {
  describe(title, () => {
    let b: JourneyBrowser;
    before(async () => {
      b = await launch();
    });
    after(async () => {
      await b?.close();
    });

    test('options page: credentials typed and saved are stored', { timeout: TEST_TIMEOUT }, async () => {
      const page = await b.openOptions();
      await page.waitFor('[data-testid=save-credentials]');
      await page.click('[data-testid=provider-dataforseo]');
      await page.type('[data-testid=login]', DEFAULT_CREDENTIALS.login);
      await page.type('[data-testid=password]', DEFAULT_CREDENTIALS.password);
      const since = b.sandbox.requests.length;
      await page.click('[data-testid=save-credentials]');
      await waitFor('Saved', async () => (await page.text('[data-testid=credentials-status]')).includes('Saved'));
      assert.equal(await page.value('[data-testid=password]'), '', 'the password field is emptied');
      assert.equal(paidSince(b, since).length, 0, 'saving costs nothing');
      await page.close();
    });

    test('the real toolbar popup on a site tab shows the numbers the sandbox answered', { timeout: TEST_TIMEOUT }, async () => {
      const since = b.sandbox.requests.length;
      await b.openSite('https://www.lens-garden-tools.com/shop/rakes?id=3');
      const popup = await b.openPopup();
      const shown = await settled(popup);
      assert.deepEqual(shown.errors, []);
      const summaries = paidSince(b, since, 'summary');
      assert.equal(summaries.length, 1, 'one summary call');
      assert.equal(summaries[0]!.target, 'lens-garden-tools.com');
      assert.equal(summaries[0]!.login, DEFAULT_CREDENTIALS.login, 'the saved login went in the auth header');
      assert.equal(paidSince(b, since, 'anchors').length, 1, 'one anchors call');
      const summary = await replay(b, summaries[0]!);
      assert.equal(shown.target, 'lens-garden-tools.com');
      assert.equal(shown.rank, formatExact(summary.rank));
      assert.equal(shown.backlinks, formatCount(summary.backlinks));
      assert.equal(shown.backlinksTitle, formatExact(summary.backlinks));
      assert.equal(shown.referringDomains, formatCount(summary.referring_domains));
    });

    test('the second open of the popup comes from the cache: no new API call', { timeout: TEST_TIMEOUT }, async () => {
      const first = await b.openPopup().then(settled);
      await b.closePopup();
      const since = b.sandbox.requests.length;
      const shown = await settled(await b.openPopup());
      await sleep(300);
      assert.equal(paidSince(b, since).length, 0, 'nothing was asked of the API');
      assert.equal(shown.backlinks, first.backlinks);
      assert.equal(shown.rank, first.rank);
    });

    test('a wrong password shows the sign-in sentence', { timeout: TEST_TIMEOUT }, async () => {
      await b.sendMessage({ type: 'saveCredentials', credentials: { provider: 'dataforseo', login: DEFAULT_CREDENTIALS.login, password: 'wrong' } });
      try {
        await b.openSite('https://www.lens-auth-pottery.com/');
        const shown = await settled(await b.openPopup());
        assert.equal(shown.errors.length, 1, 'one notice when both parts fail the same way');
        assert.equal(shown.errors[0]!.kind, 'auth');
        assert.equal(shown.errors[0]!.message, STATUS_RULES[40100]!.message());
        assert.equal(shown.rank, null);
      } finally {
        await b.closePopup();
        await b.setCredentials();
      }
    });

    test("the popup's Backlinks button opens the side panel / sidebar with the site's backlinks", { timeout: TEST_TIMEOUT }, async () => {
      await b.openSite('https://www.lens-sidebar-orchard.com/');
      const popup = await b.openPopup();
      await settled(popup);
      const since = b.sandbox.requests.length;
      assert.equal(await b.panelOpen(), false, 'no panel before the click');
      await popup.click('[data-testid=open-panel]');
      const panel = await b.panel().catch(async (e: Error) => {
        // What the popup showed when no panel came (still open = the click did not reach the button or the browser refused).
        const left = await popup.text().catch((err: Error) => `(popup gone: ${err.message})`);
        throw new Error(`${e.message}; the popup then showed: ${left.slice(0, 300)}`);
      });
      const total = await waitFor('the panel total', async () => {
        const t = await panel.evaluate<string>(`(d) => d.querySelector('[data-testid=total]')?.textContent ?? ''`);
        return /\d backlinks$/.test(t) ? t : null;
      });
      assert.match(await panelTarget(panel), /lens-sidebar-orchard\.com/);
      const calls = paidSince(b, since, 'backlinks');
      assert.equal(calls.length, 1, 'one backlinks call');
      assert.equal(calls[0]!.target, 'lens-sidebar-orchard.com');
      const answer = await replay(b, calls[0]!);
      assert.equal(total, `${formatExact(answer.total_count)} backlinks`);
      await b.closePanel();
    });

    test('the background stopped by the browser is woken by the popup and still answers', { timeout: TEST_TIMEOUT }, async () => {
      await b.closePopup();
      await b.stopBackground();
      assert.equal(await b.backgroundState(), 'stopped');
      const since = b.sandbox.requests.length;
      await b.openSite('https://www.lens-woken-mill.com/');
      const shown = await settled(await b.openPopup());
      assert.deepEqual(shown.errors, []);
      assert.equal(await b.backgroundState(), 'running');
      const summaries = paidSince(b, since, 'summary');
      assert.equal(summaries.length, 1);
      assert.equal(summaries[0]!.login, DEFAULT_CREDENTIALS.login, 'the credentials survived the stop');
      assert.equal(shown.backlinks, formatCount((await replay(b, summaries[0]!)).backlinks));
      await b.closePopup();
      // The cache (IndexedDB in the worker / background page) outlives the stop: the same site again is free.
      await b.stopBackground();
      assert.equal(await b.backgroundState(), 'stopped');
      const before = b.sandbox.requests.length;
      const again = await settled(await b.openPopup());
      assert.deepEqual(again.errors, []);
      assert.equal(again.backlinks, shown.backlinks);
      await sleep(300);
      assert.equal(paidSince(b, before).length, 0, 'answered from the IndexedDB cache after the stop');
      await b.closePopup();
    });

    test("the context menu's lookup opens the side panel / sidebar for the page's site", { timeout: TEST_TIMEOUT }, async () => {
      await b.openSite('https://www.lens-menu-quarry.com/about');
      const since = b.sandbox.requests.length;
      await b.contextMenu('Backlinks of this site');
      const panel = await b.panel();
      await waitFor('the panel target', async () => /lens-menu-quarry\.com/.test(await panelTarget(panel))).catch(async (e: Error) => {
        throw new Error(`${e.message}; the panel shows: ${(await panel.text().catch((err: Error) => `(${err.message})`)).slice(0, 300)}`);
      });
      await waitFor('a backlinks call', () => paidSince(b, since, 'backlinks').some((r) => r.target === 'lens-menu-quarry.com'));
      await b.closePanel();
    });

    test('Firefox only: the add-on runs under its gecko id and declares what it sends', { timeout: TEST_TIMEOUT }, (t) => {
      if (b.name !== 'firefox') return t.skip('browser_specific_settings is Firefox’s key');
      const w = (b as FirefoxJourneys).world;
      const manifest = JSON.parse(readFileSync(join(w.extensionDir, 'manifest.json'), 'utf8'));
      assert.equal(manifest.browser_specific_settings?.gecko?.id, GECKO_ID);
      assert.deepEqual(manifest.browser_specific_settings?.gecko?.data_collection_permissions, { required: ['browsingActivity'] });
      assert.equal(manifest.sidebar_action?.default_panel, 'sidepanel.html');
    });

    test('Chromium only: no extension page threw', { timeout: TEST_TIMEOUT }, (t) => {
      if (b.name !== 'chromium') return t.skip('page errors are collected by the Chromium harness');
      assert.deepEqual((b as ChromiumJourneys).world().pageErrors, []);
    });

    test('credentials are kept across a browser restart', { timeout: TEST_TIMEOUT }, async () => {
      await b.restart();
      const page = await b.openOptions();
      await waitFor('the saved login', async () => (await page.value('[data-testid=login]')) === DEFAULT_CREDENTIALS.login);
      const since = b.sandbox.requests.length;
      await b.openSite('https://www.lens-restart-kiln.com/');
      const shown = await settled(await b.openPopup());
      assert.deepEqual(shown.errors, []);
      const summaries = paidSince(b, since, 'summary');
      assert.equal(summaries.length, 1);
      assert.equal(summaries[0]!.login, DEFAULT_CREDENTIALS.login);
    });
  });
}
