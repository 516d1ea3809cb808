/**
 * The user's money under faults, on the production build in real Chromium: a worker stopped in the
 * middle of a paid call, a full storage.local, a save that the browser refuses, a damaged ledger.
 * The sandbox's request log (what was called, what each call cost) is the truth the ledger is
 * compared with.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { DEFAULT_CREDENTIALS } from '../sandbox/server.ts';
import { launchWorld, type World } from './harness.ts';

declare const chrome: {
  runtime: { sendMessage(m: unknown): Promise<unknown> };
  storage: { local: { set(items: Record<string, unknown>): Promise<void>; get(k: unknown): Promise<Record<string, unknown>>; remove(k: string[]): Promise<void> } };
};

type Reply =
  | { ok: true; data: Record<string, any>; meta: { cost: number; fromCache: boolean; spentToday: number } }
  | { ok: false; error: { kind: string; message: string; retryable: boolean } };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const domain = (value: string) => ({ scope: 'domain', value, display: value });

async function ask(world: World, msg: unknown): Promise<Reply> {
  return (await world.sendMessage(msg)) as Reply;
}

async function options(world: World) {
  const r = await ask(world, { type: 'getSettings' });
  assert.ok(r.ok);
  const s = r.data.settings;
  return { includeSubdomains: s.includeSubdomains, includeIndirectLinks: s.includeIndirectLinks, excludeInternalBacklinks: s.excludeInternalBacklinks, statusType: s.statusType, rankScale: s.rankScale };
}

const profile = (target: string, opts: unknown, mode = 'normal') => ({ type: 'profile', params: { target: domain(target), options: opts }, mode });

/** Paid calls the sandbox received (the free account call is not one). */
const paid = (world: World, target?: string) =>
  world.sandbox.apiCalls(target ? { target } : {}).filter((r) => ['summary', 'anchors', 'backlinks'].includes(r.endpoint));

async function spend(world: World) {
  const r = await ask(world, { type: 'spend' });
  assert.ok(r.ok, JSON.stringify(r));
  return r.data as { today: number; unconfirmed: number; unconfirmedCount: number; droppedCount: number; writeFailure: string | null; recent: unknown[] };
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * Fills storage.local from the worker until not even a few bytes fit: chunks of 512 KB, then
 * halved down to 8 bytes at each refusal. Returns how many junk keys it wrote.
 */
async function fillStorage(world: World): Promise<number> {
  return world.worker().evaluate(async () => {
    let n = 0;
    for (let size = 512 * 1024; size >= 8 && n < 400; ) {
      try {
        await chrome.storage.local.set({ [`e2e-junk-${n}`]: 'x'.repeat(size) });
        n++;
      } catch {
        size = Math.floor(size / 2);
      }
    }
    return n;
  });
}

/**
 * From now on, the worker's storage.local.set never completes for the writes `hang` picks: the
 * worker is "stopped" inside that write (the test then stops it for real). `globalThis.__hung`
 * counts the writes held.
 */
async function holdWrites(world: World, rule: 'second-ledger-write' | 'provider-write'): Promise<void> {
  await world.worker().evaluate((which) => {
    const g = globalThis as any;
    const area = g.chrome.storage.local;
    const original = area.set;
    let ledgerWrites = 0;
    g.__hung = 0;
    area.set = function (items: Record<string, unknown>, ...rest: unknown[]) {
      const keys = Object.keys(items ?? {});
      const hold =
        which === 'provider-write' ? keys.includes('settings') : keys.includes('ledger') && ++ledgerWrites === 2;
      if (hold) {
        g.__hung++;
        return new Promise(() => undefined); // neither the callback nor the promise ever comes
      }
      return original.call(this, items, ...rest);
    };
  }, rule);
}

const hung = (world: World) => world.worker().evaluate(() => (globalThis as any).__hung as number);

describe('money under faults (production build, Chromium)', () => {
  let world: World;

  beforeEach(async () => {
    world = await launchWorld();
    await world.setCredentials();
    world.sandbox.reset();
  });

  afterEach(async () => {
    await world?.close();
  });

  test('a worker stopped mid-call: the re-ask buys nothing and says the check was charged and lost; the click buys it once', async (t) => {
    const opts = await options(world);
    world.sandbox.addFault({ target: 'lost-answer.com', endpoint: 'summary', hang: true });
    const page = await world.openExtensionPage('options.html');
    await page.evaluate((msg) => {
      void chrome.runtime.sendMessage(msg).catch(() => undefined);
    }, profile('lost-answer.com', opts) as never);
    await waitFor('the call to reach the API', async () => paid(world, 'lost-answer.com').length === 1);
    await world.restartWorker();
    world.sandbox.clearFaults();

    // What askWithRetry sends again after "the worker did not answer": the same normal request.
    const again = await ask(world, profile('lost-answer.com', opts));
    assert.equal(again.ok, false, JSON.stringify(again));
    if (!again.ok) {
      assert.equal(again.error.kind, 'answer-lost');
      assert.match(again.error.message, /^This check was charged \(\$0\.02\d*\) but its answer was lost when the browser stopped the extension\./);
    }
    await sleep(300);
    assert.equal(paid(world, 'lost-answer.com').length, 1, 'no second purchase without a click');
    const s1 = await spend(world);
    assert.equal(s1.unconfirmedCount, 1);
    assert.ok(s1.unconfirmed >= 0.02, `the unconfirmed charge counts at its estimate (${s1.unconfirmed})`);

    // The popup on that site shows the sentence and "Check again"; the click buys it once.
    const site = await world.openSite('https://lost-answer.com/');
    const popup = await world.openRealPopup(site);
    await popup.waitForText(/was charged .* but its answer was lost/);
    assert.equal(paid(world, 'lost-answer.com').filter((r) => r.endpoint === 'summary').length, 1);
    await popup.click('[data-testid="check-again"]');
    await waitFor('the bought-again summary', async () => paid(world, 'lost-answer.com').filter((r) => r.endpoint === 'summary').length === 2);
    await waitFor('the numbers', async () => /\d/.test(await popup.evaluate<string>(`document.querySelector('[data-testid="rank"] .num, [data-testid="backlinks"] .num')?.textContent ?? ''`)));
    await popup.close();

    // The ledger: what was settled equals what the sandbox charged for the answers that arrived;
    // the lost call stays counted at its estimate, so the ledger never reads below the charges.
    const s2 = await spend(world);
    const charged = paid(world).reduce((sum, r) => sum + (r.cost ?? 0), 0);
    const answered = paid(world).filter((r) => r.httpStatus > 0).reduce((sum, r) => sum + (r.cost ?? 0), 0);
    assert.ok(Math.abs(s2.today - answered) < 1e-6, `settled ${s2.today} = charged for answered calls ${answered}`);
    assert.ok(s2.today + s2.unconfirmed >= charged - 1e-6, `ledger ${s2.today} + ${s2.unconfirmed} ≥ charged ${charged}`);
    t.diagnostic(`ledger: settled ${s2.today}, unconfirmed ${s2.unconfirmed}; sandbox charged ${charged} (answered ${answered})`);

    // Options › Spend: compare with DataForSEO's own figure (free), then take the user's word.
    const optionsPage = await world.openExtensionPage('options.html');
    await optionsPage.getByTestId('check-spend').click();
    const summary = await optionsPage.getByTestId('reconcile-summary').innerText();
    t.diagnostic(`check with DataForSEO: ${summary}`);
    assert.match(summary, /DataForSEO reports \$[\d.]+ spent today on this account/);
    assert.match(summary, /This extension recorded \$[\d.]+, plus \$[\d.]+ unconfirmed\./);
    assert.equal(world.sandbox.apiCalls({ endpoint: 'user_data' }).length, 1, 'one free account call');
    await optionsPage.getByTestId('unconfirmed-not-charged').click();
    await waitFor('the unconfirmed charge to go', async () => (await spend(world)).unconfirmedCount === 0);
    assert.ok(Math.abs((await spend(world)).today - answered) < 1e-6, 'the settled spend is unchanged');
    await optionsPage.close();
  });

  test('storage.local full: no paid call, a message with the fix, the ledger unchanged; after clearing, checks work', async () => {
    const opts = await options(world);
    const first = await ask(world, profile('before-full.com', opts));
    assert.ok(first.ok);
    const before = await spend(world);
    // Fill storage.local from the worker until the browser refuses.
    const filled = await fillStorage(world);
    assert.ok(filled > 0, `storage.local refused a write after ${filled} chunks`);
    const calls = paid(world).length;
    const refused = await ask(world, profile('while-full.com', opts));
    assert.equal(refused.ok, false);
    if (!refused.ok) assert.match(refused.error.message, /storage is full.*Nothing was spent/);
    assert.equal(paid(world).length, calls, 'no paid call while the cost cannot be recorded');
    const during = await spend(world);
    assert.equal(during.today, before.today, 'the ledger is what was charged');
    assert.equal(during.writeFailure, 'storage-full');

    await world.worker().evaluate(async (n) => chrome.storage.local.remove(Array.from({ length: n }, (_, i) => `e2e-junk-${i}`)), filled);
    const after = await ask(world, profile('while-full.com', opts));
    assert.ok(after.ok, JSON.stringify(after));
    assert.equal(paid(world).length, calls + 1);
  });

  test('a credentials save the browser refuses changes nothing: key, password and provider stay as they were', async () => {
    const filled = await fillStorage(world);
    assert.ok(filled > 0);
    const save = await ask(world, { type: 'saveCredentials', credentials: { provider: 'aisa', key: `sk-aisa-${'k'.repeat(300)}` } });
    assert.equal(save.ok, false, JSON.stringify(save));
    const pub = await ask(world, { type: 'getSettings' });
    assert.ok(pub.ok);
    assert.equal(pub.data.settings.provider, 'dataforseo');
    assert.equal(pub.data.credentials.provider, 'dataforseo');
    assert.equal(pub.data.credentials.login, DEFAULT_CREDENTIALS.login);
    const stored = await world.worker().evaluate(async () => (await chrome.storage.local.get('credentials')).credentials as Record<string, string>);
    assert.equal(stored.password, DEFAULT_CREDENTIALS.password, 'the saved password is still there');
    // The options page shows what is stored.
    const page = await world.openExtensionPage('options.html');
    await waitFor('the saved login in the form', async () => (await page.$eval('[data-testid=login]', (e) => (e as HTMLInputElement).value)) === DEFAULT_CREDENTIALS.login);
  });

  test('a damaged ledger: Spend answers and says what was dropped, and the next check is recorded afresh', async () => {
    await world.worker().evaluate(async () => {
      await chrome.storage.local.set({ ledger: { entries: [{ at: 'yesterday', cost: 'a lot' }, 7], days: { '2026-13-99': Infinity }, open: [1, 2], dropped: -5 } });
    });
    await world.restartWorker();
    const s = await spend(world);
    assert.ok(s.droppedCount >= 2, `dropped lines counted (${s.droppedCount})`);
    assert.equal(s.today, 0);
    const opts = await options(world);
    const r = await ask(world, profile('after-damage.com', opts));
    assert.ok(r.ok, JSON.stringify(r));
    const after = await spend(world);
    const charged = paid(world, 'after-damage.com').reduce((sum, c) => sum + c.cost, 0);
    assert.ok(Math.abs(after.today - charged) < 1e-6, `ledger ${after.today} = charged ${charged}`);
  });
  test('a worker stopped right after the answer was stored, before the ledger was settled: the re-ask is free and the charge is settled from the cache', async () => {
    const opts = await options(world);
    await holdWrites(world, 'second-ledger-write'); // 1st: the reservation, 2nd: its settlement
    const page = await world.openExtensionPage('options.html');
    await page.evaluate((msg) => {
      void chrome.runtime.sendMessage(msg).catch(() => undefined);
    }, profile('stored-then-stopped.com', opts) as never);
    await waitFor('the settlement write to be held', async () => (await hung(world)) === 1);
    assert.equal(paid(world, 'stored-then-stopped.com').length, 1);
    await world.restartWorker();

    const again = await ask(world, profile('stored-then-stopped.com', opts));
    assert.ok(again.ok, JSON.stringify(again));
    assert.equal(again.meta.fromCache, true, 'served from the cache the stopped worker wrote');
    assert.equal(again.meta.cost, 0);
    await sleep(300);
    assert.equal(paid(world, 'stored-then-stopped.com').length, 1, 'nothing bought again');
    const s = await spend(world);
    const charged = paid(world, 'stored-then-stopped.com')[0]!.cost;
    assert.equal(s.unconfirmedCount, 0, 'the open reservation was settled from the cache');
    assert.ok(Math.abs(s.today - charged) < 1e-6, `ledger ${s.today} = charged ${charged}`);
  });

  test('a credentials save interrupted by a worker stop (switching to AIsa) leaves the old password and provider', async () => {
    await holdWrites(world, 'provider-write');
    const page = await world.openExtensionPage('options.html');
    await page.evaluate(() => {
      void chrome.runtime
        .sendMessage({ type: 'saveCredentials', credentials: { provider: 'aisa', key: 'sk-aisa-interrupted-0123456789' } })
        .catch(() => undefined);
    });
    await waitFor('the save to be held', async () => (await hung(world)) === 1);
    await world.restartWorker();
    const pub = await ask(world, { type: 'getSettings' });
    assert.ok(pub.ok);
    assert.equal(pub.data.settings.provider, 'dataforseo');
    assert.deepEqual(
      { provider: pub.data.credentials.provider, login: pub.data.credentials.login, present: pub.data.credentials.present },
      { provider: 'dataforseo', login: DEFAULT_CREDENTIALS.login, present: true },
    );
    const stored = await world.worker().evaluate(async () => (await chrome.storage.local.get('credentials')).credentials as Record<string, string>);
    assert.equal(stored.password, DEFAULT_CREDENTIALS.password);
    // A check still works with the saved credentials.
    const r = await ask(world, profile('after-interrupted-save.com', await options(world)));
    assert.ok(r.ok, JSON.stringify(r));
    await page.close();
  });
  test('Options: DataForSEO ↔ sandbox with the saved password sticks (form, stored provider, the host the next check goes to)', async () => {
    const opts = await options(world);
    let page = await world.openExtensionPage('options.html');
    await waitFor('the saved login', async () => (await page.getByTestId('login').inputValue()) === DEFAULT_CREDENTIALS.login);
    for (const [provider, host] of [['sandbox', 'sandbox.dataforseo.com'], ['dataforseo', 'api.dataforseo.com']] as const) {
      await page.getByTestId(`provider-${provider}`).check();
      await page.getByTestId('save-credentials').click();
      await page.getByTestId('credentials-status').filter({ hasText: /Now using|Saved/ }).waitFor();
      // Reloaded, the form shows what is stored: the chosen provider, the login, the password kept (its hint).
      await page.close();
      page = await world.openExtensionPage('options.html');
      await waitFor(`the ${provider} radio checked after a reload`, async () => page.getByTestId(`provider-${provider}`).isChecked());
      assert.equal(await page.getByTestId('login').inputValue(), DEFAULT_CREDENTIALS.login);
      assert.ok((await page.getByTestId('secret-hint').innerText()).includes('••••'), 'the saved password is kept');
      const pub = await ask(world, { type: 'getSettings' });
      assert.ok(pub.ok);
      assert.equal(pub.data.settings.provider, provider);
      assert.equal(pub.data.credentials.provider, provider);
      const since = world.sandbox.requests.length;
      const r = await ask(world, profile(`switch-${provider}.com`, opts));
      assert.ok(r.ok, JSON.stringify(r));
      const calls = world.sandbox.requests.slice(since).filter((c) => c.endpoint === 'summary');
      assert.equal(calls.length, 1);
      assert.equal(calls[0]!.host, host);
      assert.equal(calls[0]!.login, DEFAULT_CREDENTIALS.login, 'with the saved password (accepted by the sandbox)');
    }
    await page.close();
  });
  test('Lost under a live status and tracking parameters: what reaches the API is what the user meant, and nothing is paid for a call that can only return nothing', async () => {
    const opts = await options(world);
    assert.equal(opts.statusType, 'live');
    const filters = { dofollowOnly: false, newOnly: false, lostOnly: true, brokenOnly: false, itemType: 'any', text: '' };
    const backlinks = (f: unknown) => ({
      type: 'backlinks',
      params: { target: domain('lost-links.com'), options: opts, limit: 100, offset: 0, searchAfterToken: null, sort: 'rank', dir: 'desc', mode: 'as_is', filters: f },
      mode: 'normal',
    });
    const lost = await ask(world, backlinks(filters));
    assert.ok(lost.ok, JSON.stringify(lost));
    const [call] = world.sandbox.apiCalls({ endpoint: 'backlinks', target: 'lost-links.com' });
    const task = (call!.body as Array<Record<string, unknown>>)[0]!;
    assert.equal(task.backlinks_status_type, 'lost', '"Lost" is asked as the lost status, not as is_lost under live');
    assert.ok(!JSON.stringify(task.filters ?? []).includes('is_lost'), `no is_lost filter: ${JSON.stringify(task.filters)}`);

    const since = world.sandbox.requests.length;
    const nothing = await ask(world, backlinks({ ...filters, newOnly: true }));
    assert.equal(nothing.ok, false);
    if (!nothing.ok) assert.match(nothing.error.message, /match nothing/);
    assert.equal(world.sandbox.requests.length, since, 'a request that can only return nothing is not sent');

    const resolved = await ask(world, { type: 'resolveTarget', url: 'https://shop.tracked-site.com/item?id=7&utm_source=news&gclid=abc&fbclid=x' });
    assert.ok(resolved.ok, JSON.stringify(resolved));
    const page = resolved.data.site.page;
    assert.equal(page.value, 'https://shop.tracked-site.com/item?id=7');
    const checked = await ask(world, { type: 'profile', params: { target: page, options: opts }, mode: 'normal' });
    assert.ok(checked.ok, JSON.stringify(checked));
    const sent = world.sandbox.apiCalls({ endpoint: 'summary' }).at(-1)!;
    assert.equal(sent.target, 'https://shop.tracked-site.com/item?id=7', 'the API is asked without the tracking parameters');
  });
  test('the daily cap holds with a charge a stopped worker left open: it counts until resolved, and nothing is bought past it', async () => {
    const opts = await options(world);
    world.sandbox.addFault({ target: 'cap-lost.com', endpoint: 'summary', hang: true });
    const page = await world.openExtensionPage('options.html');
    await page.evaluate((msg) => {
      void chrome.runtime.sendMessage(msg).catch(() => undefined);
    }, profile('cap-lost.com', opts) as never);
    await waitFor('the call to reach the API', async () => paid(world, 'cap-lost.com').length === 1);
    await world.restartWorker();
    world.sandbox.clearFaults();
    const open = await spend(world);
    assert.equal(open.unconfirmedCount, 1);
    // A cap that the open charge plus one more check would cross.
    const saved = await ask(world, { type: 'saveSettings', patch: { dailyBudget: 0.03 } });
    assert.ok(saved.ok, JSON.stringify(saved));
    const since = paid(world).length;
    const refused = await ask(world, profile('cap-other.com', opts));
    assert.equal(refused.ok, false);
    if (!refused.ok) {
      assert.equal(refused.error.kind, 'budget');
      assert.match(refused.error.message, /unconfirmed/);
    }
    assert.equal(paid(world).length, since, 'nothing bought past the cap');
    await page.close();
  });
});
