/**
 * The background worker in a real browser, on the production build: cache, in-flight sharing, a real
 * MV3 worker stop (between checks and in the middle of one), the daily budget, what pages can and
 * cannot get from it, and targets that must never reach the API. The API is the sandbox, reached at
 * https://api.dataforseo.com through the harness's host mapping; its request log is the truth about
 * what was called and spent.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { DEFAULT_CREDENTIALS } from '../sandbox/server.ts';
import { launchWorld, type RealPopup, type World } from './harness.ts';

declare const chrome: {
  runtime: { sendMessage(m: unknown): Promise<unknown> };
};

/* ----------------------------------------------------------------------------------------------
 * Helpers
 * -------------------------------------------------------------------------------------------- */

type Scope = 'domain' | 'host' | 'page';
interface Target {
  scope: Scope;
  value: string;
  display: string;
}
interface Meta {
  cost: number;
  fetchedAt: number;
  fromCache: boolean;
  spentToday: number;
}
type Reply =
  | { ok: true; data: Record<string, unknown>; meta: Meta }
  | { ok: false; error: { kind: string; message: string; retryable: boolean } };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const domain = (value: string): Target => ({ scope: 'domain', value, display: value });

/** Query options as the settings hold them now (they are part of every paid request). */
async function queryOptions(world: World): Promise<Record<string, unknown>> {
  const reply = (await world.sendMessage({ type: 'getSettings' })) as Reply;
  assert.ok(reply.ok, `getSettings failed: ${JSON.stringify(reply)}`);
  const s = reply.data.settings as Record<string, unknown>;
  return {
    includeSubdomains: s.includeSubdomains,
    includeIndirectLinks: s.includeIndirectLinks,
    excludeInternalBacklinks: s.excludeInternalBacklinks,
    statusType: s.statusType,
    rankScale: s.rankScale,
  };
}

function profileRequest(target: Target, options: Record<string, unknown>, mode: 'normal' | 'refresh' | 'cacheOnly' = 'normal') {
  return { type: 'profile', params: { target, options }, mode };
}

async function ask(world: World, msg: unknown): Promise<Reply> {
  return (await world.sendMessage(msg)) as Reply;
}

const API_HOSTS = new Set(['api.dataforseo.com', 'sandbox.dataforseo.com', 'api.aisa.one']);

/** Requests the extension made to an API host (a site opened by IP address is served by the same server). */
function apiRequests(world: World) {
  return world.sandbox.requests.filter((r) => API_HOSTS.has(r.host));
}

/** How the worker says no to a target: out of the API's contract, or not a site that can be checked. */
const REFUSAL_KINDS = ['invalid-request', 'unsupported-target'];

/** Sends a profile check for each target; returns a line for each one the worker did not refuse. */
async function askAll(world: World, targets: Target[], options: Record<string, unknown>): Promise<string[]> {
  const accepted: string[] = [];
  for (const target of targets) {
    const reply = await ask(world, profileRequest(target, options));
    if (reply.ok || !REFUSAL_KINDS.includes(reply.error.kind)) accepted.push(`${target.scope} ${JSON.stringify(target.value)} was not refused (${reply.ok ? 'checked' : reply.error.kind})`);
  }
  return accepted;
}

/** Paid API calls the sandbox received (the free account check is not one). */
function paidCalls(world: World, filter: { endpoint?: string; target?: string } = {}) {
  return world.sandbox.apiCalls(filter).filter((r) => r.endpoint === 'summary' || r.endpoint === 'anchors' || r.endpoint === 'backlinks');
}

/**
 * Expressions run in the real popup. They are strings: a function's source would carry the test
 * compiler's helpers (e.g. `__name`), which the popup does not have.
 */
const POPUP_NUMBERS = `(() => {
  const get = (id) => document.querySelector('[data-testid="' + id + '"] .num')?.textContent?.trim() ?? '';
  return { rank: get('rank'), backlinks: get('backlinks'), text: document.body?.innerText ?? '' };
})()`;
const POPUP_COST_MARKS = `[...document.querySelectorAll('[data-testid="cost"]')].map((e) => e.getAttribute('data-from-cache') ?? '')`;
const POPUP_STATE = `(() => {
  const num = document.querySelector('[data-testid="rank"] .num, [data-testid="backlinks"] .num')?.textContent ?? '';
  const retry = [...document.querySelectorAll('[data-testid="error"] button')].some((b) => /try again|check again/i.test(b.textContent ?? ''));
  const errorText = [...document.querySelectorAll('[data-testid="error"]')].map((e) => e.textContent ?? '').join(' | ');
  return { data: /\\d/.test(num), retry, errorText };
})()`;
const POPUP_UNSUPPORTED = `document.querySelector('[data-testid="unsupported"]')?.textContent ?? ''`;

/** The popup's headline numbers, once rank or backlinks shows a number (not the loading skeleton or "—"). */
async function waitForPopupData(popup: RealPopup, timeoutMs = 15_000): Promise<{ rank: string; backlinks: string }> {
  const end = Date.now() + timeoutMs;
  let last: { rank: string; backlinks: string; text: string } | null = null;
  while (Date.now() < end) {
    last = await popup.evaluate<{ rank: string; backlinks: string; text: string }>(POPUP_NUMBERS);
    if (/\d/.test(last.rank) || /\d/.test(last.backlinks)) return { rank: last.rank, backlinks: last.backlinks };
    await sleep(50);
  }
  throw new Error(`The popup showed no numbers within ${timeoutMs} ms. Its text:\n${last?.text ?? '(none)'}`);
}

/** Whether the popup marks the profile's answer as coming from the cache (its cost line). */
async function popupCostFromCache(popup: RealPopup): Promise<string[]> {
  return popup.evaluate<string[]>(POPUP_COST_MARKS);
}

/** Settles a promise or gives up after `ms`, so a hang fails the test instead of stalling it. */
async function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<T>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (a hang)`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/* ----------------------------------------------------------------------------------------------
 * Tests
 * -------------------------------------------------------------------------------------------- */

describe('background worker on the production build', () => {
  let world: World;

  beforeEach(async () => {
    world = await launchWorld();
    await world.setCredentials();
    world.sandbox.reset();
  });

  afterEach(async () => {
    await world?.close();
  });

  test('checking the same site twice makes one API call; the second answer is from the cache at no cost', async () => {
    const options = await queryOptions(world);
    const target = domain('twice-checked.com');

    const first = await ask(world, profileRequest(target, options));
    assert.ok(first.ok, JSON.stringify(first));
    assert.equal(first.meta.fromCache, false);
    assert.ok(first.meta.cost > 0, `a fresh paid call costs something (got ${first.meta.cost})`);

    const second = await ask(world, profileRequest(target, options));
    assert.ok(second.ok, JSON.stringify(second));
    assert.equal(second.meta.fromCache, true);
    assert.equal(second.meta.cost, 0);
    assert.deepEqual(second.data, first.data, 'the cached answer is the same profile');
    assert.equal(paidCalls(world, { endpoint: 'summary', target: 'twice-checked.com' }).length, 1);
    assert.equal(paidCalls(world).length, 1, 'nothing else was called');

    // The same through the real toolbar popup, opened twice on one site tab.
    const site = await world.openSite('https://popup-twice.com/');
    const p1 = await world.openRealPopup(site);
    const shown1 = await waitForPopupData(p1);
    await p1.close();
    const callsAfterFirst = paidCalls(world).length;
    assert.equal(paidCalls(world, { endpoint: 'summary', target: 'popup-twice.com' }).length, 1);
    assert.equal(paidCalls(world, { endpoint: 'anchors', target: 'popup-twice.com' }).length, 1);

    const p2 = await world.openRealPopup(site);
    const shown2 = await waitForPopupData(p2);
    assert.deepEqual(shown2, shown1, 'the reopened popup shows the same numbers');
    // Give a stray second call time to arrive before counting.
    await sleep(300);
    assert.equal(paidCalls(world).length, callsAfterFirst, 'reopening the popup made no API call');
    const marks = await popupCostFromCache(p2);
    assert.ok(marks.length > 0 && marks.every((m) => m === 'true'), `the reopened popup says "from cache" (got ${JSON.stringify(marks)})`);
    await p2.close();
  });

  test('a check survives a real worker stop: the reopened popup shows it without a second call', async () => {
    const site = await world.openSite('https://survives-restart.com/');
    const p1 = await world.openRealPopup(site);
    const before = await waitForPopupData(p1);
    await p1.close();
    // Cache and ledger are written before the reply: wait for nothing else.
    const callsBefore = paidCalls(world).length;
    assert.equal(callsBefore, 2, 'one profile and one anchors call');

    await world.restartWorker();
    assert.equal(await world.workerRunning(), true);

    const p2 = await world.openRealPopup(site);
    const after = await waitForPopupData(p2);
    assert.deepEqual(after, before);
    await sleep(300);
    assert.equal(paidCalls(world).length, callsBefore, 'no new call after the worker restarted');
    const marks = await popupCostFromCache(p2);
    assert.ok(marks.length > 0 && marks.every((m) => m === 'true'), `served from the cache (got ${JSON.stringify(marks)})`);
    await p2.close();

    // And at the protocol level: the new worker answers from the cache.
    const options = await queryOptions(world);
    const again = await ask(world, profileRequest(domain('survives-restart.com'), options));
    assert.ok(again.ok);
    assert.equal(again.meta.fromCache, true);
    assert.equal(again.meta.cost, 0);
    assert.equal(paidCalls(world).length, callsBefore);
  });

  test('a worker stopped in the middle of a call: an answer or a clean retryable error, never a hang; a retry succeeds', async (t) => {
    const options = await queryOptions(world);
    const target = domain('stopped-mid-call.com');
    world.sandbox.setLatency(3000);

    // The request goes out from an extension page; its outcome is kept in the page.
    const page = await world.openExtensionPage('options.html');
    await page.evaluate((msg) => {
      const w = window as unknown as { __outcome?: unknown };
      w.__outcome = undefined;
      chrome.runtime.sendMessage(msg).then(
        (reply: unknown) => (w.__outcome = { reply }),
        (e: unknown) => (w.__outcome = { threw: String(e) }),
      );
    }, profileRequest(target, options) as never);

    // The call has reached the API; stop the worker while it waits for the answer.
    const reached = Date.now() + 5000;
    while (paidCalls(world, { target: 'stopped-mid-call.com' }).length === 0 && Date.now() < reached) await sleep(20);
    assert.equal(paidCalls(world, { target: 'stopped-mid-call.com' }).length, 1, 'the call reached the API before the stop');
    await world.restartWorker();

    const outcome = await within(
      10_000,
      (async () => {
        for (;;) {
          const o = await page.evaluate(() => (window as unknown as { __outcome?: unknown }).__outcome);
          if (o !== undefined) return o as { reply?: Reply; threw?: string };
          await sleep(50);
        }
      })(),
      'the interrupted request',
    );
    t.diagnostic(`protocol level: ${outcome.reply ? `answered ${JSON.stringify(outcome.reply).slice(0, 120)}` : `channel closed (${outcome.threw})`}`);
    if (outcome.reply) {
      // If the worker answered anyway, the answer must be valid data or a retryable error.
      const r = outcome.reply;
      assert.ok(r.ok || r.error.retryable, `an error after a stop must be retryable: ${JSON.stringify(r)}`);
    } else {
      // The message channel closed: pages turn this into a retryable "worker did not answer" error (lib/ask.ts).
      assert.match(String(outcome.threw), /closed|receiving end|port|context/i);
    }

    world.sandbox.setLatency(0);
    // The page's re-ask (normal) never buys again: the call reached the API, so its answer is either
    // in the cache or reported lost; only a refresh (the user's click) buys it again.
    const paidBefore = paidCalls(world, { target: 'stopped-mid-call.com' }).length;
    const retry = await within(10_000, ask(world, profileRequest(target, options)), 'the retry');
    assert.ok(retry.ok || retry.error.kind === 'answer-lost', `the re-ask is a cache hit or "answer lost": ${JSON.stringify(retry)}`);
    assert.equal(paidCalls(world, { target: 'stopped-mid-call.com' }).length, paidBefore, 'the re-ask bought nothing');
    if (!retry.ok) {
      const click = await within(10_000, ask(world, profileRequest(target, options, 'refresh')), 'the click');
      assert.ok(click.ok, `Check again succeeds: ${JSON.stringify(click)}`);
    }
    await page.close();

    // The same through the real popup: it must end up showing the numbers, by itself or after "Try again".
    world.sandbox.reset();
    world.sandbox.setLatency(3000);
    const site = await world.openSite('https://popup-mid-call.com/');
    const popup = await world.openRealPopup(site);
    const reachedPopup = Date.now() + 8000;
    while (paidCalls(world, { target: 'popup-mid-call.com' }).length === 0 && Date.now() < reachedPopup) await sleep(20);
    assert.ok(paidCalls(world, { target: 'popup-mid-call.com' }).length > 0, 'the popup’s call reached the API');
    await world.restartWorker();
    world.sandbox.setLatency(0);

    const state = await within(
      15_000,
      (async () => {
        for (;;) {
          const s = await popup.evaluate<{ data: boolean; retry: boolean; errorText: string }>(POPUP_STATE);
          if (s.data || s.retry) return s;
          await sleep(100);
        }
      })(),
      'the popup after a worker stop',
    );
    t.diagnostic(`popup: ${state.data ? 'showed the numbers by itself' : `showed an error (${state.errorText.slice(0, 120)})`}`);
    if (!state.data) {
      assert.ok(state.retry, `a retryable error with "Try again" or, for a lost answer, "Check again": ${state.errorText}`);
      await popup.click('[data-testid="error"] button');
    }
    await waitForPopupData(popup, 10_000);
    await popup.close();
  });

  test('20 identical simultaneous requests make one API call and are charged once', async () => {
    const options = await queryOptions(world);
    world.sandbox.setLatency(300);
    const page = await world.openExtensionPage('options.html');
    const replies = (await page.evaluate(
      (msg) => Promise.all(Array.from({ length: 20 }, () => chrome.runtime.sendMessage(msg))),
      profileRequest(domain('twenty-at-once.com'), options) as never,
    )) as Reply[];
    assert.equal(replies.length, 20);
    for (const r of replies) assert.ok(r.ok, JSON.stringify(r));
    const ok = replies.filter((r): r is Extract<Reply, { ok: true }> => r.ok);
    assert.equal(paidCalls(world, { target: 'twenty-at-once.com' }).length, 1, 'one call for 20 identical requests');
    const charged = ok.filter((r) => r.meta.cost > 0);
    assert.equal(charged.length, 1, 'exactly one reply carries the cost');
    const sandboxCost = paidCalls(world).reduce((s, r) => s + r.cost, 0);
    assert.ok(Math.abs(charged[0]!.meta.cost - sandboxCost) < 1e-9, `the cost is the API's (${charged[0]!.meta.cost} vs ${sandboxCost})`);
    const first = JSON.stringify(ok[0]!.data);
    assert.ok(ok.every((r) => JSON.stringify(r.data) === first), 'every request got the same profile');
    await page.close();
  });

  test('no reply ever carries the API password; web pages and foreign documents cannot use the worker', async () => {
    const secret = DEFAULT_CREDENTIALS.password;
    const basic = Buffer.from(`${DEFAULT_CREDENTIALS.login}:${secret}`).toString('base64');
    const options = await queryOptions(world);
    const replies: Record<string, unknown> = {
      getSettings: await ask(world, { type: 'getSettings' }),
      saveSettings: await ask(world, { type: 'saveSettings', patch: { cacheHours: 12 } }),
      saveCredentials: await ask(world, {
        type: 'saveCredentials',
        credentials: { provider: 'dataforseo', login: DEFAULT_CREDENTIALS.login, password: secret },
      }),
      saveLogin: await ask(world, { type: 'saveLogin', login: DEFAULT_CREDENTIALS.login }),
      testConnection: await ask(world, { type: 'testConnection', confirmPaid: false }),
      profile: await ask(world, profileRequest(domain('secret-check.com'), options)),
      spend: await ask(world, { type: 'spend' }),
      history: await ask(world, { type: 'history' }),
    };
    for (const [type, reply] of Object.entries(replies)) {
      assert.ok((reply as Reply).ok, `${type}: ${JSON.stringify(reply)}`);
      const json = JSON.stringify(reply);
      assert.ok(!json.includes(secret), `${type} reply contains the API password`);
      assert.ok(!json.includes(basic), `${type} reply contains the Basic auth header`);
    }
    const pub = (replies.getSettings as Extract<Reply, { ok: true }>).data.credentials as Record<string, unknown>;
    assert.equal(pub.present, true);
    assert.equal(pub.login, DEFAULT_CREDENTIALS.login);
    // The credentials did reach the API (so the test above is not vacuous).
    assert.ok(paidCalls(world).some((r) => r.login === DEFAULT_CREDENTIALS.login && r.auth === 'basic'));

    // A web page has no channel to the extension (no externally_connectable).
    const site = await world.openSite('https://outside-page.com/');
    const fromSite = await site.evaluate(async (id) => {
      const c = (globalThis as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown> } } }).chrome;
      if (!c?.runtime?.sendMessage) return 'no runtime.sendMessage';
      try {
        return JSON.stringify(await c.runtime.sendMessage(id, { type: 'getSettings' }));
      } catch (e) {
        return `threw: ${String(e)}`;
      }
    }, world.extensionId);
    assert.ok(!fromSite.includes('"ok":true'), `a web page got an answer: ${fromSite}`);
    assert.ok(!fromSite.includes(secret));

    // A document of our origin that is not one of our pages is refused, and nothing is called.
    const before = apiRequests(world).length;
    const foreign = await world.ctx.newPage();
    await foreign.goto(world.extUrl('icon/16.png'));
    const refused = (await foreign.evaluate((msg) => chrome.runtime.sendMessage(msg), profileRequest(domain('foreign-doc.com'), options) as never)) as Reply;
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok && /only Backlink Lens’s own pages/.test(refused.error.message), JSON.stringify(refused));
    await sleep(200);
    assert.equal(apiRequests(world).length, before, 'a refused request calls nothing');
    await foreign.close();
  });

  test('a daily budget refuses the next paid check with the budget sentence, and nothing is called for it', async () => {
    const saved = await ask(world, { type: 'saveSettings', patch: { dailyBudget: 0.03 } });
    assert.ok(saved.ok, JSON.stringify(saved));
    const options = await queryOptions(world);

    const first = await ask(world, profileRequest(domain('within-budget.com'), options));
    assert.ok(first.ok, JSON.stringify(first));
    assert.ok(first.meta.cost > 0);

    const second = await ask(world, profileRequest(domain('over-budget.com'), options));
    assert.equal(second.ok, false, JSON.stringify(second));
    assert.ok(!second.ok);
    assert.equal(second.error.kind, 'budget');
    assert.equal(second.error.retryable, false);
    assert.match(second.error.message, /daily budget of \$0\.03/);
    assert.match(second.error.message, /Nothing was spent/);
    assert.equal(paidCalls(world, { target: 'over-budget.com' }).length, 0, 'the refused check never reached the API');
    assert.equal(paidCalls(world).length, 1);

    // What the ledger says matches what the API charged.
    const spend = await ask(world, { type: 'spend' });
    assert.ok(spend.ok);
    const charged = paidCalls(world).reduce((s, r) => s + r.cost, 0);
    assert.ok(Math.abs((spend.data.today as number) - charged) < 1e-9, `ledger ${String(spend.data.today)} vs API ${charged}`);

    // The popup says it in words, and calls nothing either.
    const site = await world.openSite('https://over-budget-popup.com/');
    const popup = await world.openRealPopup(site);
    await popup.waitForText(/daily budget of \$0\.03/, 10_000);
    await sleep(200);
    assert.equal(paidCalls(world, { target: 'over-budget-popup.com' }).length, 0);
    await popup.close();
  });

  test('browser pages and malformed requests never reach the API', async () => {
    const options = await queryOptions(world);
    const before = apiRequests(world).length;

    // The real popup on a chrome:// tab and on a site opened by its IP address.
    for (const url of ['chrome://version/', `http://127.0.0.1:${world.sandbox.port}/`]) {
      const tab = await world.openSite(url);
      const popup = await world.openRealPopup(tab);
      const shown = await within(
        10_000,
        (async () => {
          for (;;) {
            const t = await popup.evaluate<string>(POPUP_UNSUPPORTED);
            if (t) return t;
            await sleep(50);
          }
        })(),
        `the popup on ${url}`,
      );
      assert.ok(shown.length > 10, `a sentence saying why ${url} cannot be checked`);
      await popup.close();
      await tab.close();
    }

    // Requests a page should never send: the worker refuses them itself.
    const outcomes = await askAll(world, [
      { scope: 'domain', value: 'chrome://settings', display: 'chrome://settings' },
      { scope: 'page', value: 'chrome://settings/', display: 'chrome://settings/' },
      { scope: 'page', value: 'chrome-extension://abc/popup.html', display: 'x' },
      { scope: 'page', value: 'file:///etc/passwd', display: 'file:///etc/passwd' },
      { scope: 'page', value: 'javascript:alert(1)', display: 'javascript:alert(1)' },
      { scope: 'domain', value: 'localhost', display: 'localhost' },
      { scope: 'domain', value: 'example.com/path', display: 'example.com/path' },
      { scope: 'domain', value: 'https://example.com', display: 'https://example.com' },
      { scope: 'domain', value: '', display: '' },
    ], options);
    // Requests out of contract altogether.
    for (const msg of [
      { type: 'profile', params: { target: { scope: 'site', value: 'example.com', display: 'x' }, options }, mode: 'normal' },
      { type: 'profile', params: { target: domain('example.com') }, mode: 'normal' },
      { type: 'backlinks', params: { target: domain('example.com'), options }, mode: 'normal' },
      { type: 'profile', params: { target: domain('example.com'), options }, mode: 'always' },
    ]) {
      const reply = await ask(world, msg);
      if (reply.ok) outcomes.push(`malformed ${JSON.stringify(msg).slice(0, 80)} was answered`);
      else assert.equal(reply.error.kind, 'invalid-request');
    }
    await sleep(200);
    const reached = apiRequests(world).slice(before).map((r) => `${r.endpoint} ${r.target ?? ''}`);
    assert.deepEqual(reached, [], `these reached the API: ${reached.join(', ')}`);
    assert.deepEqual(outcomes, []);
  });

  test('IP address targets are refused by the worker itself and never reach the API', async () => {
    const options = await queryOptions(world);
    const before = apiRequests(world).length;
    const outcomes = await askAll(world, [
      { scope: 'domain', value: '127.0.0.1', display: '127.0.0.1' },
      { scope: 'host', value: '192.168.1.10', display: '192.168.1.10' },
      { scope: 'page', value: 'http://10.0.0.1/admin', display: 'http://10.0.0.1/admin' },
      { scope: 'page', value: 'http://[::1]/', display: 'http://[::1]/' },
    ], options);
    await sleep(200);
    const reached = apiRequests(world).slice(before).map((r) => `${r.endpoint} ${r.target ?? ''}`);
    assert.deepEqual(reached, [], `these reached the API: ${reached.join(', ')}`);
    assert.deepEqual(outcomes, []);
  });
});
