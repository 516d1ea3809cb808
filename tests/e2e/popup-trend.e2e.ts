/**
 * The popup's sparkline ("Include trend in checks") in the real toolbar popup against the sandbox:
 * off (the default) → no timeseries call and no sparkline; on → one timeseries_summary call (a year
 * by month), the sparkline's last point equal to the summary's referring domains, and the Refresh
 * estimate raised by the trend's price.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { estimateCost } from '../../lib/dataforseo/cost.ts';
import { formatMoney } from '../../lib/format.ts';
import { launchWorld, TEST_TIMEOUT, type RealPopup, type World } from './harness.ts';
import { replay, settled as settledWithin, sleep, waitFor as waitWithin } from './popupHelpers.ts';

// This spec waits up to 20 s (a paid trend call rides on each check).
const waitFor = <T>(what: string, probe: () => Promise<T>, timeoutMs = 20_000) => waitWithin(what, probe, timeoutMs);
const settled = (p: RealPopup) => settledWithin(p, 20_000);


const SITE = 'https://www.lens-trend-spark.com/';

describe('popup: the trend sparkline', () => {
  let world: World;
  before(async () => {
    world = await launchWorld({ colorScheme: 'light' });
    await world.setCredentials();
    await world.sendMessage({ type: 'saveSettings', patch: { cacheHours: 0 } });
  });
  after(async () => {
    await world?.close();
  });

  test('off by default: no timeseries call, no sparkline', { timeout: TEST_TIMEOUT }, async () => {
    const site = await world.openSite(SITE);
    const since = world.sandbox.requests.length;
    const popup = await world.openRealPopup(site);
    await settled(popup);
    await sleep(500);
    const sent = world.sandbox.requests.slice(since);
    assert.equal(sent.filter((r) => r.endpoint === 'timeseries_summary').length, 0);
    assert.equal(await popup.evaluate<boolean>(`!!document.querySelector('[data-testid=sparkline]')`), false);
    const refresh = await popup.evaluate<string>(`document.querySelector('[data-testid=refresh]').textContent`);
    assert.match(refresh, /Refresh ≈ /);
    await popup.close();
  });

  test('on: one timeseries call, the last point equals the summary’s referring domains, the estimate includes it', { timeout: TEST_TIMEOUT }, async () => {
    await world.sendMessage({ type: 'saveSettings', patch: { includeTrendInChecks: true } });
    const site = await world.openSite(SITE);
    const since = world.sandbox.requests.length;
    const popup = await world.openRealPopup(site);
    await settled(popup);
    const last = await waitFor('the sparkline', () => popup.evaluate<string | null>(`document.querySelector('[data-testid=sparkline]')?.getAttribute('data-last') ?? null`));
    const sent = world.sandbox.requests.slice(since);
    const ts = sent.filter((r) => r.endpoint === 'timeseries_summary');
    assert.equal(ts.length, 1, 'one timeseries call with the check');
    const task = (ts[0]!.body as Record<string, unknown>[])[0]!;
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(task.target, 'lens-trend-spark.com');
    assert.equal(task.group_range, 'month');
    assert.equal(task.date_to, today);
    const summaryCall = sent.find((r) => r.endpoint === 'summary');
    assert.ok(summaryCall, 'the check asked the summary');
    const summary = await replay(world, summaryCall);
    assert.equal(Number(last), summary.referring_domains, 'the sparkline ends on the summary’s referring domains');
    const path = await popup.evaluate<string>(`document.querySelector('[data-testid=sparkline] path').getAttribute('d')`);
    assert.equal(path.split(/[ML]/).filter(Boolean).length, (await replay(world, ts[0]!)).items.length, 'one vertex per month');
    const refresh = await popup.evaluate<string>(`document.querySelector('[data-testid=refresh]').textContent`);
    const base = estimateCost('profile', 1) + estimateCost('anchors', 10);
    assert.equal(refresh.trim(), `Refresh ≈ ${formatMoney(base + estimateCost('timeseriesSummary', 13))}`);
    await world.screenshot(popup, 'popup-trend-sparkline');
    await popup.close();
  });
});
