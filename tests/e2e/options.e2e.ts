/**
 * The options page in the production build, against the local API sandbox: credentials (secret never
 * back in the page), the free connection test, the auth error sentence, a login change that keeps the
 * saved password, defaults reaching the API (rank_scale), spend and cache, and the first-run welcome.
 *
 * Run: npx wxt build && node --import tsx --test tests/e2e/options.e2e.ts
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchWorld, type Page, type World } from './harness.ts';
import { DEFAULT_CREDENTIALS } from '../sandbox/server.ts';
import { formatCount, formatExact, formatMoney } from '../../lib/format.ts';
import { errorForCode } from '../../lib/dataforseo/status.ts';

const LOGIN = DEFAULT_CREDENTIALS.login;
const PASSWORD = DEFAULT_CREDENTIALS.password;

let world: World;

before(async () => {
  world = await launchWorld();
});
after(async () => {
  await world?.close();
});

/** appendix/user_data straight from the sandbox, as DataForSEO would answer our login. */
async function moneyFromSandbox(login: string, password: string): Promise<{ balance: number; total: number }> {
  const res = await fetch(`${world.sandbox.url}/v3/appendix/user_data`, {
    headers: { Authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}` },
  });
  assert.equal(res.status, 200, 'the sandbox answers user_data for the demo account');
  const body = (await res.json()) as { tasks: { result: { money: { balance: number; total: number } }[] }[] };
  const money = body.tasks[0]?.result[0]?.money;
  assert.equal(typeof money?.balance, 'number');
  return money!;
}

type SpendReply = { ok: true; data: { today: number; recent: unknown[] } };

async function openOptions(query = ''): Promise<Page> {
  const page = await world.openExtensionPage(`options.html${query}`);
  await page.getByTestId('save-credentials').waitFor();
  return page;
}

/** A screenshot of the whole page (the harness takes the viewport: make it as tall as the page). */
async function shot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1000, height: Math.min(Math.max(height, 600), 4000) });
  await world.screenshot(page, name);
  if (size) await page.setViewportSize(size);
}

async function saveDefaultsAndWait(page: Page): Promise<void> {
  await page.locator('[data-testid="saved-status"][data-phase="saved"]').waitFor({ timeout: 5_000 });
}

/** Values of every input plus the whole serialized DOM: where a leaked secret would show up. */
async function everythingInThePage(page: Page): Promise<string> {
  return page.evaluate(() => {
    const values = [...document.querySelectorAll('input')].map((i) => `${i.value}|${i.placeholder}`);
    return `${document.documentElement.outerHTML}\n${values.join('\n')}\n${document.body.innerText}`;
  });
}

describe('options page', () => {
  it('the worker opens the welcome on install, and ?welcome=1 shows it (plain options.html does not)', async () => {
    const firstRun = world.ctx.pages().some((p) => p.url() === world.extUrl('options.html?welcome=1'));
    assert.ok(firstRun, 'a tab with options.html?welcome=1 was opened on install');

    const welcome = await openOptions('?welcome=1');
    const box = welcome.getByTestId('welcome');
    await box.waitFor();
    const text = await box.innerText();
    assert.match(text, /sandbox/i, 'mentions the free sandbox');
    assert.equal(await box.locator('ol > li').count(), 3, 'three steps');
    assert.match(text, /api-access/);
    await shot(welcome, 'options-welcome');
    await welcome.close();

    const plain = await openOptions();
    assert.equal(await plain.getByTestId('welcome').count(), 0);
    // Every field has a label tied to it.
    const unlabeled = await plain.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')]
        .filter((el) => (el.labels?.length ?? 0) === 0 && !el.getAttribute('aria-label'))
        .map((el) => el.outerHTML),
    );
    assert.deepEqual(unlabeled, []);
    // Keyboard: Tab reaches the provider choice, the login field and the save button.
    const reached = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await plain.keyboard.press('Tab');
      const id = await plain.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
      if (id) reached.add(id);
    }
    for (const id of ['provider-dataforseo', 'login', 'password', 'save-credentials']) assert.ok(reached.has(id), `Tab reaches ${id}: ${[...reached]}`);
    await plain.close();
  });

  it('saves DataForSEO credentials and the free test shows the balance the API reports', async () => {
    world.sandbox.reset();
    const page = await openOptions();
    await page.getByTestId('provider-dataforseo').check();
    assert.equal(await page.getByTestId('password').getAttribute('type'), 'password');
    await page.getByTestId('login').fill(LOGIN);
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('save-credentials').click();
    await page.getByTestId('credentials-status').filter({ hasText: 'Saved' }).waitFor();
    assert.equal(await page.getByTestId('password').inputValue(), '', 'the password field is emptied after saving');

    // Spend a little first, so the balance differs from the total deposited.
    const paid = (await world.sendMessage({
      type: 'profile',
      params: {
        target: { scope: 'domain', value: 'example.net', display: 'example.net' },
        options: { includeSubdomains: true, includeIndirectLinks: true, excludeInternalBacklinks: true, statusType: 'live', rankScale: 'one_hundred' },
      },
      mode: 'refresh',
    })) as { ok: boolean };
    assert.equal(paid.ok, true, JSON.stringify(paid));
    const money = await moneyFromSandbox(LOGIN, PASSWORD);
    assert.ok(money.balance < money.total, 'the sandbox billed the check');
    const before = world.sandbox.requests.length;
    await page.getByTestId('test-connection').click();
    const result = page.getByTestId('connection-result');
    await result.waitFor();
    assert.equal(await page.getByTestId('error').count(), 0, await result.innerText());
    assert.equal(await page.getByTestId('balance').innerText(), formatMoney(money.balance));
    assert.match(await result.innerText(), new RegExp(LOGIN.replace(/[.@]/g, '\\$&')));
    assert.ok((await page.getByTestId('connection-summary').innerText()).length > 0, 'a Backlinks access summary');

    const calls = world.sandbox.requests.slice(before);
    assert.equal(calls.length, 1, 'one account call');
    assert.equal(calls[0]!.endpoint, 'user_data');
    assert.equal(calls[0]!.provider, 'dataforseo', 'to api.dataforseo.com');
    assert.equal(calls[0]!.login, LOGIN);
    assert.equal(calls[0]!.cost, 0, 'the test is free');
    await shot(page, 'options-light');
    await page.close();
  });

  it('never shows the saved password again: after a reload only the hint is in the page', async () => {
    const page = await openOptions();
    const hint = page.getByTestId('secret-hint');
    await hint.waitFor();
    assert.match(await hint.innerText(), new RegExp(`••••${PASSWORD.slice(-4)}$`));
    assert.equal(await page.getByTestId('login').inputValue(), LOGIN);
    assert.equal(await page.getByTestId('password').inputValue(), '');
    const all = await everythingInThePage(page);
    assert.ok(!all.includes(PASSWORD), 'the password is nowhere in the DOM');
    await page.reload();
    await page.getByTestId('secret-hint').waitFor();
    assert.ok(!(await everythingInThePage(page)).includes(PASSWORD), 'nor after a reload');
    await page.close();
  });

  it('a wrong password shows the authentication sentence', async () => {
    const page = await openOptions();
    await page.getByTestId('password').fill('not-the-api-password');
    await page.getByTestId('save-credentials').click();
    await page.getByTestId('credentials-status').filter({ hasText: 'Saved' }).waitFor();
    await page.getByTestId('test-connection').click();
    const error = page.getByTestId('connection-result').getByTestId('error');
    await error.waitFor();
    const sentence = errorForCode(40100).message;
    assert.match(await error.innerText(), new RegExp(sentence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(await error.locator('[data-error-kind]').getAttribute('data-error-kind'), 'auth');
    assert.equal(await page.getByTestId('balance').count(), 0);
    await shot(page, 'options-error');
    await page.close();
  });

  it('account problems read as the worker’s sentence (unverified account, IP not whitelisted)', async () => {
    await world.setCredentials();
    const page = await openOptions();
    for (const code of [40104, 40207]) {
      world.sandbox.addFault({ endpoint: 'user_data', statusCode: code, times: 1 });
      await page.getByTestId('test-connection').click();
      const error = page.getByTestId('connection-result').getByTestId('error');
      const sentence = errorForCode(code).message;
      await error.filter({ hasText: sentence }).waitFor({ timeout: 5_000 });
      assert.equal(await page.getByTestId('balance').count(), 0);
    }
    world.sandbox.clearFaults();
    await page.getByTestId('test-connection').click();
    await page.getByTestId('balance').waitFor();
    await page.close();
  });

  it('an empty password keeps the saved one when only the login changes', async () => {
    await world.setCredentials(); // the right password again
    const page = await openOptions();
    world.sandbox.reset();
    await page.getByTestId('login').fill('someone-else@backlinklens.test');
    await page.getByTestId('save-credentials').click();
    await page.getByTestId('credentials-status').filter({ hasText: 'Saved' }).waitFor();
    assert.equal(await page.getByTestId('login').inputValue(), 'someone-else@backlinklens.test');
    await page.getByTestId('secret-hint').waitFor();

    // Back to the demo login, still without typing the password: the saved one must work.
    await page.getByTestId('login').fill(LOGIN);
    await page.getByTestId('save-credentials').click();
    await page.getByTestId('credentials-status').filter({ hasText: 'Saved' }).waitFor();
    await page.getByTestId('test-connection').click();
    await page.getByTestId('balance').waitFor();
    const calls = world.sandbox.requests.filter((r) => r.endpoint === 'user_data');
    assert.equal(calls.at(-1)?.login, LOGIN);
    assert.equal(calls.at(-1)?.httpStatus, 200, 'the kept password was accepted');
    await page.close();
  });

  it('refuses invalid defaults with a sentence and saves valid ones', async () => {
    const page = await openOptions();
    await page.getByTestId('cache-hours').fill('100000');
    const err = page.getByTestId('cache-hours-error');
    await err.waitFor();
    assert.match(await err.innerText(), /at most 720 hours/);
    await page.getByTestId('cache-hours').fill('12');
    await saveDefaultsAndWait(page);
    await page.getByTestId('daily-budget').fill('5');
    await saveDefaultsAndWait(page);
    await page.reload();
    await page.getByTestId('cache-hours').waitFor();
    assert.equal(await page.getByTestId('cache-hours').inputValue(), '12');
    assert.equal(await page.getByTestId('daily-budget').inputValue(), '5');
    assert.equal(await page.getByTestId('spend-budget').innerText(), formatMoney(5));
    // Empty = no cap.
    await page.getByTestId('daily-budget').fill('');
    await saveDefaultsAndWait(page);
    await page.getByTestId('spend-budget').filter({ hasText: 'No cap' }).waitFor();
    await page.close();
  });

  it('the rank scale reaches the next paid request; spend shows its cost; clear cache empties the stats', async () => {
    await world.setCredentials();
    const spentBefore = ((await world.sendMessage({ type: 'spend' })) as SpendReply).data.today;
    world.sandbox.reset();
    const page = await openOptions();
    assert.equal(await page.getByTestId('rank-scale').inputValue(), 'one_hundred');

    // A check with the default scale…
    const siteA = await world.openSite('https://example.com/');
    // The real toolbar popup: it checks the active tab with the settings it reads from the worker.
    const popupA = await world.openRealPopup(siteA);
    await waitFor(() => world.sandbox.apiCalls({ endpoint: 'summary' }).some((r) => r.httpStatus === 200), 'the first summary call');
    const first = world.sandbox.apiCalls({ endpoint: 'summary' });
    assert.equal(first.length, 1);
    assert.equal(rankScaleOf(first[0]!.body), 'one_hundred');
    await popupA.close();

    // …then 0–1000 in the options page: the next check asks for it.
    await page.bringToFront();
    await page.getByTestId('rank-scale').selectOption('one_thousand');
    await saveDefaultsAndWait(page);
    const siteB = await world.openSite('https://example.org/');
    const popupB = await world.openRealPopup(siteB);
    await waitFor(() => world.sandbox.apiCalls({ endpoint: 'summary' }).length >= 2 && world.sandbox.apiCalls().every((r) => r.httpStatus !== 0), 'the second summary call');
    const second = world.sandbox.apiCalls({ endpoint: 'summary' });
    assert.equal(second.length, 2);
    assert.equal(rankScaleOf(second[1]!.body), 'one_thousand');
    await popupB.close();

    // Spend: today's total and every paid call, as the API billed them.
    const paid = world.sandbox.requests.filter((r) => r.cost > 0);
    assert.ok(paid.length >= 2, 'summary (and anchors) calls were billed');
    const billed = Math.round(paid.reduce((s, r) => s + r.cost, 0) * 1e8) / 1e8;
    const today = Math.round((spentBefore + billed) * 1e8) / 1e8;
    await page.reload();
    await page.getByTestId('spend-today').waitFor();
    await waitFor(async () => (await page.getByTestId('spend-today').innerText()) === formatMoney(today), `spend today ${formatMoney(today)}`);
    assert.equal(await page.getByTestId('spend-month').innerText(), formatMoney(today));
    // Newest first: the last paid calls are the top rows.
    const shown = (await page.getByTestId('ledger-cost').allInnerTexts()).slice(0, paid.length).sort();
    assert.deepEqual(shown, paid.map((r) => formatMoney(r.cost)).sort());
    const ledgerText = await page.getByTestId('ledger').innerText();
    assert.match(ledgerText, /example\.com/);
    assert.match(ledgerText, /example\.org/);
    const summaryRow = page.getByTestId('ledger').locator('tbody tr[data-endpoint="profile"]').filter({ hasText: 'example.org' });
    assert.equal(await summaryRow.locator('[data-testid="ledger-cost"]').innerText(), formatMoney(second[1]!.cost));

    // Cache: entries from those checks, then none.
    const stats = page.getByTestId('cache-stats');
    const entries = Number(await stats.getAttribute('data-entries'));
    assert.ok(entries >= 2, `cached answers: ${entries}`);
    assert.ok(Number(await stats.getAttribute('data-bytes')) > 0);
    assert.match(await stats.innerText(), new RegExp(`^${entries} entries, [\\d.,]+ KB`));
    await shot(page, 'options-spend');
    await page.getByTestId('clear-cache').click();
    await page.locator('[data-testid="cache-stats"][data-entries="0"]').waitFor();
    assert.match(await stats.innerText(), /^0 entries, 0 KB/);
    assert.equal(await page.getByTestId('spend-today').innerText(), formatMoney(today), 'clearing the cache keeps the spend log');
    await page.close();
    await siteA.close();
    await siteB.close();
  });

  it('AIsa: says what the test costs and calls only after a yes', async () => {
    world.sandbox.reset();
    const page = await openOptions();
    await page.getByTestId('provider-aisa').check();
    assert.equal(await page.getByTestId('key').getAttribute('type'), 'password');
    await page.getByTestId('key').fill('sk-aisa-demo');
    await page.getByTestId('test-connection').click();
    const confirm = page.getByTestId('confirm-paid');
    await confirm.waitFor();
    assert.match(await page.locator('.notice.confirm').innerText(), /one paid call, about \$0\.02/);
    assert.equal(world.sandbox.requests.length, 0, 'nothing sent before the yes');
    await confirm.click();
    await page.getByTestId('connection-result').waitFor();
    assert.equal(await page.getByTestId('error').count(), 0, await page.getByTestId('connection-result').innerText());
    const calls = world.sandbox.requests.filter((r) => r.provider === 'aisa');
    assert.equal(calls.length, 1, 'exactly one paid call');
    assert.equal(calls[0]!.auth, 'bearer');
    await page.close();
  });

  it('recent checks: newest first with what the API answered, cached until the cache is cleared, then expired but kept', async () => {
    await world.setCredentials();
    world.sandbox.reset();
    const options = { includeSubdomains: true, includeIndirectLinks: true, excludeInternalBacklinks: true, statusType: 'live', rankScale: 'one_hundred' };
    type Profile = { rank: number | null; backlinks: number | null; referringDomains: number | null };
    const check = async (target: { scope: string; value: string; display: string }): Promise<Profile> => {
      const reply = (await world.sendMessage({ type: 'profile', params: { target, options }, mode: 'normal' })) as { ok: boolean; data: Profile };
      assert.equal(reply.ok, true, JSON.stringify(reply));
      return reply.data;
    };
    const first = { scope: 'domain', value: 'history-first.net', display: 'history-first.net' };
    const second = { scope: 'page', value: 'https://history-second.org/blog/post?id=7', display: 'history-second.org/blog/post?id=7' };

    const firstData = await check(first);
    const page = await openOptions();
    const rows = page.getByTestId('history').getByTestId('history-row');
    await rows.first().filter({ hasText: first.display }).waitFor();

    // The second check happens elsewhere; the Spend section's Refresh brings it in, on top.
    const secondData = await check(second);
    await page.locator('#spend-title + button').click();
    await rows.first().filter({ hasText: second.display }).waitFor();

    const history = (await world.sendMessage({ type: 'history' })) as { ok: boolean; data: unknown[] };
    assert.equal(await rows.count(), history.data.length, 'one row per history line');
    const expected = [
      { target: second, data: secondData, href: second.value, scope: 'Page' },
      { target: first, data: firstData, href: `https://${first.value}/`, scope: 'Domain' },
    ];
    for (const [i, e] of expected.entries()) {
      const row = rows.nth(i);
      const link = row.getByTestId('history-target').locator('a');
      assert.equal(await link.innerText(), e.target.display);
      assert.equal(await link.getAttribute('href'), e.href);
      assert.equal(await link.getAttribute('target'), '_blank');
      assert.match((await link.getAttribute('rel')) ?? '', /noopener/);
      assert.match(await row.innerText(), new RegExp(`\\b${e.scope}\\b`));
      assert.match(await row.innerText(), /just now|min ago/);
      const cells: [string, number | null][] = [['history-rank', e.data.rank], ['history-backlinks', e.data.backlinks], ['history-domains', e.data.referringDomains]];
      for (const [id, value] of cells) {
        assert.equal(typeof value, 'number', `the sandbox answered ${id} for ${e.target.value}`);
        const cell = row.getByTestId(id).locator('.num');
        assert.equal(await cell.innerText(), formatCount(value), `${id} of ${e.target.value}`);
        assert.equal(await cell.getAttribute('title'), formatExact(value));
      }
      assert.equal(await row.getAttribute('data-cached'), 'true');
      assert.equal(await row.getByTestId('history-cache').innerText(), 'cached — reopening is free');
    }
    await shot(page, 'options-history');

    // Clearing the cache: the same rows, now expired.
    await page.getByTestId('clear-cache').click();
    await page.locator('[data-testid="cache-stats"][data-entries="0"]').waitFor();
    await page.locator('[data-testid="history-row"][data-cached="true"]').first().waitFor({ state: 'detached', timeout: 5_000 });
    assert.equal(await rows.count(), history.data.length, 'the history stays');
    for (const [i, e] of expected.entries()) {
      assert.match(await rows.nth(i).innerText(), new RegExp(e.target.display.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.equal(await rows.nth(i).getByTestId('history-cache').innerText(), 'expired');
    }
    assert.deepEqual(world.pageErrors, []);
    await page.close();
  });

  it('forgets the credentials after a confirmation', async () => {
    const page = await openOptions();
    await page.getByTestId('forget-credentials').click();
    await page.getByTestId('forget-confirm').click();
    await page.getByTestId('credentials-status').filter({ hasText: 'removed' }).waitFor();
    const reply = (await world.sendMessage({ type: 'getSettings' })) as { ok: boolean; data: { credentials: { present: boolean } } };
    assert.equal(reply.ok, true);
    assert.equal(reply.data.credentials.present, false);
    assert.equal(await page.getByTestId('forget-credentials').count(), 0);
    assert.deepEqual(world.pageErrors, []);
    await page.close();
  });
});

function rankScaleOf(body: unknown): unknown {
  return Array.isArray(body) ? (body[0] as { rank_scale?: unknown } | undefined)?.rank_scale : undefined;
}

async function waitFor(probe: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
