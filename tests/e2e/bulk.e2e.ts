/**
 * The "list of sites" page in the production build, against the local sandbox (fast bulk figures):
 * a list of 2,500 sites with some entries the extension must refuse. The refused ones never reach
 * the API (checked in the sandbox's request log); the price is shown before anything is bought;
 * each figure is bought in 3 calls of ≤ 1,000 sites; progress is shown batch by batch; the table
 * holds what the API answered and the CSV export matches the table; a second list that shares
 * sites with the first buys only the new ones.
 *
 * Run: npm run test:e2e -- bulk
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Papa from 'papaparse';
import { formatMoney } from '../../lib/format.ts';
import { DEFAULT_CREDENTIALS, type RecordedRequest } from '../sandbox/server.ts';
import { launchWorld, TEST_TIMEOUT, type Page, type World } from './harness.ts';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const BULK = ['bulk_ranks', 'bulk_referring_domains', 'bulk_backlinks', 'bulk_spam_score'] as const;
const sites = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${i}.com`);
/** Entries the worker must refuse (each with its reason), and a duplicate written differently. */
const REFUSED = ['localhost', '192.168.1.20', 'chrome://settings', 'http://intranet/', 'mailto:me@example.com', 'file:///etc/hosts', 'https://10.0.0.1/admin'];
const FIRST = sites(2500, 'bulk-site');

let world: World;

before(async () => {
  world = await launchWorld({ sandboxOptions: { bulkFigures: 'fast' } });
  await world.setCredentials();
});
after(async () => {
  await world?.close();
});

const bulkCalls = (): RecordedRequest[] => world.sandbox.requests.filter((r) => (BULK as readonly string[]).includes(r.endpoint));
const targetsOf = (r: RecordedRequest): string[] => ((r.body as { targets: string[] }[])[0]?.targets ?? []);
const text = async (page: Page, id: string) => ((await page.getByTestId(id).textContent()) ?? '').trim();

/** The figures the sandbox answers for these sites, asked directly (the same deterministic data). */
async function sandboxFigures(targets: string[]): Promise<Map<string, Record<string, unknown>>> {
  const auth = `Basic ${Buffer.from(`${DEFAULT_CREDENTIALS.login}:${DEFAULT_CREDENTIALS.password}`).toString('base64')}`;
  const out = new Map<string, Record<string, unknown>>();
  for (const name of BULK) {
    for (let i = 0; i < targets.length; i += 1000) {
      const task: Record<string, unknown> = { targets: targets.slice(i, i + 1000) };
      if (name === 'bulk_ranks') task.rank_scale = 'one_hundred';
      const res = await fetch(`${world.sandbox.url}/v3/backlinks/${name}/live`, { method: 'POST', headers: { authorization: auth }, body: JSON.stringify([task]) });
      const body = (await res.json()) as { tasks: { result: { items: Record<string, unknown>[] }[] }[] };
      for (const item of body.tasks[0]!.result[0]!.items) {
        const t = String(item.target);
        out.set(t, { ...(out.get(t) ?? {}), ...item });
      }
    }
  }
  return out;
}

async function exportCsv(page: Page): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulk-export').click()]);
  const raw = readFileSync(await download.path(), 'utf8');
  assert.equal(raw.charCodeAt(0), 0xfeff, 'the CSV starts with a UTF-8 BOM');
  const parsed = Papa.parse<string[]>(raw.slice(1), { skipEmptyLines: true, delimiter: ',' });
  assert.deepEqual(parsed.errors, []);
  assert.match(download.suggestedFilename(), /^sites-\d{4}-\d{2}-\d{2}\.csv$/);
  return parsed.data;
}

/** The rows the virtual table shows now (the first screenful), as cell texts. */
const visibleRows = (page: Page) =>
  page.$$eval('[data-testid=bulk-row]', (rows) =>
    rows
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((r) => [...r.querySelectorAll('.b-grid > span')].map((c) => (c.textContent ?? '').trim())),
  );

async function quote(page: Page, list: string[]): Promise<void> {
  // As a paste: the whole text at once, one input event (Playwright's fill() does not return on a text this long).
  await page.getByTestId('bulk-input').evaluate((el, value) => {
    (el as HTMLTextAreaElement).value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, list.join('\n'));
  await page.getByTestId('bulk-quote').click();
  await page.getByTestId('bulk-quote-view').waitFor({ timeout: 20_000 });
}

/** Runs the quoted list, sampling the progress bar until it says finished. */
async function runAndWatch(page: Page): Promise<{ labels: string[]; values: number[] }> {
  const labels: string[] = [];
  const values: number[] = [];
  await page.getByTestId('bulk-run').click();
  const end = Date.now() + 120_000;
  for (;;) {
    const label = await text(page, 'bulk-progress-label').catch(() => '');
    const value = Number(await page.getByTestId('bulk-bar').getAttribute('aria-valuenow').catch(() => 'NaN'));
    if (label && labels.at(-1) !== label) labels.push(label);
    if (Number.isFinite(value) && values.at(-1) !== value) values.push(value);
    if (label.startsWith('Finished')) break;
    if (Date.now() > end) throw new Error(`the run did not finish; progress seen: ${labels.join(' → ')}`);
    await sleep(100);
  }
  return { labels, values };
}

describe('list of sites', () => {
  let page: Page;
  let firstSpent = 0;

  it('2,500 sites with refused entries: priced first, refused never sent, 3 calls per figure, progress, table = API, CSV = table', { timeout: TEST_TIMEOUT * 3 }, async () => {
    page = await world.openExtensionPage('bulk.html');
    await page.getByTestId('bulk-input').waitFor();
    const list = [...FIRST.slice(0, 1200), ...REFUSED, 'https://www.BULK-SITE-7.com/', ...FIRST.slice(1200)];
    await quote(page, list);
    // The quote is free and sends nothing.
    assert.equal(bulkCalls().length, 0, 'no bulk call before the run');
    assert.equal(await text(page, 'bulk-accepted'), '2,500');
    assert.equal(await text(page, 'bulk-refused-count'), String(REFUSED.length));
    const refusedItems = await page.locator('[data-testid=bulk-refused] li').allTextContents();
    assert.equal(refusedItems.length, REFUSED.length);
    for (const [i, r] of REFUSED.entries()) {
      assert.ok(refusedItems[i]!.startsWith(r), `refused entry ${r} is listed`);
      assert.ok(refusedItems[i]!.length > r.length + 10, `refused entry ${r} has its reason`);
    }
    assert.equal(await text(page, 'bulk-calls'), '12');
    const perCall = (n: number) => 0.02 + 0.00003 * n;
    const expected = 4 * (perCall(1000) * 2 + perCall(500));
    assert.equal(await text(page, 'bulk-price'), formatMoney(expected));
    for (const m of ['rank', 'referringDomains', 'backlinks', 'spamScore']) {
      assert.deepEqual((await page.getByTestId(`bulk-permetric-${m}`).locator('td').allTextContents()).slice(1), ['0', '2,500', '3'], m);
    }

    // A latency long enough for the page to be seen between batches (the result does not depend on it).
    world.sandbox.setLatency(1200);
    const progress = await runAndWatch(page);
    world.sandbox.setLatency(0);
    assert.ok(progress.labels.includes('Batch 2 of 3') || progress.labels.includes('Batch 3 of 3'), `batches shown: ${progress.labels.join(' → ')}`);
    assert.equal(progress.labels.at(-1), 'Finished');
    assert.ok(progress.values.some((v) => v > 0 && v < 2500), `an intermediate progress value was shown: ${progress.values.join(', ')}`);
    assert.equal(progress.values.at(-1), 2500);

    // The request log: 3 calls per figure, ≤ 1,000 sites each, exactly the 2,500 sites, nothing refused.
    const calls = bulkCalls();
    assert.equal(calls.length, 12);
    for (const name of BULK) {
      const mine = calls.filter((c) => c.endpoint === name);
      assert.deepEqual(mine.map((c) => targetsOf(c).length).sort((a, b) => b - a), [1000, 1000, 500], name);
      assert.deepEqual([...mine.flatMap(targetsOf)].sort(), [...FIRST].sort(), `${name} carried exactly the accepted sites`);
      for (const c of mine) assert.equal(c.statusCode, 20000);
    }
    const sent = JSON.stringify(calls.map((c) => c.body));
    for (const token of ['localhost', '192.168.1.20', 'settings', 'intranet', 'example.com', 'hosts', '10.0.0.1']) {
      assert.ok(!sent.includes(token), `${token} was never sent`);
    }
    const charged = Math.round(calls.reduce((s, c) => s + c.cost, 0) * 1e6) / 1e6;
    firstSpent = charged;
    assert.equal(await text(page, 'bulk-spent-calls'), '12');
    assert.equal(await text(page, 'bulk-spent'), formatMoney(charged));
    const spend = (await world.sendMessage({ type: 'spend' })) as { ok: true; data: { today: number } };
    assert.ok(Math.abs(spend.data.today - charged) < 1e-6, `the ledger holds what the API charged (${spend.data.today} vs ${charged})`);
    console.log(`# 2,500-site list: ${calls.length} calls, charged $${charged.toFixed(5)} (quoted ${formatMoney(expected)})`);
    assert.equal((await page.getByTestId('bulk-failed').count()), 0);

    // The table holds the API's figures; the CSV export is the table, in the table's order.
    assert.equal(await text(page, 'bulk-shown'), '2,500 of 2,500 sites');
    const api = await sandboxFigures(FIRST);
    const csv = await exportCsv(page);
    assert.deepEqual(csv[0], ['Site', 'Rank', 'Referring domains', 'Nofollow domains', 'Backlinks', 'Spam score', 'Fetched']);
    assert.equal(csv.length, 2501);
    assert.deepEqual(csv.slice(1).map((r) => r[0]), [...FIRST].sort((a, b) => a.localeCompare(b)), 'sorted by site, as the table');
    for (const row of csv.slice(1)) {
      const a = api.get(row[0]!)!;
      assert.deepEqual(row.slice(1, 6), [a.rank, a.referring_domains, a.referring_domains_nofollow, a.backlinks, a.spam_score].map(String), String(row[0]));
    }
    const shown = await visibleRows(page);
    assert.ok(shown.length >= 10 && shown.length < 200, `a virtual list shows a screenful, not 2,500 rows (${shown.length})`);
    assert.deepEqual(shown, csv.slice(1, 1 + shown.length), 'the first rows of the table are the first rows of the CSV');

    // Sorted by backlinks (descending) and filtered: the CSV follows the table.
    await page.getByTestId('bulk-sort-backlinks').click();
    await page.getByTestId('bulk-filter').fill('site-12');
    const filtered = FIRST.filter((t) => t.includes('site-12'));
    assert.equal(await text(page, 'bulk-shown'), `${filtered.length} of 2,500 sites`);
    const csv2 = await exportCsv(page);
    assert.equal(csv2.length, filtered.length + 1);
    const backlinks = csv2.slice(1).map((r) => Number(r[4]));
    assert.deepEqual(backlinks, [...backlinks].sort((a, b) => b - a));
    assert.deepEqual(await visibleRows(page), csv2.slice(1, 1 + (await visibleRows(page)).length));
    await world.screenshot(page, 'bulk-2500');
  });

  it('a second list sharing 1,500 sites buys only the 700 new ones', { timeout: TEST_TIMEOUT * 2 }, async () => {
    assert.ok(firstSpent > 0, 'runs after the first list');
    const before = bulkCalls().length;
    const fresh = sites(700, 'bulk-new');
    const list = [...FIRST.slice(500, 2000), ...fresh];
    await page.getByTestId('bulk-filter').fill('');
    await quote(page, list);
    for (const m of ['rank', 'referringDomains', 'backlinks', 'spamScore']) {
      assert.deepEqual((await page.getByTestId(`bulk-permetric-${m}`).locator('td').allTextContents()).slice(1), ['1,500', '700', '1']);
    }
    assert.equal(await text(page, 'bulk-calls'), '4');
    assert.equal(await text(page, 'bulk-price'), formatMoney(4 * (0.02 + 0.00003 * 700)));
    const progress = await runAndWatch(page);
    assert.equal(progress.labels.at(-1), 'Finished');
    const calls = bulkCalls().slice(before);
    assert.equal(calls.length, 4);
    for (const c of calls) assert.deepEqual(targetsOf(c), fresh, `${c.endpoint} carried only the new sites`);
    const charged = Math.round(calls.reduce((s, c) => s + c.cost, 0) * 1e6) / 1e6;
    assert.equal(await text(page, 'bulk-spent'), formatMoney(charged));
    assert.equal(await text(page, 'bulk-shown'), '2,200 of 2,200 sites');
    const api = await sandboxFigures([FIRST[600]!, fresh[3]!]);
    const csv = await exportCsv(page);
    for (const t of [FIRST[600]!, fresh[3]!]) {
      const row = csv.find((r) => r[0] === t)!;
      const a = api.get(t)!;
      assert.deepEqual(row.slice(1, 6), [a.rank, a.referring_domains, a.referring_domains_nofollow, a.backlinks, a.spam_score].map(String), t);
    }
    console.log(`# second list (1,500 shared + 700 new): ${calls.length} calls, charged $${charged.toFixed(5)}`);
  });

  it('a failed call keeps what the others fetched and says what failed; it is not charged', { timeout: TEST_TIMEOUT * 2 }, async () => {
    const before = bulkCalls().length;
    const spentBefore = ((await world.sendMessage({ type: 'spend' })) as { data: { today: number } }).data.today;
    const list = sites(1200, 'bulk-fail');
    world.sandbox.addFault({ endpoint: 'bulk_backlinks', statusCode: 50000, times: 1 });
    await page.getByTestId('bulk-sort-target').click();
    await quote(page, list);
    assert.equal(await text(page, 'bulk-calls'), '8');
    const progress = await runAndWatch(page);
    assert.equal(progress.labels.at(-1), 'Finished with failures');
    const failedText = await text(page, 'bulk-failed');
    assert.match(failedText, /Backlinks, sites 1–1000: .*DataForSEO/);
    const calls = bulkCalls().slice(before);
    assert.equal(calls.length, 8, 'every planned call was tried once');
    const failedCall = calls.find((c) => c.endpoint === 'bulk_backlinks' && c.statusCode !== 20000)!;
    assert.equal(failedCall.statusCode, 50000);
    assert.equal(failedCall.cost, 0);
    const charged = Math.round(calls.reduce((sum, c) => sum + c.cost, 0) * 1e6) / 1e6;
    const spentAfter = ((await world.sendMessage({ type: 'spend' })) as { data: { today: number } }).data.today;
    assert.ok(Math.abs(spentAfter - spentBefore - charged) < 1e-6, 'the ledger took only what the API charged');
    assert.equal(await text(page, 'bulk-shown'), '1,200 of 1,200 sites');
    const csv = await exportCsv(page);
    const failedTargets = new Set(targetsOf(failedCall));
    assert.equal(failedTargets.size, 1000);
    for (const row of csv.slice(1)) {
      assert.notEqual(row[1], '', `${row[0]} keeps its rank`);
      if (failedTargets.has(row[0]!)) assert.equal(row[4], '', `${row[0]} has no backlinks figure`);
      else assert.notEqual(row[4], '', `${row[0]} has its backlinks figure`);
    }
    // A retry buys only the missing backlinks.
    await quote(page, list);
    assert.equal(await text(page, 'bulk-calls'), '1');
    assert.deepEqual((await page.getByTestId('bulk-permetric-backlinks').locator('td').allTextContents()).slice(1), ['200', '1,000', '1']);
  });

  it('Options and the side panel link to the page', { timeout: TEST_TIMEOUT }, async () => {
    for (const from of ['options.html', 'sidepanel.html']) {
      const p = await world.openExtensionPage(from);
      const link = p.getByTestId('open-bulk');
      await link.waitFor();
      const [opened] = await Promise.all([world.ctx.waitForEvent('page'), link.click()]);
      await opened.getByTestId('bulk-input').waitFor();
      assert.equal(new URL(opened.url()).pathname, '/bulk.html', from);
      await opened.close();
      await p.close();
    }
  });

  it('no page error on the way', () => {
    assert.deepEqual(world.pageErrors, []);
  });
});
