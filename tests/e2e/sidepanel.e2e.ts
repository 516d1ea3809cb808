/**
 * The side panel in the real browser, against the real worker and the API sandbox: a handed-over
 * target, paging, sort and filters sent to the API, CSV export, a thousand rows in a bounded DOM,
 * hostile API text, and following the active tab without spending on cached or unsupported tabs.
 *
 * The panel is opened as an ordinary extension page behind the site tab (`openExtensionPage(…,
 * {behindSite})`), so it sees the site tab as the active one, as the real side panel does.
 *
 * Following tabs needs the optional `tabs` permission. In headless Chromium, `permissions.request`
 * for it shows the browser's prompt, which a test cannot answer (the promise stays pending). The
 * "follow" tests therefore load a copy of the same build whose manifest lists `tabs` as granted at
 * install; the click on "Follow the tab I'm on" still calls `permissions.request`, which then
 * resolves at once, and the panel's tab listeners run for real.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Papa from 'papaparse';
import { DEFAULT_CREDENTIALS, type SandboxHandle } from '../sandbox/server.ts';
import { defaultExtensionDir, launchWorld, type Page, type World } from './harness.ts';

declare const chrome: {
  storage: { session: { set(items: Record<string, unknown>): Promise<void> } };
  tabs: { query(q: { active?: boolean; currentWindow?: boolean }): Promise<Array<{ id?: number }>> };
  permissions: { contains(p: { permissions: string[] }): Promise<boolean> };
};

const PANEL_SIZE = { width: 400, height: 820 };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Backlinks requests the extension sent (the replays of this file go to 127.0.0.1 and are not counted). */
function panelCalls(sandbox: SandboxHandle, endpoint: 'backlinks' | 'anchors' = 'backlinks') {
  return sandbox.apiCalls({ endpoint }).filter((r) => r.host === 'api.dataforseo.com');
}

type Task = Record<string, unknown>;
const taskOf = (body: unknown): Task => (body as Task[])[0] as Task;

/** Sends the same task to the sandbox directly and returns its items: what the API answered the panel. */
async function replay(sandbox: SandboxHandle, task: Task): Promise<Array<Record<string, unknown>>> {
  return (await replayPage(sandbox, task)).items;
}

async function replayPage(sandbox: SandboxHandle, task: Task): Promise<{ items: Array<Record<string, unknown>>; total: number }> {
  const auth = Buffer.from(`${DEFAULT_CREDENTIALS.login}:${DEFAULT_CREDENTIALS.password}`).toString('base64');
  const r = await fetch(`http://127.0.0.1:${sandbox.port}/v3/backlinks/backlinks/live`, {
    method: 'POST',
    headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
    body: JSON.stringify([task]),
  });
  const body = (await r.json()) as { tasks: Array<{ result: Array<{ items: Array<Record<string, unknown>>; total_count: number }> }> };
  const result = body.tasks[0]?.result[0];
  return { items: result?.items ?? [], total: result?.total_count ?? -1 };
}

/** What the popup and the context menu do: hand a target to the panel of the active tab. */
async function handOver(panel: Page, value: string, scope: 'domain' | 'host' | 'page' = 'domain'): Promise<void> {
  await panel.evaluate(
    async ([v, s]) => {
      const [active] = await chrome.tabs.query({ active: true, currentWindow: true });
      const tabId = active?.id ?? null;
      const entry = { tabId, target: { scope: s, value: v, display: v }, message: null, at: Date.now() };
      const items: Record<string, unknown> = { 'panel:last': entry };
      if (tabId != null) items[`panel:${tabId}`] = entry;
      await chrome.storage.session.set(items);
    },
    [value, scope] as const,
  );
}

async function openPanel(world: World, site: Page): Promise<Page> {
  const panel = await world.openExtensionPage('sidepanel.html', { behindSite: site });
  await panel.setViewportSize(PANEL_SIZE);
  return panel;
}

const rowCount = (panel: Page) => panel.locator('[data-testid=row]').count();
const firstDomain = (panel: Page) => panel.locator('[data-testid=row] .bl-domain').first().textContent();
const loadedText = (panel: Page) => panel.locator('.status-line').textContent();

async function waitForRows(panel: Page): Promise<void> {
  await panel.locator('[data-testid=row]').first().waitFor({ timeout: 15_000 });
}

/** The CSV the panel downloads, parsed (BOM checked and removed). */
async function exportCsv(panel: Page): Promise<{ name: string; rows: string[][]; raw: string }> {
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('[data-testid=export]')]);
  const path = await download.path();
  const raw = readFileSync(path, 'utf8');
  assert.equal(raw.charCodeAt(0), 0xfeff, 'the file starts with a UTF-8 BOM');
  const parsed = Papa.parse<string[]>(raw.slice(1), { skipEmptyLines: true, delimiter: ',' });
  assert.deepEqual(parsed.errors, []);
  return { name: download.suggestedFilename(), rows: parsed.data, raw };
}

describe('side panel', () => {
  let world: World;
  let site: Page;
  let panel: Page;

  before(async () => {
    world = await launchWorld();
    await world.setCredentials();
    await world.sendMessage({ type: 'saveSettings', patch: { backlinksPageSize: 100, anchorsPageSize: 100 } });
    site = await world.openSite('https://www.shop-example.com/products/shoes');
  });
  after(async () => {
    await world?.close();
  });

  test('without a hand-over or tab access it explains itself and spends nothing', async () => {
    world.sandbox.reset();
    panel = await openPanel(world, site);
    await panel.getByText('cannot see which site this tab shows').waitFor();
    assert.equal(await panel.textContent('[data-testid=panel-target]'), 'No site');
    await sleep(300);
    assert.equal(panelCalls(world.sandbox).length, 0);
    await world.screenshot(panel, 'panel-no-access');
  });

  test('a handed-over target shows its backlinks, best rank first, with the total', async () => {
    world.sandbox.reset();
    await handOver(panel, 'shop-example.com');
    await waitForRows(panel);
    const header = await panel.textContent('[data-testid=panel-target]');
    // The scope is shown once, by the scope select (the heading no longer repeats it).
    assert.match((await panel.locator('[data-testid=scope] option:checked').textContent()) ?? '', /Whole domain/);
    assert.match(header ?? '', /shop-example\.com/);

    const calls = panelCalls(world.sandbox);
    assert.equal(calls.length, 1);
    const task = taskOf(calls[0]?.body);
    assert.equal(task.target, 'shop-example.com');
    assert.equal(task.limit, 100);
    assert.equal(task.offset, 0);
    assert.equal(task.mode, 'as_is');
    assert.deepEqual((task.order_by as string[])[0], 'rank,desc');

    const items = await replay(world.sandbox, task);
    assert.ok(items.length > 0);
    assert.equal(await firstDomain(panel), items[0]?.domain_from);
    assert.match((await panel.textContent('[data-testid=total]')) ?? '', /^[\d,]+ backlinks$/);
    await world.screenshot(panel, 'panel-first-page');
  });

  test('a row expands with the button and with the keyboard', async () => {
    const row = panel.locator('[data-testid=row]').first();
    const toggle = row.locator('button.expand');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await row.locator('.bl-details').waitFor();
    const details = (await row.locator('.bl-details').textContent()) ?? '';
    assert.match(details, /Context/);
    assert.match(details, /Links to/);
    await world.screenshot(panel, 'panel-row-expanded');
    await toggle.focus();
    await panel.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  });

  test('load more asks for the next page by offset, every other field unchanged', async () => {
    world.sandbox.reset();
    const before = await panel.locator('[data-testid=row]').count();
    assert.ok(before > 0);
    await panel.locator('[data-testid=load-more]').scrollIntoViewIfNeeded();
    await panel.click('[data-testid=load-more]');
    await waitFor('the second page', () => panelCalls(world.sandbox).length === 1);
    await panel.getByText('200 loaded').waitFor();
    const next = taskOf(panelCalls(world.sandbox)[0]?.body);
    assert.equal(next.offset, 100);
    assert.equal(next.limit, 100);
    assert.equal(next.target, 'shop-example.com');
    assert.equal(next.mode, 'as_is');
    assert.deepEqual(next.order_by, ['rank,desc', 'url_from,asc']);
  });

  test('one per domain and dofollow only are sent to the API and start again from page 1', async () => {
    world.sandbox.reset();
    await panel.locator('[data-testid=list-scroll]').evaluate((el) => (el.scrollTop = 0));
    await panel.selectOption('[data-testid=mode]', 'one_per_domain');
    await waitFor('the grouped request', () => panelCalls(world.sandbox).length === 1);
    await panel.check('[data-testid=f-dofollow]');
    await waitFor('the filtered request', () => panelCalls(world.sandbox).length === 2);
    const task = taskOf(panelCalls(world.sandbox)[1]?.body);
    assert.equal(task.mode, 'one_per_domain');
    assert.equal(task.offset, 0);
    assert.deepEqual(task.filters, ['dofollow', '=', true]);
    await waitForRows(panel);
    assert.doesNotMatch((await loadedText(panel)) ?? '', /200 loaded/, 'the list starts again from page 1');

    const items = await replay(world.sandbox, task);
    assert.equal(await firstDomain(panel), items[0]?.domain_from);
    const shown = await panel.locator('[data-testid=row] .bl-domain').allTextContents();
    assert.equal(new Set(shown).size, shown.length, 'one row per referring domain');
    const follow = await panel.locator('[data-testid=row] .bl-head .follow').allTextContents();
    assert.ok(follow.every((f) => f === 'dofollow'), `all dofollow: ${follow.join('|')}`);
    await world.screenshot(panel, 'panel-one-per-domain-dofollow');
  });

  test('sorting by first seen, oldest first, is sent to the API', async () => {
    world.sandbox.reset();
    await panel.selectOption('[data-testid=sort]', 'firstSeen');
    await panel.selectOption('[data-testid=dir]', 'asc');
    await waitFor('the sorted request', () => panelCalls(world.sandbox).some((c) => (taskOf(c.body).order_by as string[])[0] === 'first_seen,asc'));
    await waitForRows(panel);
  });

  test('the text filter waits for a pause, then sends one request', async () => {
    world.sandbox.reset();
    await panel.locator('[data-testid=f-text]').pressSequentially('news', { delay: 40 });
    await sleep(150);
    assert.equal(panelCalls(world.sandbox).length, 0, 'no request while typing');
    await waitFor('the text request', () => panelCalls(world.sandbox).length === 1, 5_000);
    await sleep(900);
    assert.equal(panelCalls(world.sandbox).length, 1, 'one request for the whole word');
    const filters = JSON.stringify(taskOf(panelCalls(world.sandbox)[0]?.body).filters);
    assert.ok(filters.includes('"anchor","ilike","%news%"'), filters);
    assert.ok(filters.includes('"domain_from","ilike","%news%"'), filters);

    // Back to the plain list (Enter applies at once).
    world.sandbox.reset();
    await panel.fill('[data-testid=f-text]', '');
    await panel.press('[data-testid=f-text]', 'Enter');
    await panel.uncheck('[data-testid=f-dofollow]');
    await panel.selectOption('[data-testid=mode]', 'as_is');
    await panel.selectOption('[data-testid=sort]', 'rank');
    await panel.selectOption('[data-testid=dir]', 'desc');
    await waitForRows(panel);
  });

  test('"Lost" asks for the lost status type (never is_lost under live) and says so; "New" unticks it', async () => {
    await waitFor('the plain list', async () => (await rowCount(panel)) > 0 && !(await panel.isChecked('[data-testid=f-dofollow]')));
    await sleep(300);
    world.sandbox.reset();
    await panel.check('[data-testid=f-lost]');
    await waitFor('the lost request', () => panelCalls(world.sandbox).length === 1);
    const task = taskOf(panelCalls(world.sandbox)[0]?.body);
    assert.equal(task.backlinks_status_type, 'lost');
    assert.equal(task.filters, undefined, 'no redundant is_lost filter');
    assert.equal(task.offset, 0);
    assert.equal((await panel.textContent('[data-testid=lost-note]'))?.trim(), 'Lost links: showing backlinks with status lost.');
    await waitForRows(panel);
    const { items, total } = await replayPage(world.sandbox, task);
    assert.ok(total > 0 && items.length > 0, `the sandbox has lost links for this site (total ${total})`);
    assert.ok(items.every((i) => i.is_lost === true), 'every row answered is a lost link');
    assert.equal(await firstDomain(panel), items[0]?.domain_from);

    await panel.check('[data-testid=f-new]');
    assert.equal(await panel.isChecked('[data-testid=f-lost]'), false, 'a link is never both new and lost');
    await waitFor('the new request', () => panelCalls(world.sandbox).length === 2);
    const next = taskOf(panelCalls(world.sandbox)[1]?.body);
    assert.equal(next.backlinks_status_type, 'live');
    assert.deepEqual(next.filters, ['is_new', '=', true]);
    assert.equal(await panel.locator('[data-testid=lost-note]').count(), 0);
    for (const c of panelCalls(world.sandbox)) {
      const t = taskOf(c.body);
      assert.ok(!(t.backlinks_status_type === 'live' && JSON.stringify(t.filters ?? null).includes('"is_lost"')), JSON.stringify(t));
    }
    await waitForRows(panel);
    await panel.uncheck('[data-testid=f-new]');
    await waitForRows(panel);
  });

  test('the loaded backlinks export as CSV with a header row', async () => {
    await waitFor('the plain list', async () => (await panel.locator('[data-testid=row]').count()) > 0 && !(await panel.isChecked('[data-testid=f-dofollow]')));
    await sleep(300);
    const { name, rows } = await exportCsv(panel);
    assert.match(name, /^backlinks-shop-example\.com-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.equal(rows[0]?.[0], 'Referring domain');
    assert.equal(rows[0]?.[1], 'Referring page');
    assert.equal(rows.length, 1 + 100, 'one row per loaded backlink');
    assert.equal(rows[1]?.[0], await firstDomain(panel));
  });

  test('the anchors tab pages, sorts and filters through the API', async () => {
    world.sandbox.reset();
    await panel.click('[data-testid=tab-anchors]');
    await waitForRows(panel);
    let calls = panelCalls(world.sandbox, 'anchors');
    assert.equal(calls.length, 1);
    assert.deepEqual(taskOf(calls[0]?.body).order_by, ['backlinks,desc']);
    assert.match((await panel.textContent('[data-testid=total]')) ?? '', /anchors$/);
    await world.screenshot(panel, 'panel-anchors');

    await panel.selectOption('[data-testid=sort]', 'referringDomains');
    await waitFor('sorted anchors', () => panelCalls(world.sandbox, 'anchors').length === 2);
    calls = panelCalls(world.sandbox, 'anchors');
    assert.deepEqual(taskOf(calls[1]?.body).order_by, ['referring_domains,desc']);
    await waitForRows(panel);

    if (await panel.locator('[data-testid=load-more]').count()) {
      await panel.locator('[data-testid=load-more]').scrollIntoViewIfNeeded();
      await panel.click('[data-testid=load-more]');
      await waitFor('more anchors', () => panelCalls(world.sandbox, 'anchors').length === 3);
      assert.equal(taskOf(panelCalls(world.sandbox, 'anchors')[2]?.body).offset, 100);
    }
    const { name, rows } = await exportCsv(panel);
    assert.match(name, /^anchors-shop-example\.com-/);
    assert.equal(rows[0]?.[0], 'Anchor');
    await panel.click('[data-testid=tab-backlinks]');
    await waitForRows(panel);
  });

  test('a thousand loaded rows keep a small DOM', async (t) => {
    t.after(() => world.sendMessage({ type: 'saveSettings', patch: { backlinksPageSize: 100 } }).then(() => undefined));
    world.sandbox.reset();
    await world.sendMessage({ type: 'saveSettings', patch: { backlinksPageSize: 1000 } });
    await sleep(300);
    await handOver(panel, 'big-site.com');
    await waitFor('the 1000-row page', () => panelCalls(world.sandbox).some((c) => taskOf(c.body).target === 'big-site.com'));
    const bigTask = taskOf(panelCalls(world.sandbox).at(-1)?.body);
    assert.equal(bigTask.limit, 1000);
    await panel.getByText('1,000 loaded').waitFor({ timeout: 20_000 });
    const { total } = await replayPage(world.sandbox, bigTask);
    assert.ok(total > 20_000, `a big target: ${total}`);
    assert.equal(await panel.textContent('[data-testid=total]'), `${total.toLocaleString('en-US')} backlinks`);

    // In front, as a side panel is while someone scrolls it (a background tab's frames are throttled).
    await panel.bringToFront();
    assert.equal(await panel.evaluate(() => document.visibilityState), 'visible');
    const counts: number[] = [await rowCount(panel)];
    const scroller = panel.locator('[data-testid=list-scroll]');
    for (const fraction of [0.25, 0.5, 0.75, 1]) {
      // Time from the scroll to the second frame after it, measured in the page.
      const ms = await scroller.evaluate(
        (el, f) =>
          new Promise<number>((resolve) => {
            const t0 = performance.now();
            el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
          }),
        fraction,
      );
      assert.ok(ms < 500, `a scroll step took ${Math.round(ms)} ms to render`);
      counts.push(await rowCount(panel));
    }
    for (const c of counts) assert.ok(c > 0 && c <= 100, `rows in the DOM: ${counts.join(', ')}`);
    const lastIndex = await panel.locator('[data-testid=row]').last().getAttribute('data-index');
    assert.equal(lastIndex, '999', 'the end of the list is reachable');
    await world.screenshot(panel, 'panel-1000-rows-bottom');

    world.sandbox.reset();
    await panel.click('[data-testid=load-more]');
    await panel.getByText('2,000 loaded').waitFor({ timeout: 20_000 });
    assert.equal(taskOf(panelCalls(world.sandbox)[0]?.body).offset, 1000);
    assert.ok((await rowCount(panel)) <= 100);
  });

  test('past 20,000 rows the next page continues with the token of the previous one', async (t) => {
    t.after(() => world.sendMessage({ type: 'saveSettings', patch: { backlinksPageSize: 100 } }).then(() => undefined));
    await world.sendMessage({ type: 'saveSettings', patch: { backlinksPageSize: 1000 } });
    world.sandbox.reset();
    await sleep(300);
    await handOver(panel, 'big-token.com');
    await panel.getByText('1,000 loaded').waitFor({ timeout: 20_000 });
    // Offsets 1,000 … 20,000 (the API's largest), then one page by token.
    for (let loaded = 1000; loaded <= 20_000; loaded += 1000) {
      const more = panel.locator('[data-testid=load-more]');
      await more.scrollIntoViewIfNeeded();
      await more.click();
      await panel.getByText(`${(loaded + 1000).toLocaleString('en-US')} loaded`).waitFor({ timeout: 20_000 });
    }
    const calls = panelCalls(world.sandbox).map((c) => taskOf(c.body));
    assert.equal(calls.length, 21);
    assert.deepEqual(
      calls.map((c) => c.offset),
      Array.from({ length: 21 }, (_, i) => i * 1000),
    );
    assert.ok(calls.every((c) => c.search_after_token === undefined));

    world.sandbox.reset();
    const more = panel.locator('[data-testid=load-more]');
    await more.scrollIntoViewIfNeeded();
    await more.click();
    await panel.getByText('22,000 loaded').waitFor({ timeout: 20_000 });
    const byToken = taskOf(panelCalls(world.sandbox)[0]?.body);
    assert.equal(typeof byToken.search_after_token, 'string');
    const { search_after_token: _token, ...rest } = byToken;
    assert.deepEqual(rest, calls[20], 'every other field as in the previous request');
    assert.ok((await rowCount(panel)) <= 100);
  });

  test('hostile API text renders inert and exports neutralized', async () => {
    const dialogs: string[] = [];
    panel.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    world.sandbox.reset();
    await sleep(300);
    await handOver(panel, 'hostile-site.com');
    await waitFor('the hostile page', () => panelCalls(world.sandbox).some((c) => taskOf(c.body).target === 'hostile-site.com'));
    await waitForRows(panel);
    await panel.getByText('<img src=x onerror=alert(1)>').first().waitFor();
    // Expand every rendered row: the details carry the pre-text, redirect targets and image URLs.
    const opened = await panel.evaluate(() => {
      const toggles = [...document.querySelectorAll<HTMLButtonElement>('[data-testid=row] button.expand')];
      for (const b of toggles) b.click();
      return toggles.length;
    });
    assert.ok(opened >= 5, `expanded ${opened} rows`);
    await panel.locator('.bl-details').first().waitFor();
    const inert = await panel.evaluate(() => ({
      imgs: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('body script').length,
      jsLinks: document.querySelectorAll('a[href^="javascript"]').length,
      nonHttpLinks: [...document.querySelectorAll('a[href]')].filter((a) => !/^https?:/.test(a.getAttribute('href') ?? '')).length,
      shownScriptText: document.body.textContent?.includes('<script>alert("x")</script>') ?? false,
      formulaText: document.body.textContent?.includes('=HYPERLINK(') ?? false,
    }));
    assert.deepEqual(inert, { imgs: 0, scripts: 0, jsLinks: 0, nonHttpLinks: 0, shownScriptText: true, formulaText: true });
    assert.deepEqual(dialogs, []);
    await world.screenshot(panel, 'panel-hostile');

    const { rows } = await exportCsv(panel);
    const cells = rows.slice(1).flat();
    assert.ok(cells.includes(`'=HYPERLINK("http://evil","x")`), 'the formula anchor is neutralized');
    const dangerous = cells.filter((c) => /^[=+\-@\t\r]/.test(c));
    assert.deepEqual(dangerous, []);
  });

  test('a 1 MB anchor, a look-alike domain, userinfo and bidi text are shown safely and quickly', async () => {
    world.sandbox.reset();
    await sleep(300);
    await handOver(panel, 'megatext-site.com');
    await waitFor('the megatext page', () => panelCalls(world.sandbox).some((c) => taskOf(c.body).target === 'megatext-site.com'));
    await panel.locator('[data-testid=row] .bl-domain', { hasText: 'xn--80ak6aa92e.com' }).first().waitFor({ timeout: 30_000 });
    const shown = await panel.evaluate(() => {
      const rows = [...document.querySelectorAll('[data-testid=row]')];
      const big = rows.find((r) => r.querySelector('.bl-domain')?.textContent === 'xn--80ak6aa92e.com')!;
      const bidi = rows.find((r) => (r.querySelector('.bl-domain')?.textContent ?? '').includes('evil-exe'));
      return {
        bigLink: big.querySelector('a.bl-title')?.getAttribute('href') ?? null,
        bigAnchorLength: big.querySelector('.anchor-text')?.textContent?.length ?? -1,
        bidiDomain: bidi?.querySelector('.bl-domain')?.textContent ?? null,
        bidiAnchor: bidi?.querySelector('.anchor-text')?.textContent ?? null,
        userinfoLinks: [...document.querySelectorAll('a[href]')].filter((a) => (a.getAttribute('href') ?? '').includes('@')).length,
        invisibleInText: /[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]/.test(document.body.textContent ?? ''),
      };
    });
    assert.deepEqual(shown, {
      bigLink: 'https://evil.test/',
      bigAnchorLength: 301,
      bidiDomain: 'gnp.⟨U+202E⟩evil-exe.test',
      bidiAnchor: 'pay⟨U+200B⟩pal⟨U+2066⟩login⟨U+2069⟩',
      userinfoLinks: 0,
      invisibleInText: false,
    });

    // Expand the 1 MB row and show all of it, measuring long main-thread tasks meanwhile.
    const observable = await panel.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('longtask'));
    assert.ok(observable, 'this Chromium reports long tasks');
    await panel.evaluate(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    const big = panel.locator('[data-testid=row]', { has: panel.locator('.bl-domain', { hasText: 'xn--80ak6aa92e.com' }) }).first();
    await big.locator('button.expand').click();
    await big.locator('[data-testid=show-full]').first().click();
    await big.locator('[data-testid=full-text]').first().waitFor();
    const full = await panel.evaluate(async () => {
      const box = document.querySelector<HTMLElement>('[data-testid=full-text]')!;
      // Scroll through the whole box, so every chunk is laid out once (the page is behind the site
      // tab, where animation frames do not run: reading the height forces the layout instead).
      for (let y = 0, n = 0; y <= box.scrollHeight && n < 5000; y += box.clientHeight * 4, n++) {
        box.scrollTop = y;
        void box.getBoundingClientRect().height;
        await new Promise((r) => setTimeout(r, 0));
      }
      await new Promise((r) => setTimeout(r, 300));
      return {
        length: box.textContent?.length ?? 0,
        boxHeight: box.getBoundingClientRect().height,
        long: (window as unknown as { __long: number[] }).__long,
      };
    });
    assert.equal(full.length, 1 << 20, 'the whole anchor is there');
    assert.ok(full.boxHeight < 400, `the full text is in a bounded box (${full.boxHeight}px)`);
    const longest = Math.max(0, ...full.long);
    assert.ok(longest < 100, `longest main-thread task ${longest.toFixed(0)} ms (all long tasks: ${full.long.map((d) => d.toFixed(0)).join(', ')})`);
    console.log(`1 MB anchor expanded: long tasks ${JSON.stringify(full.long.map((d) => Math.round(d)))} ms`);
    await world.screenshot(panel, 'panel-megatext');
  });

  test('the popup hands its site over to the panel', async () => {
    const shop = await world.openSite('https://www.example-news.com/today');
    const popup = await world.openRealPopup(shop);
    await popup.waitForText('example-news.com');
    // Click once the popup has settled: anchors arriving later move the button.
    await waitFor('the popup to settle', () =>
      popup.evaluate<boolean>(
        `!document.querySelector('[data-testid=loading], [aria-busy=true]') && !!document.querySelector('[data-testid=anchor-row], [data-testid=anchors-empty], [data-testid=error]')`,
      ),
    );
    await popup.click('[data-testid=open-panel]');
    const handed = await openPanel(world, shop);
    await waitForRows(handed);
    assert.match((await handed.textContent('[data-testid=panel-target]')) ?? '', /example-news\.com/);
    await world.screenshot(handed, 'panel-from-popup');
    await handed.close();
    await shop.close();
  });

  test('no page threw', () => {
    assert.deepEqual(world.pageErrors, []);
  });
});

describe('side panel following the active tab', () => {
  let world: World;
  let copyDir: string;

  before(async () => {
    // The same build, with `tabs` granted at install (see the top of this file).
    copyDir = mkdtempSync(join(tmpdir(), 'backlink-lens-tabs-'));
    cpSync(defaultExtensionDir(), copyDir, { recursive: true });
    const manifestPath = join(copyDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { permissions: string[]; optional_permissions?: string[] };
    manifest.permissions = [...manifest.permissions, 'tabs'];
    manifest.optional_permissions = (manifest.optional_permissions ?? []).filter((p) => p !== 'tabs');
    writeFileSync(manifestPath, JSON.stringify(manifest));
    world = await launchWorld({ extensionDir: copyDir });
    await world.setCredentials();
  });
  after(async () => {
    await world?.close();
    if (copyDir) rmSync(copyDir, { recursive: true, force: true });
  });

  test('a site without cached data offers a priced check instead of spending', async () => {
    world.sandbox.reset();
    const alpha = await world.openSite('https://www.alpha-site.com/');
    const panel = await openPanel(world, alpha);
    const check = panel.locator('[data-testid=check]');
    await check.waitFor();
    assert.match((await check.textContent()) ?? '', /^Check \(≈ \$0\.0\d+\)$/);
    assert.match((await panel.textContent('[data-testid=panel-target]')) ?? '', /alpha-site\.com/);
    assert.equal(panelCalls(world.sandbox).length, 0);
    await world.screenshot(panel, 'panel-check-offer');

    await check.click();
    await waitForRows(panel);
    assert.equal(panelCalls(world.sandbox).length, 1);

    // Follow: the click asks for the permission (granted here) and starts listening.
    await panel.click('[data-testid=follow-tab]');
    await waitFor('following', () => panel.isChecked('[data-testid=follow-tab]'));
    assert.equal(await panel.evaluate(() => chrome.permissions.contains({ permissions: ['tabs'] })), true);

    // A new site: cache only, so a Check button and no call.
    const beta = await world.openSite('https://blog.beta-site.org/post/1');
    await waitFor('the beta target', async () => /beta-site\.org/.test((await panel.textContent('[data-testid=panel-target]')) ?? ''));
    await panel.locator('[data-testid=check]').waitFor();
    assert.equal(panelCalls(world.sandbox).length, 1, 'switching to an uncached site spends nothing');
    await world.screenshot(panel, 'panel-follow-new-site');

    // Back to the cached site: its rows, from the cache, still no call.
    await alpha.bringToFront();
    await waitFor('the alpha target', async () => /alpha-site\.com/.test((await panel.textContent('[data-testid=panel-target]')) ?? ''));
    await waitForRows(panel);
    await panel.getByText(/cached/).waitFor();
    assert.equal(panelCalls(world.sandbox).length, 1, 'switching to a cached site spends nothing');

    // A tab without a website: the refusal, no call.
    const blank = await world.ctx.newPage();
    await blank.goto('data:text/html,<title>x</title><p>made in the browser</p>');
    await blank.bringToFront();
    await panel.locator('[data-testid=error]').waitFor();
    assert.match((await panel.textContent('[data-testid=error]')) ?? '', /no web address|open a website/);
    assert.equal(panelCalls(world.sandbox).length, 1);
    await world.screenshot(panel, 'panel-follow-unsupported');

    // Following off: switching tabs changes nothing.
    await panel.click('[data-testid=follow-tab]');
    assert.equal(await panel.isChecked('[data-testid=follow-tab]'), false);
    await beta.bringToFront();
    await sleep(500);
    assert.doesNotMatch((await panel.textContent('[data-testid=panel-target]')) ?? '', /beta-site/);
  });

  test('with automatic checks on, a new site is checked when followed', async () => {
    await world.sendMessage({ type: 'saveSettings', patch: { autoCheckInPanel: true } });
    world.sandbox.reset();
    const gamma = await world.openSite('https://www.gamma-site.net/');
    const panel = await openPanel(world, gamma);
    await waitForRows(panel);
    assert.equal(panelCalls(world.sandbox).length, 1);
    await panel.click('[data-testid=follow-tab]');
    await waitFor('following', () => panel.isChecked('[data-testid=follow-tab]'));
    await world.openSite('https://www.delta-site.com/');
    await waitFor('the delta check', () => panelCalls(world.sandbox).some((c) => c.target === 'delta-site.com'));
    await waitFor('the delta target', async () => /delta-site\.com/.test((await panel.textContent('[data-testid=panel-target]')) ?? ''));
    await waitForRows(panel);
    await world.sendMessage({ type: 'saveSettings', patch: { autoCheckInPanel: false } });
  });

  test('no page threw', () => {
    assert.deepEqual(world.pageErrors, []);
  });
});
