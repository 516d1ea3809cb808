/**
 * The side panel's dense table layout in the real browser against the sandbox: at least 15 rows on
 * an 860 px tall panel (measured by element positions), usable at Firefox's 250 px sidebar width (no
 * horizontal overflow, the key columns visible), one-per-domain counts, spam marks and link kinds
 * true to the answer, and the choice of cards remembered across openings. Saves the screenshots in
 * docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_CREDENTIALS, type SandboxHandle } from '../sandbox/server.ts';
import { launchWorld, REPO_ROOT, type Page, type World } from './harness.ts';

declare const chrome: {
  storage: { session: { set(items: Record<string, unknown>): Promise<void> } };
  tabs: { query(q: { active?: boolean; currentWindow?: boolean }): Promise<Array<{ id?: number }>> };
};

const DOCS_SHOTS = join(REPO_ROOT, 'docs', 'screenshots');
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

function panelCalls(sandbox: SandboxHandle) {
  return sandbox.apiCalls({ endpoint: 'backlinks' }).filter((r) => r.host === 'api.dataforseo.com');
}

type Task = Record<string, unknown>;
const taskOf = (body: unknown): Task => (body as Task[])[0] as Task;

/** What the sandbox answered for `task` (asked again directly). */
async function replay(sandbox: SandboxHandle, task: Task): Promise<Array<Record<string, unknown>>> {
  const auth = Buffer.from(`${DEFAULT_CREDENTIALS.login}:${DEFAULT_CREDENTIALS.password}`).toString('base64');
  const r = await fetch(`http://127.0.0.1:${sandbox.port}/v3/backlinks/backlinks/live`, {
    method: 'POST',
    headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
    body: JSON.stringify([task]),
  });
  const body = (await r.json()) as { tasks: Array<{ result: Array<{ items: Array<Record<string, unknown>> }> }> };
  return body.tasks[0]?.result[0]?.items ?? [];
}

/** A hand-over as the popup writes it (lib/handover/entry.ts keys). */
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

/** Rows whose whole box lies inside the list's visible area. */
function fullyVisibleRows(panel: Page): Promise<number> {
  return panel.evaluate(() => {
    const list = document.querySelector('[data-testid=list-scroll]')!.getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid=row]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.height > 0 && b.top >= list.top - 0.5 && b.bottom <= list.bottom + 0.5;
    }).length;
  });
}

describe('side panel table layout', () => {
  let world: World;
  let site: Page;
  let panel: Page;

  before(async () => {
    world = await launchWorld();
    await world.setCredentials();
    await world.sendMessage({ type: 'saveSettings', patch: { backlinksPageSize: 100 } });
    site = await world.openSite('https://www.shop-example.com/products/shoes');
    mkdirSync(DOCS_SHOTS, { recursive: true });
  });
  after(async () => {
    await world?.close();
  });

  test('is the default and shows at least 15 backlinks on an 860 px tall panel', async () => {
    world.sandbox.reset();
    panel = await world.openExtensionPage('sidepanel.html', { behindSite: site });
    await panel.setViewportSize({ width: 400, height: 860 });
    await handOver(panel, 'shop-example.com');
    await panel.locator('[data-testid=row] .bl-line').first().waitFor({ timeout: 15_000 });
    assert.equal(await panel.getAttribute('[data-testid=layout-table]', 'aria-pressed'), 'true');
    const visible = await fullyVisibleRows(panel);
    assert.ok(visible >= 15, `${visible} rows fully visible at 860 px`);
    // One text line per backlink: the page and anchor cells (page title, anchor, linked path) are one line each.
    const lines = await panel.evaluate(() =>
      [...document.querySelectorAll('[data-testid=row] .bl-line')].slice(0, 10).map((el) => {
        const cells = [...el.querySelectorAll<HTMLElement>('.c-page, .c-anchor')];
        return Math.max(...cells.map((c) => Math.round(c.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(c).lineHeight))));
      }),
    );
    assert.ok(lines.length === 10 && lines.every((n) => n === 1), `text lines per row: ${lines.join(',')}`);
    console.log(`# ${visible} one-line rows fully visible at 860 px`);

    // The first line is the API's first item, column by column.
    const items = await replay(world.sandbox, taskOf(panelCalls(world.sandbox)[0]?.body));
    const first = items[0]!;
    const [domain, dr, pr, spam, seen, to] = await panel.evaluate(() => {
      const row = document.querySelector('[data-testid=row] .bl-line')!;
      return ['.bl-domain', '.c-dr', '.c-pr', '.c-spam', '.c-seen', '.to'].map((sel) => row.querySelector(sel)?.textContent?.trim() ?? null);
    });
    const cells = { domain, dr, pr, spam, seen, to };
    assert.equal(cells.domain, first.domain_from);
    assert.equal(cells.dr, String(first.domain_from_rank));
    assert.equal(cells.pr, String(first.page_from_rank));
    assert.equal(cells.spam, String(first.backlink_spam_score));
    assert.equal(cells.seen, String(first.first_seen).slice(0, 7));
    assert.equal(cells.to, `→ ${new URL(String(first.url_to)).pathname}`, 'the linked URL is on the line');
    await panel.screenshot({ path: join(DOCS_SHOTS, 'sidepanel-table.png') });
  });

  test('follows the dark colour scheme: other colours, still legible', async () => {
    const look = async (scheme: 'light' | 'dark') => {
      await panel.emulateMedia({ colorScheme: scheme });
      await sleep(150);
      // A string, not a function: the test runner's transform would add helpers the page lacks.
      return panel.evaluate<{ bg: string; fg: string; bgLum: number; contrast: number }>(`(() => {
        const rgb = (c) => (c.match(/\\d+(\\.\\d+)?/g) || []).slice(0, 3).map(Number);
        // Relative luminance (WCAG), for the contrast of the row text against the page.
        const lum = (c) => {
          const [r, g, b] = rgb(c).map((v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const bg = getComputedStyle(document.body).backgroundColor;
        const fg = getComputedStyle(document.querySelector('[data-testid=row] .bl-domain')).color;
        const [a, b] = [lum(bg), lum(fg)].sort((x, y) => y - x);
        return { bg, fg, bgLum: lum(bg), contrast: (a + 0.05) / (b + 0.05) };
      })()`);
    };
    const light = await look('light');
    const dark = await look('dark');
    await panel.screenshot({ path: join(DOCS_SHOTS, 'sidepanel-dark.png') });
    await look('light');
    assert.notEqual(dark.bg, light.bg, 'the page background changes with the scheme');
    assert.ok(dark.bgLum < 0.2 && light.bgLum > 0.6, `dark ${dark.bg}, light ${light.bg}`);
    assert.ok(dark.contrast >= 4.5 && light.contrast >= 4.5, `row text contrast: light ${light.contrast.toFixed(1)}, dark ${dark.contrast.toFixed(1)}`);
  });

  test('spam marks and link kinds follow the answer', async () => {
    const task = taskOf(panelCalls(world.sandbox)[0]?.body);
    const items = await replay(world.sandbox, task);
    const shown = await panel.evaluate(() =>
      [...document.querySelectorAll('[data-testid=row]')].map((r) => ({
        index: Number(r.getAttribute('data-index')),
        tone: r.querySelector('.bt-row')?.className ?? '',
        kind: r.querySelector('.anchor-kind')?.textContent ?? null,
      })),
    );
    assert.ok(shown.length >= 15);
    const kindOf: Record<string, string> = { anchor: 'A', image: 'IMG', redirect: 'RED', canonical: 'CAN', alternate: 'ALT', meta: 'META' };
    for (const row of shown) {
      const item = items[row.index]!;
      const spam = item.backlink_spam_score as number | null;
      const want = spam == null ? '' : spam >= 60 ? 'spam-bad' : spam >= 30 ? 'spam-warn' : '';
      assert.equal(/spam-(bad|warn)/.exec(row.tone)?.[0] ?? '', want, `row ${row.index}, spam ${spam}`);
      assert.equal(row.kind, kindOf[String(item.item_type)] ?? null, `row ${row.index}, item type ${String(item.item_type)}`);
    }
  });

  test('one per domain shows how many backlinks each domain has', async () => {
    world.sandbox.reset();
    await panel.selectOption('[data-testid=mode]', 'one_per_domain');
    await waitFor('the grouped request', () => panelCalls(world.sandbox).length === 1);
    await waitFor('grouped rows', () => panel.evaluate(() => document.querySelectorAll('[data-testid=row]').length > 0 && !document.querySelector('[aria-busy=true]')));
    const items = await replay(world.sandbox, taskOf(panelCalls(world.sandbox)[0]?.body));
    const shown = await panel.evaluate(() =>
      [...document.querySelectorAll('[data-testid=row]')].map((r) => ({ index: Number(r.getAttribute('data-index')), group: r.querySelector('.group')?.textContent ?? null })),
    );
    const counted = shown.filter((r) => r.group !== null);
    assert.ok(counted.length > 0, 'some domains have more than one backlink');
    for (const row of shown) {
      const n = items[row.index]?.group_count as number | null;
      assert.equal(row.group, n != null && n > 1 ? `×${n.toLocaleString('en-US')}` : null, `row ${row.index}`);
    }
    await panel.selectOption('[data-testid=mode]', 'as_is');
    // The plain list is in the cache by now: back without a call.
    await waitFor('the plain list', () => panel.evaluate(() => document.querySelectorAll('[data-testid=row]').length > 0 && !document.querySelector('.group')));
    assert.equal(panelCalls(world.sandbox).length, 1);
  });

  test('at 250 px wide nothing overflows sideways and the key columns stay', async () => {
    await panel.setViewportSize({ width: 250, height: 860 });
    await panel.locator('[data-testid=row] .bl-line').first().waitFor();
    await sleep(200);
    const layout = await panel.evaluate(() => {
      const row = document.querySelector('[data-testid=row] .bl-line')!;
      const seenCols: Record<string, boolean> = {};
      for (const [name, sel] of [['domain', '.bl-domain'], ['anchor', '.c-anchor'], ['dr', '.c-dr'], ['spam', '.c-spam'], ['expand', '.expand'], ['seen', '.c-seen'], ['pr', '.c-pr']]) {
        const el = row.querySelector(sel!) as HTMLElement | null;
        const b = el?.getBoundingClientRect();
        seenCols[name!] = !!el && !!b && getComputedStyle(el).display !== 'none' && b.width > 8 && b.right <= window.innerWidth + 0.5;
      }
      return {
        docWidth: document.documentElement.scrollWidth,
        bodyWidth: document.body.scrollWidth,
        viewport: window.innerWidth,
        // Elements sticking out on the right that no clipping ancestor hides (cut text inside an ellipsis cell is hidden).
        sticking: [...document.querySelectorAll('body *')]
          .filter((e) => {
            if (getComputedStyle(e).display === 'none' || e.getBoundingClientRect().right <= window.innerWidth + 0.5) return false;
            for (let a = e.parentElement; a; a = a.parentElement) {
              if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= window.innerWidth + 0.5) return false;
            }
            return true;
          })
          .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`),
        ...seenCols,
      } as Record<string, unknown> & { docWidth: number; bodyWidth: number; viewport: number; sticking: string[] };
    });
    assert.ok(layout.docWidth <= layout.viewport && layout.bodyWidth <= layout.viewport, `page ${layout.docWidth}/${layout.bodyWidth} px in ${layout.viewport}`);
    assert.deepEqual(layout.sticking, [], 'nothing sticks out on the right');
    assert.deepEqual(
      { domain: layout.domain, anchor: layout.anchor, dr: layout.dr, spam: layout.spam, expand: layout.expand },
      { domain: true, anchor: true, dr: true, spam: true, expand: true },
    );
    assert.deepEqual({ seen: layout.seen, pr: layout.pr }, { seen: false, pr: false }, 'first seen and page rank collapse first');
    // A row still opens to its details.
    const row = panel.locator('[data-testid=row]').first();
    await row.locator('button.expand').click();
    await row.locator('.bl-details').waitFor();
    assert.match((await row.locator('.bl-details').textContent()) ?? '', /Links to/);
    await panel.screenshot({ path: join(DOCS_SHOTS, 'sidepanel-narrow.png') });
    await row.locator('button.expand').click();
    await panel.setViewportSize({ width: 400, height: 860 });
  });

  test('cards are the other layout, and the choice is remembered at the next opening', async () => {
    await panel.click('[data-testid=layout-cards]');
    await panel.locator('[data-testid=row] article.bl').first().waitFor();
    assert.equal(await panel.locator('[data-testid=row] .bl-line').count(), 0);
    assert.equal(await panel.getAttribute('[data-testid=layout-cards]', 'aria-pressed'), 'true');
    const to = (await panel.locator('[data-testid=row] .bl-to').first().textContent()) ?? '';
    assert.match(to, /^→ https?:\/\//, 'the card shows the linked URL');
    await panel.screenshot({ path: join(DOCS_SHOTS, 'sidepanel-cards.png') });
    await panel.close();

    const again = await world.openExtensionPage('sidepanel.html', { behindSite: site });
    await again.setViewportSize({ width: 400, height: 860 });
    await handOver(again, 'shop-example.com');
    await again.locator('[data-testid=row] article.bl').first().waitFor({ timeout: 15_000 });
    assert.equal(await again.locator('[data-testid=row] .bl-line').count(), 0);

    // And back to the table, remembered too.
    await again.click('[data-testid=layout-table]');
    await again.locator('[data-testid=row] .bl-line').first().waitFor();
    await again.close();
    const third = await world.openExtensionPage('sidepanel.html', { behindSite: site });
    await handOver(third, 'shop-example.com');
    await third.locator('[data-testid=row] .bl-line').first().waitFor({ timeout: 15_000 });
    await third.close();
  });

  test('no page threw', () => {
    assert.deepEqual(world.pageErrors, []);
  });
});
