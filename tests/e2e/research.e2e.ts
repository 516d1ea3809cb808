/**
 * The research views of the side panel in the real browser, against the real worker and the API
 * sandbox (production build): the Referring domains tab — the request body the sandbox receives,
 * the figures on screen equal to the sandbox's answer, sort and filters sent to the API, load more,
 * CSV — a reopen that costs nothing, and an error in one view that leaves the others working.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Papa from 'papaparse';
import { DEFAULT_CREDENTIALS, type SandboxHandle } from '../sandbox/server.ts';
import { launchWorld, REPO_ROOT, type Page, type World } from './harness.ts';

const DOCS_SHOTS = join(REPO_ROOT, 'docs', 'screenshots');

declare const chrome: {
  storage: { session: { set(items: Record<string, unknown>): Promise<void> } };
  tabs: { query(q: { active?: boolean; currentWindow?: boolean }): Promise<Array<{ id?: number }>> };
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

type Task = Record<string, unknown>;
const taskOf = (body: unknown): Task => (body as Task[])[0] as Task;

/** Requests the extension sent (replays of this file go to 127.0.0.1 and are not counted). */
const calls = (sandbox: SandboxHandle, endpoint: string) => sandbox.apiCalls({ endpoint }).filter((r) => r.host === 'api.dataforseo.com');

/** The same task sent to the sandbox directly: what the API answered the panel. */
async function replay(sandbox: SandboxHandle, path: string, task: Task): Promise<{ items: Array<Record<string, unknown>>; total: number }> {
  const auth = Buffer.from(`${DEFAULT_CREDENTIALS.login}:${DEFAULT_CREDENTIALS.password}`).toString('base64');
  const r = await fetch(`http://127.0.0.1:${sandbox.port}/v3/${path}`, {
    method: 'POST',
    headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
    body: JSON.stringify([task]),
  });
  const body = (await r.json()) as { tasks: Array<{ result: Array<{ items: Array<Record<string, unknown>>; total_count: number }> }> };
  const result = body.tasks[0]?.result[0];
  return { items: result?.items ?? [], total: result?.total_count ?? -1 };
}

/** What the popup and the context menu do: hand a target to the panel of the active tab. */
async function handOver(panel: Page, value: string): Promise<void> {
  await panel.evaluate(async (v) => {
    const [active] = await chrome.tabs.query({ active: true, currentWindow: true });
    const tabId = active?.id ?? null;
    const entry = { tabId, target: { scope: 'domain', value: v, display: v }, message: null, at: Date.now() };
    const items: Record<string, unknown> = { 'panel:last': entry };
    if (tabId != null) items[`panel:${tabId}`] = entry;
    await chrome.storage.session.set(items);
  }, value);
}

async function openPanel(world: World, site: Page): Promise<Page> {
  const panel = await world.openExtensionPage('sidepanel.html', { behindSite: site });
  await panel.setViewportSize({ width: 400, height: 820 });
  return panel;
}

const RD = 'backlinks/referring_domains/live';
const rdRows = (panel: Page) => panel.locator('[data-testid=rd-row]');

describe('side panel research views', () => {
  let world: World;
  let site: Page;
  let panel: Page;

  before(async () => {
    world = await launchWorld();
    await world.setCredentials();
    site = await world.openSite('https://www.shop-example.com/products/shoes');
  });
  after(async () => {
    await world?.close();
  });

  test('Referring domains: the body the API gets, and the figures it answered on screen', async () => {
    panel = await openPanel(world, site);
    await handOver(panel, 'shop-example.com');
    await panel.locator('[data-testid=row]').first().waitFor({ timeout: 20_000 });
    world.sandbox.reset();
    await panel.click('[data-testid=tab-referring-domains]');
    await rdRows(panel).first().waitFor({ timeout: 20_000 });
    const sent = calls(world.sandbox, 'referring_domains');
    assert.equal(sent.length, 1);
    const task = taskOf(sent[0]?.body);
    assert.equal(task.target, 'shop-example.com');
    assert.equal(task.limit, 100);
    assert.equal(task.offset, 0);
    assert.deepEqual(task.order_by, ['rank,desc', 'domain,asc']);
    assert.equal('filters' in task, false);

    const { items, total } = await replay(world.sandbox, RD, task);
    assert.ok(items.length > 0);
    const first = rdRows(panel).first();
    assert.equal((await first.locator('.an-text').textContent())?.trim(), items[0]?.domain);
    assert.equal(await first.locator('[data-testid=rd-rank]').textContent(), String(items[0]?.rank));
    const backlinks = items[0]?.backlinks as number;
    const nofollow = ((items[0]?.referring_links_attributes as Record<string, number> | null)?.nofollow ?? 0) as number;
    assert.equal(await first.locator('[data-testid=rd-dofollow]').textContent(), `${Math.round((100 * (backlinks - nofollow)) / backlinks)}%`);
    assert.equal(await panel.textContent('[data-testid=total]'), `${total.toLocaleString('en-US')} referring domains`);
    await world.screenshot(panel, 'panel-referring-domains');
  });

  test('Referring domains: sort and filters go to the API; load more asks by offset; CSV holds what is loaded', async () => {
    world.sandbox.reset();
    await panel.selectOption('[data-testid=rd-sort]', 'backlinks');
    await waitFor('the sorted list', () => calls(world.sandbox, 'referring_domains').length === 1);
    assert.deepEqual(taskOf(calls(world.sandbox, 'referring_domains')[0]?.body).order_by, ['backlinks,desc', 'domain,asc']);

    await panel.fill('[data-testid=rd-min-rank]', '10');
    await panel.press('[data-testid=rd-min-rank]', 'Tab');
    await waitFor('the rank filter', () => calls(world.sandbox, 'referring_domains').length === 2);
    const filtered = taskOf(calls(world.sandbox, 'referring_domains')[1]?.body);
    assert.deepEqual(filtered.filters, ['rank', '>=', 10]);
    await rdRows(panel).first().waitFor();
    const { items, total } = await replay(world.sandbox, RD, filtered);
    assert.ok(items.every((d) => (d.rank as number) >= 10));
    assert.equal(await panel.textContent('[data-testid=total]'), `${total.toLocaleString('en-US')} referring domains`);

    await panel.fill('[data-testid=rd-min-rank]', '');
    await panel.press('[data-testid=rd-min-rank]', 'Tab');
    // Back to a list already asked for: answered from the cache, no call.
    await panel.getByText('100 loaded').waitFor({ timeout: 20_000 });
    await sleep(300);
    assert.equal(calls(world.sandbox, 'referring_domains').length, 2);
    const loadMore = panel.locator('[data-testid=load-more]');
    await loadMore.waitFor({ timeout: 20_000 });
    await loadMore.scrollIntoViewIfNeeded();
    await loadMore.click();
    await waitFor('the second page', () => calls(world.sandbox, 'referring_domains').length === 3);
    const second = taskOf(calls(world.sandbox, 'referring_domains')[2]?.body);
    const firstTask = taskOf(calls(world.sandbox, 'referring_domains')[0]?.body);
    assert.deepEqual({ ...second, offset: 0 }, firstTask, 'every other field unchanged');
    assert.equal(second.offset, 100);
    await panel.getByText('200 loaded').waitFor({ timeout: 20_000 });

    const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('[data-testid=export]')]);
    const raw = readFileSync(await download.path(), 'utf8');
    assert.equal(raw.charCodeAt(0), 0xfeff);
    const rows = Papa.parse<string[]>(raw.slice(1), { skipEmptyLines: true }).data;
    assert.match(download.suggestedFilename(), /^referringDomains-shop-example\.com-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.equal(rows[0]?.[0], 'Referring domain');
    assert.equal(rows.length, 1 + 200);
    const page1 = await replay(world.sandbox, RD, firstTask);
    assert.equal(rows[1]?.[0], page1.items[0]?.domain);
  });

  test('Competitors: the body the API gets, its figures on screen; clicking one checks it', async () => {
    world.sandbox.reset();
    await panel.click('[data-testid=tab-competitors]');
    await panel.locator('[data-testid=co-row]').first().waitFor({ timeout: 60_000 });
    const sent = calls(world.sandbox, 'competitors');
    assert.equal(sent.length, 1);
    const task = taskOf(sent[0]?.body);
    assert.deepEqual(task, {
      target: 'shop-example.com',
      main_domain: true,
      exclude_large_domains: true,
      exclude_internal_backlinks: true,
      rank_scale: task.rank_scale,
      limit: 100,
      offset: 0,
      order_by: ['intersections,desc', 'target,asc'],
    });
    const { items, total } = await replay(world.sandbox, 'backlinks/competitors/live', task);
    assert.equal(await panel.locator('[data-testid=co-row]').count(), items.length);
    assert.equal(await panel.textContent('[data-testid=total]'), `${total.toLocaleString('en-US')} competitors`);
    const first = panel.locator('[data-testid=co-row]').first();
    assert.equal(await first.locator('[data-testid=co-check]').textContent(), items[0]?.target);
    assert.equal(await first.locator('[data-testid=co-rank]').textContent(), String(items[0]?.rank));
    await world.screenshot(panel, 'panel-competitors');

    world.sandbox.reset();
    await first.locator('[data-testid=co-check]').click();
    await waitFor('the competitor checked', async () => ((await panel.textContent('[data-testid=panel-target]')) ?? '').includes(String(items[0]?.target)));
    await waitFor('its competitors asked', () => calls(world.sandbox, 'competitors').some((c) => taskOf(c.body).target === items[0]?.target), 60_000);
    await handOver(panel, 'shop-example.com');
    await panel.click('[data-testid=tab-referring-domains]');
  });

  test('Trend: a year by month, the latest point equals the summary; by week asks again', async () => {
    world.sandbox.reset();
    await panel.click('[data-testid=tab-trend]');
    await panel.locator('[data-testid=trend-chart]').waitFor({ timeout: 30_000 });
    const ts = calls(world.sandbox, 'timeseries_summary');
    const nl = calls(world.sandbox, 'timeseries_new_lost_summary');
    assert.equal(ts.length, 1);
    assert.equal(nl.length, 1);
    const task = taskOf(ts[0]?.body);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(task.target, 'shop-example.com');
    assert.equal(task.group_range, 'month');
    assert.equal(task.date_to, today);
    assert.equal(task.date_from, `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`);
    assert.equal('rank_scale' in taskOf(nl[0]?.body), false);

    const auth = Buffer.from(`${DEFAULT_CREDENTIALS.login}:${DEFAULT_CREDENTIALS.password}`).toString('base64');
    const r = await fetch(`http://127.0.0.1:${world.sandbox.port}/v3/backlinks/summary/live`, {
      method: 'POST',
      headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
      body: JSON.stringify([{ target: 'shop-example.com', include_subdomains: task.include_subdomains }]),
    });
    const s = ((await r.json()) as { tasks: Array<{ result: Array<{ backlinks: number; referring_domains: number }> }> }).tasks[0]!.result[0]!;
    assert.equal(await panel.textContent('[data-testid=trend-domains]'), s.referring_domains.toLocaleString('en-US'));
    assert.equal(await panel.textContent('[data-testid=trend-backlinks]'), s.backlinks.toLocaleString('en-US'));
    await world.screenshot(panel, 'panel-trend');

    world.sandbox.reset();
    await panel.selectOption('[data-testid=trend-group]', 'week');
    await waitFor('the weekly trend', () => calls(world.sandbox, 'timeseries_summary').length === 1);
    assert.equal(taskOf(calls(world.sandbox, 'timeseries_summary')[0]?.body).group_range, 'week');
    await panel.locator('[data-testid=trend-chart]').waitFor({ timeout: 30_000 });
    await panel.selectOption('[data-testid=trend-group]', 'month');
    await panel.locator('[data-testid=trend-chart]').waitFor({ timeout: 30_000 });
    await panel.click('[data-testid=tab-referring-domains]');
  });

  test('Trend: hover values and labelled axes; light and dark colours; ranges (3 months, all since 2019 from the history)', async () => {
    await panel.click('[data-testid=tab-trend]');
    await panel.locator('[data-testid=trend-point]').first().waitFor({ timeout: 30_000 });
    const ts = calls(world.sandbox, 'timeseries_summary');
    const yearTask = taskOf(ts.find((c) => taskOf(c.body).group_range === 'month')?.body ?? ts.at(-1)?.body);
    const year = await replay(world.sandbox, 'backlinks/timeseries_summary/live', { ...yearTask, group_range: 'month' });
    const points = panel.locator('[data-testid=trend-point]');
    assert.equal(await points.count(), year.items.length, 'one hoverable point per month');
    // Hover the first point: its values as text.
    await points.first().hover();
    const first = year.items[0] as { date: string; referring_domains: number; backlinks: number };
    // A month is named by its month (the API dates it by its last day).
    await waitFor('the hovered values', async () => ((await panel.textContent('[data-testid=trend-readout]')) ?? '').startsWith(first.date.slice(0, 7)));
    const readout = (await panel.textContent('[data-testid=trend-readout]')) ?? '';
    assert.ok(readout.includes(`${first.referring_domains.toLocaleString('en-US')} referring domains`), readout);
    assert.ok(readout.includes(`${first.backlinks.toLocaleString('en-US')} backlinks`), readout);
    // Focus (keyboard) works the same way.
    await points.last().focus();
    const lastItem = year.items.at(-1) as { date: string; referring_domains: number };
    await waitFor('the focused values', async () => ((await panel.textContent('[data-testid=trend-readout]')) ?? '').startsWith(lastItem.date.slice(0, 7)));
    assert.ok(((await panel.textContent('[data-testid=trend-readout]')) ?? '').includes(`${lastItem.referring_domains.toLocaleString('en-US')} referring domains`));
    const domains = year.items.map((i) => i.referring_domains as number);
    assert.equal(await panel.textContent('[data-testid=trend-y-max]'), `${Math.max(...domains).toLocaleString('en-US')} domains`);
    assert.equal(await panel.textContent('[data-testid=trend-y-min]'), `lowest ${Math.min(...domains).toLocaleString('en-US')}`);
    assert.equal(await panel.textContent('[data-testid=trend-x-first]'), first.date.slice(0, 7));
    assert.equal(await panel.textContent('[data-testid=trend-x-last]'), lastItem.date.slice(0, 7));

    const look = async (scheme: 'light' | 'dark') => {
      await panel.emulateMedia({ colorScheme: scheme });
      await sleep(200);
      const c = await panel.evaluate<{ bg: string; tick: string; line: string }>(`(() => ({
        bg: getComputedStyle(document.body).backgroundColor,
        tick: getComputedStyle(document.querySelector('[data-testid=trend-y-max]')).fill,
        line: getComputedStyle(document.querySelector('.trend-line.domains')).stroke,
      }))()`);
      await panel.locator('[data-testid=trend-chart]').scrollIntoViewIfNeeded();
      await panel.screenshot({ path: join(DOCS_SHOTS, `sidepanel-trend-${scheme}.png`) });
      return c;
    };
    const light = await look('light');
    const dark = await look('dark');
    await panel.emulateMedia({ colorScheme: 'light' });
    assert.notEqual(light.bg, dark.bg, 'the background follows the scheme');
    assert.notEqual(light.tick, dark.tick, 'the axis labels follow the scheme');
    assert.notEqual(light.tick, light.bg);
    assert.notEqual(dark.tick, dark.bg);
    assert.notEqual(light.line, 'none');

    world.sandbox.reset();
    await panel.selectOption('[data-testid=trend-span]', '3m');
    await waitFor('3 months asked', () => calls(world.sandbox, 'timeseries_summary').length === 1 && calls(world.sandbox, 'timeseries_new_lost_summary').length === 1);
    const three = taskOf(calls(world.sandbox, 'timeseries_summary')[0]?.body);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(three.date_to, today);
    assert.ok(String(three.date_from) > `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, `3 months back: ${String(three.date_from)}`);
    assert.equal(calls(world.sandbox, 'timeseries_new_lost_summary').length, 1);

    world.sandbox.reset();
    await panel.selectOption('[data-testid=trend-span]', 'all');
    await waitFor('the history asked', () => calls(world.sandbox, 'history').length === 1, 30_000);
    assert.equal(calls(world.sandbox, 'timeseries_summary').length, 0, 'all since 2019 is the history, not the timeseries');
    const hist = taskOf(calls(world.sandbox, 'history')[0]?.body);
    assert.deepEqual(hist, { target: 'shop-example.com', date_from: '2019-01-01', date_to: today, rank_scale: hist.rank_scale });
    const h = await replay(world.sandbox, 'backlinks/history/live', hist);
    await waitFor('the history drawn', async () => (await panel.locator('[data-testid=trend-point]').count()) === h.items.length, 30_000);
    const lastH = h.items.at(-1) as { referring_domains: number; backlinks: number };
    assert.equal(await panel.textContent('[data-testid=trend-domains]'), lastH.referring_domains.toLocaleString('en-US'));
    assert.equal(await panel.textContent('[data-testid=trend-backlinks]'), lastH.backlinks.toLocaleString('en-US'));
    assert.equal(await panel.locator('[data-testid=trend-group]').isDisabled(), true, 'the history is monthly');
    await world.screenshot(panel, 'panel-trend-all');

    // A single page has no history since 2019: said so, nothing asked.
    world.sandbox.reset();
    await panel.selectOption('[data-testid=scope]', 'page');
    await panel.locator('[data-testid=trend-unavailable]').waitFor({ timeout: 20_000 });
    assert.match((await panel.textContent('[data-testid=trend-unavailable]')) ?? '', /whole domains only.*Nothing was asked/);
    await sleep(300);
    for (const e of ['history', 'timeseries_summary', 'timeseries_new_lost_summary']) assert.equal(calls(world.sandbox, e).length, 0, `no ${e} call for a page`);
    await panel.selectOption('[data-testid=scope]', 'domain');
    await waitFor('the domain again', async () => (await panel.getAttribute('[data-testid=panel-target]', 'data-scope')) === 'domain');
    await panel.locator('[data-testid=trend-point]').first().waitFor({ timeout: 30_000 });

    // Back to a range asked before: from the cache, no call.
    world.sandbox.reset();
    await panel.selectOption('[data-testid=trend-span]', '1y');
    await waitFor('the cached year', async () => ((await panel.textContent('[data-testid=trend-cost]')) ?? '').includes('no cost'));
    assert.equal(world.sandbox.apiCalls().filter((r) => r.host === 'api.dataforseo.com').length, 0);
    await panel.click('[data-testid=tab-referring-domains]');
  });

  test('Link gap: pre-filled from Competitors; the intersection minus the site; CSV', async () => {
    await panel.click('[data-testid=tab-competitors]');
    await panel.locator('[data-testid=co-row]').first().waitFor({ timeout: 60_000 });
    const shown = await panel.locator('[data-testid=co-check]').allTextContents();
    world.sandbox.reset();
    await panel.click('[data-testid=tab-link-gap]');
    const box = panel.locator('[data-testid=gap-competitors]');
    await box.waitFor();
    assert.deepEqual((await box.inputValue()).split('\n'), shown.slice(0, 19));
    assert.equal(calls(world.sandbox, 'domain_intersection').length, 0, 'nothing is asked before the button');
    await panel.click('[data-testid=gap-run]');
    await waitFor('the link gap asked', () => calls(world.sandbox, 'domain_intersection').length === 1, 60_000);
    const task = taskOf(calls(world.sandbox, 'domain_intersection')[0]?.body);
    assert.deepEqual(task.targets, Object.fromEntries(shown.slice(0, 19).map((d, i) => [String(i + 1), d])));
    assert.deepEqual(task.exclude_targets, ['shop-example.com']);
    assert.equal(task.intersection_mode, 'partial');
    const { items, total } = await replay(world.sandbox, 'backlinks/domain_intersection/live', task);
    await panel.locator('[data-testid=total]').waitFor({ timeout: 60_000 });
    assert.equal(await panel.textContent('[data-testid=total]'), `${total.toLocaleString('en-US')} domains`);
    if (items.length > 0) {
      await panel.locator('[data-testid=gap-row]').first().waitFor();
      const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('[data-testid=export]')]);
      const rows = Papa.parse<string[]>(readFileSync(await download.path(), 'utf8').slice(1), { skipEmptyLines: true }).data;
      assert.match(download.suggestedFilename(), /^domainIntersection-shop-example\.com-/);
      assert.equal(rows[0]?.[0], 'Referring domain');
      assert.equal(rows.length, 1 + Math.min(items.length, 100));
    }
    await world.screenshot(panel, 'panel-link-gap');
    await panel.click('[data-testid=tab-referring-domains]');
  });

  test('New & lost: counts per month equal the API answer; new links then lost links with the right status type', async () => {
    world.sandbox.reset();
    await panel.click('[data-testid=tab-new-lost]');
    await panel.locator('[data-testid=nl-period]').first().waitFor({ timeout: 30_000 });
    const nl = calls(world.sandbox, 'timeseries_new_lost_summary');
    // The default period: the last 90 days, today included, counted per month.
    assert.equal(nl.length, 1);
    const today = new Date().toISOString().slice(0, 10);
    const start = new Date(Date.parse(`${today}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);
    assert.equal(await panel.textContent('[data-testid=nl-range]'), `${start} – ${today}`);
    const nlTask = { target: 'shop-example.com', date_from: start, date_to: today, group_range: 'month', include_subdomains: true };
    assert.deepEqual(taskOf(nl[0]?.body), nlTask);
    const answer = await replay(world.sandbox, 'backlinks/timeseries_new_lost_summary/live', nlTask);
    const latest = answer.items.at(-1) as { new_backlinks: number; lost_backlinks: number };
    const cells = await panel.locator('[data-testid=nl-period]').first().locator('td').allTextContents();
    assert.equal(cells[1], latest.new_backlinks.toLocaleString('en-US'));
    assert.equal(cells[2], latest.lost_backlinks.toLocaleString('en-US'));

    await waitFor('the new links asked', () => calls(world.sandbox, 'backlinks').length >= 1);
    const fresh = taskOf(calls(world.sandbox, 'backlinks').at(-1)?.body);
    const from = (await panel.textContent('[data-testid=nl-range]'))!.slice(0, 10);
    assert.deepEqual(fresh.filters, ['first_seen', '>=', `${from} 00:00:00 +00:00`]);
    assert.equal(fresh.backlinks_status_type, 'live');
    const rows = await replay(world.sandbox, 'backlinks/backlinks/live', fresh);
    assert.ok(rows.items.every((i) => String(i.first_seen) >= from), 'the sandbox answered links first seen in the period');
    await panel.locator('[data-testid=total]').waitFor({ timeout: 20_000 });
    assert.equal(await panel.textContent('[data-testid=total]'), `${rows.total.toLocaleString('en-US')} backlinks`);
    assert.deepEqual((fresh.order_by as string[])[0], 'first_seen,desc');
    await panel.click('[data-testid=nl-lost]');
    await waitFor('the lost links asked', () => calls(world.sandbox, 'backlinks').some((c) => taskOf(c.body).backlinks_status_type === 'lost'));
    const lost = taskOf(calls(world.sandbox, 'backlinks').at(-1)?.body);
    assert.equal(lost.backlinks_status_type, 'lost');
    assert.deepEqual(lost.filters, ['last_seen', '>=', `${from} 00:00:00 +00:00`]);
    assert.deepEqual((lost.order_by as string[])[0], 'last_seen,desc');
    await panel.locator('[data-testid=total]').waitFor({ timeout: 20_000 });
    await world.screenshot(panel, 'panel-new-lost');
    await panel.click('[data-testid=tab-referring-domains]');
  });

  test('a reopened panel shows the cached referring domains and costs nothing', async () => {
    const before = (await world.sendMessage({ type: 'spend' })) as { ok: boolean; data: { today: number } };
    world.sandbox.reset();
    await panel.close();
    panel = await openPanel(world, site);
    await handOver(panel, 'shop-example.com');
    await panel.locator('[data-testid=tab-referring-domains]').waitFor();
    await panel.click('[data-testid=tab-referring-domains]');
    await rdRows(panel).first().waitFor({ timeout: 20_000 });
    await sleep(300);
    assert.equal(calls(world.sandbox, 'referring_domains').length, 0, 'no call for a cached list');
    const afterSpend = (await world.sendMessage({ type: 'spend' })) as { ok: boolean; data: { today: number } };
    assert.equal(afterSpend.data.today, before.data.today);
  });

  test('an error in the referring domains view leaves the other views working', async () => {
    world.sandbox.reset();
    world.sandbox.addFault({ endpoint: 'referring_domains', statusCode: 50000, target: 'other-shop.com' });
    await handOver(panel, 'other-shop.com');
    await panel.locator('[data-testid=error]').first().waitFor({ timeout: 20_000 });
    assert.equal(await rdRows(panel).count(), 0);
    await panel.click('[data-testid=tab-anchors]');
    await panel.locator('[data-testid=row]').first().waitFor({ timeout: 20_000 });
    assert.ok(calls(world.sandbox, 'anchors').some((c) => taskOf(c.body).target === 'other-shop.com'));
    world.sandbox.clearFaults();
  });
});
