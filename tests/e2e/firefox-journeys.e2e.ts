/**
 * The user journeys in real Firefox ESR (production Firefox build, temporary add-on), against the API
 * sandbox through the local proxy: options page, the real toolbar popup with activeTab, the cache, an
 * auth error, the sidebar from the popup's button, the background stopped and woken, the native context
 * menu, and a browser restart. One browser launch for the whole file; the tests run in order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { formatCount, formatExact } from '../../lib/format.ts';
import { STATUS_RULES } from '../../lib/dataforseo/status.ts';
import { DEFAULT_CREDENTIALS, type RecordedRequest } from '../sandbox/server.ts';
import { launchFirefoxWorld, sleep, TEST_TIMEOUT, waitFor, type FirefoxWorld, type View } from './firefox/harness.ts';

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

/** Requests to the API hosts (not site pages or anything else Firefox fetched), free user_data left out. */
const API_HOSTS = /^(api\.dataforseo\.com|sandbox\.dataforseo\.com|api\.aisa\.one)(:\d+)?$/;
const paidSince = (w: FirefoxWorld, since: number, endpoint?: string): RecordedRequest[] =>
  w.sandbox.requests
    .slice(since)
    .filter((r) => API_HOSTS.test(r.host) && r.endpoint !== 'user_data' && (!endpoint || r.endpoint === endpoint));

/** The sandbox's answer to a request the extension made, replayed as is. */
async function replay(w: FirefoxWorld, call: RecordedRequest): Promise<Record<string, any>> {
  const auth = Buffer.from(`${DEFAULT_CREDENTIALS.login}:${DEFAULT_CREDENTIALS.password}`).toString('base64');
  const res = await fetch(`http://127.0.0.1:${w.sandbox.port}${call.path}`, {
    method: 'POST',
    headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(call.body),
  });
  const json = (await res.json()) as { tasks: { result: Record<string, any>[] }[] };
  const result = json.tasks[0]?.result?.[0];
  assert.ok(result, `the sandbox answered ${call.path}`);
  return result;
}

describe('Firefox: the journeys in real Firefox ESR', () => {
  let w: FirefoxWorld;
  before(async () => {
    w = await launchFirefoxWorld();
  });
  after(async () => {
    await w?.close();
  });

  test('options page: credentials typed and saved are stored', { timeout: TEST_TIMEOUT }, async () => {
    const page = await w.openExtensionPage('options.html');
    await page.waitForSelector('[data-testid=save-credentials]');
    await page.click('[data-testid=provider-dataforseo]');
    await page.type('[data-testid=login]', DEFAULT_CREDENTIALS.login);
    await page.type('[data-testid=password]', DEFAULT_CREDENTIALS.password);
    await page.click('[data-testid=save-credentials]');
    await waitFor('Saved', async () => (await page.$eval('[data-testid=credentials-status]', (e) => e.textContent ?? '')).includes('Saved'));
    assert.equal(await page.$eval('[data-testid=password]', (e) => (e as HTMLInputElement).value), '', 'the password field is emptied');
    await page.close();
  });

  test('the real toolbar popup on a site tab shows the numbers the sandbox answered', { timeout: TEST_TIMEOUT }, async () => {
    await w.helper();
    const since = w.sandbox.requests.length;
    await w.openSite('https://www.lens-garden-tools.com/shop/rakes?id=3');
    const popup = await w.openRealPopup();
    const shown = await settled(popup);
    assert.deepEqual(shown.errors, []);
    const summaries = paidSince(w, since, 'summary');
    assert.equal(summaries.length, 1, 'one summary call');
    assert.equal(summaries[0]!.target, 'lens-garden-tools.com');
    assert.equal(summaries[0]!.login, DEFAULT_CREDENTIALS.login, 'the saved login went in the auth header');
    assert.equal(paidSince(w, since, 'anchors').length, 1, 'one anchors call');
    const summary = await replay(w, summaries[0]!);
    assert.equal(shown.target, 'lens-garden-tools.com');
    assert.equal(shown.rank, formatExact(summary.rank));
    assert.equal(shown.backlinks, formatCount(summary.backlinks));
    assert.equal(shown.backlinksTitle, formatExact(summary.backlinks));
    assert.equal(shown.referringDomains, formatCount(summary.referring_domains));
  });

  test('the second open of the popup comes from the cache: no new API call', { timeout: TEST_TIMEOUT }, async () => {
    const first = await w.openRealPopup().then(settled);
    await w.closePopup();
    const since = w.sandbox.requests.length;
    const popup = await w.openRealPopup();
    const shown = await settled(popup);
    await sleep(300);
    assert.equal(paidSince(w, since).length, 0, 'nothing was asked of the API');
    assert.equal(shown.backlinks, first.backlinks);
    assert.equal(shown.rank, first.rank);
  });

  test('a wrong password shows the sign-in sentence', { timeout: TEST_TIMEOUT }, async () => {
    await w.sendMessage({ type: 'saveCredentials', credentials: { provider: 'dataforseo', login: DEFAULT_CREDENTIALS.login, password: 'wrong' } });
    try {
      await w.openSite('https://www.lens-auth-pottery.com/');
      const shown = await settled(await w.openRealPopup());
      assert.equal(shown.errors.length, 1, 'one notice when both parts fail the same way');
      assert.equal(shown.errors[0]!.kind, 'auth');
      assert.equal(shown.errors[0]!.message, STATUS_RULES[40100]!.message());
      assert.equal(shown.rank, null);
    } finally {
      await w.closePopup();
      await w.setCredentials();
    }
  });

  test("the popup's Backlinks button opens the sidebar with the site's backlinks", { timeout: TEST_TIMEOUT }, async () => {
    await w.openSite('https://www.lens-sidebar-orchard.com/');
    const popup = await w.openRealPopup();
    await settled(popup);
    const since = w.sandbox.requests.length;
    assert.equal(await w.sidebarOpen(), false, 'no sidebar before the click');
    await popup.click('[data-testid=open-panel]');
    const sidebar = w.sidebar();
    const total = await waitFor('the sidebar total', async () => {
      const t = await sidebar.evaluate<string>(`(d) => d.querySelector('[data-testid=total]')?.textContent ?? ''`);
      return /\d backlinks$/.test(t) ? t : null;
    });
    assert.match(await sidebar.evaluate<string>(`(d) => d.querySelector('[data-testid=panel-target]').getAttribute('title')`), /lens-sidebar-orchard\.com/);
    const calls = paidSince(w, since, 'backlinks');
    assert.equal(calls.length, 1, 'one backlinks call');
    assert.equal(calls[0]!.target, 'lens-sidebar-orchard.com');
    const answer = await replay(w, calls[0]!);
    assert.equal(total, `${formatExact(answer.total_count)} backlinks`);
    await w.chrome(`({ ext, global }) => { global.sidebarActionFor(ext).close(window); }`);
    await waitFor('the sidebar to close', async () => !(await w.sidebarOpen()));
  });

  test('the background script stopped by Firefox is woken by the popup and still answers', { timeout: TEST_TIMEOUT }, async () => {
    await w.closePopup();
    await w.terminateBackground();
    assert.equal(await w.backgroundState(), 'stopped');
    const since = w.sandbox.requests.length;
    await w.openSite('https://www.lens-woken-mill.com/');
    const shown = await settled(await w.openRealPopup());
    assert.deepEqual(shown.errors, []);
    assert.equal(await w.backgroundState(), 'running');
    const summaries = paidSince(w, since, 'summary');
    assert.equal(summaries.length, 1);
    assert.equal(summaries[0]!.login, DEFAULT_CREDENTIALS.login, 'the credentials survived the stop');
    assert.equal(shown.backlinks, formatCount((await replay(w, summaries[0]!)).backlinks));
    await w.closePopup();
    // The cache (IndexedDB in the background page) outlives the stop: the same site again is free.
    await w.terminateBackground();
    assert.equal(await w.backgroundState(), 'stopped');
    const before = w.sandbox.requests.length;
    const again = await settled(await w.openRealPopup());
    assert.deepEqual(again.errors, []);
    assert.equal(again.backlinks, shown.backlinks);
    await sleep(300);
    assert.equal(paidSince(w, before).length, 0, 'answered from the IndexedDB cache after the stop');
    await w.closePopup();
  });

  test("the native context menu's lookup opens the sidebar for the page's site", { timeout: TEST_TIMEOUT }, async () => {
    const page = await w.openSite('https://www.lens-menu-quarry.com/about');
    const since = w.sandbox.requests.length;
    await page.mouse.click(200, 200, { button: 'right' });
    await w.chooseContextMenuItem('Backlink Lens', 'Backlinks of this site');
    const sidebar = w.sidebar();
    await waitFor('the sidebar target', async () =>
      /lens-menu-quarry\.com/.test(await sidebar.evaluate<string>(`(d) => d.querySelector('[data-testid=panel-target]')?.getAttribute('title') ?? ''`)),
    );
    await waitFor('a backlinks call', () => paidSince(w, since, 'backlinks').some((r) => r.target === 'lens-menu-quarry.com'));
    await w.chrome(`({ ext, global }) => { global.sidebarActionFor(ext).close(window); }`);
  });

  test('credentials are kept across a browser restart', { timeout: TEST_TIMEOUT }, async () => {
    await w.restart();
    const page = await w.openExtensionPage('options.html');
    await waitFor('the saved login', async () => (await page.$eval('[data-testid=login]', (e) => (e as HTMLInputElement).value)) === DEFAULT_CREDENTIALS.login);
    const since = w.sandbox.requests.length;
    await w.openSite('https://www.lens-restart-kiln.com/');
    const shown = await settled(await w.openRealPopup());
    assert.deepEqual(shown.errors, []);
    const summaries = paidSince(w, since, 'summary');
    assert.equal(summaries.length, 1);
    assert.equal(summaries[0]!.login, DEFAULT_CREDENTIALS.login);
  });
});
