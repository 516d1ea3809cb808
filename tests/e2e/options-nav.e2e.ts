/**
 * The options page's section nav in the production build: the links name the sections in page order
 * (Spend right after Connection), each jumps to its section, the AIsa rate field is there only while the
 * AIsa gateway is chosen, and a setting moved into another card (the daily budget, under Spend) still
 * saves. Saves docs/screenshots/options.png.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { launchWorld, REPO_ROOT, type Page, type World } from './harness.ts';

let world: World;
before(async () => {
  world = await launchWorld({ colorScheme: 'light' });
  await world.setCredentials();
});
after(async () => {
  await world?.close();
});

async function openOptions(): Promise<Page> {
  const page = await world.openExtensionPage('options.html');
  await page.getByTestId('save-credentials').waitFor();
  await page.getByTestId('cache-stats').waitFor();
  return page;
}

describe('options: section nav', () => {
  it('links every section in page order, Spend right after Connection, and each link jumps to its section', async () => {
    const page = await openOptions();
    const nav = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('[data-testid=section-nav] ul a')].map((a) => ({ label: a.textContent, id: a.hash.slice(1) })),
    );
    assert.deepEqual(nav.map((n) => n.label), ['Connection', 'Spend', 'Defaults', 'Cache', 'History']);
    const tops = await page.evaluate(
      (ids) => ids.map((id) => document.getElementById(id)?.getBoundingClientRect().top ?? null),
      nav.map((n) => n.id),
    );
    for (const [i, top] of tops.entries()) assert.ok(top != null, `section #${nav[i]!.id} exists`);
    assert.deepEqual([...tops].sort((a, b) => a! - b!), tops, 'the sections come in the order of the nav');
    // The settings live where they belong.
    const within = (section: string, testid: string) =>
      page.evaluate(([s, t]) => !!document.querySelector(`#${s} [data-testid="${t}"]`), [section, testid] as const);
    assert.ok(await within('spend', 'daily-budget'), 'the daily budget is under Spend');
    assert.ok(await within('spend', 'auto-check'), 'automatic (paid) checks are under Spend');
    assert.ok(await within('cache', 'cache-hours'), 'the cache lifetime is under Cache');
    assert.ok(await within('cache', 'clear-cache'), 'clearing the cache is under Cache');
    assert.ok(await within('defaults', 'rank-scale'), 'the rank scale is under Defaults');

    for (const { id } of nav) {
      await page.getByTestId(`nav-${id}`).click();
      await page.waitForFunction((sid) => {
        const top = document.getElementById(sid)!.getBoundingClientRect().top;
        const bottomed = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
        return (top >= 0 && top < 120) || bottomed;
      }, id);
      assert.equal(await page.evaluate(() => location.hash), `#${id}`);
    }
    await page.close();
  });

  it('the AIsa rate field is shown only while the AIsa gateway is chosen', async () => {
    const page = await openOptions();
    assert.equal(await page.getByTestId('aisa-per-minute').count(), 0, 'not with DataForSEO');
    await page.getByTestId('provider-aisa').check();
    await page.getByTestId('aisa-per-minute').waitFor();
    assert.ok(await page.evaluate(() => !!document.querySelector('#connection [data-testid="aisa-per-minute"]')), 'under Connection');
    await page.getByTestId('provider-sandbox').check();
    await page.getByTestId('aisa-per-minute').waitFor({ state: 'detached' });
    await page.getByTestId('provider-dataforseo').check();
    assert.equal(await page.getByTestId('aisa-per-minute').count(), 0);
    await page.close();
  });

  it('a setting in the Spend card saves, the status shows in the nav; screenshot', async () => {
    const page = await openOptions();
    await page.getByTestId('daily-budget').fill('3');
    await page.getByTestId('daily-budget').blur();
    await page.locator('[data-testid=section-nav] [data-testid="saved-status"][data-phase="saved"]').waitFor({ timeout: 5_000 });
    const stored = (await world.sendMessage({ type: 'getSettings' })) as { ok: true; data: { settings: { dailyBudget: number | null } } };
    assert.equal(stored.data.settings.dailyBudget, 3);
    await page.getByTestId('spend-budget').filter({ hasText: '$3' }).waitFor();
    // Today's spend stays in sight in the nav, with the budget.
    await page.getByTestId('nav-spend-today').filter({ hasText: 'of $3' }).waitFor();
    await page.getByTestId('daily-budget').fill('');
    await page.getByTestId('daily-budget').blur();
    await page.getByTestId('spend-budget').filter({ hasText: 'No cap' }).waitFor();

    await page.setViewportSize({ width: 900, height: 1200 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const dir = join(REPO_ROOT, 'docs', 'screenshots');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'options.png') });
    await page.close();
  });

  it('no extension page threw', () => {
    assert.deepEqual(world.pageErrors, []);
  });
});
