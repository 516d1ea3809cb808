/**
 * "What changed since your last check", in the real toolbar popup: a first check shows no change; after
 * the sandbox's data changes (a new seed, as if the index had been updated) a second check — the cache
 * lifetime is 0, so it asks the API again — shows each changed figure's difference with the earlier
 * check's date, equal to the difference between the two answers the sandbox gave; a check with other
 * options says so in other words. The essentials, change lines included, stay above the 600 px fold.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { shortDate } from '../../lib/change.ts';
import { formatExact } from '../../lib/format.ts';
import { launchWorld, TEST_TIMEOUT, type World } from './harness.ts';
import { replay, settled } from './popupHelpers.ts';

const POPUP_MAX_HEIGHT = 600;
const SITE = 'https://www.lens-change-quarry.com/';

interface Seen {
  changes: Record<string, { text: string; title: string } | null>;
  bottoms: Record<string, number | null>;
  footerHeight: number | null;
}

const SEEN = `(() => {
  window.scrollTo(0, 0);
  const changes = {};
  for (const id of ['rank', 'backlinks', 'referring-domains']) {
    const e = document.querySelector('[data-testid=change-' + id + ']');
    changes[id] = e ? { text: e.textContent, title: e.getAttribute('title') } : null;
  }
  const bottoms = {};
  for (const id of ['target', 'rank', 'backlinks', 'referring-domains', 'spam-score', 'dofollow-share', 'anchors-table', 'change-rank', 'change-backlinks', 'change-referring-domains']) {
    const e = document.querySelector('[data-testid=' + id + ']');
    bottoms[id] = e ? e.getBoundingClientRect().bottom : null;
  }
  const dated = document.querySelector('[data-testid=first-seen], [data-testid=lost-date]');
  bottoms['first-seen/lost'] = dated ? dated.getBoundingClientRect().bottom : null;
  return { changes, bottoms, footerHeight: document.querySelector('.p-footer')?.getBoundingClientRect().height ?? null };
})()`;

const FIGURES = [
  ['rank', 'rank'],
  ['backlinks', 'backlinks'],
  ['referring-domains', 'referring_domains'],
] as const;

const signed = (d: number) => `${d > 0 ? '+' : '−'}${formatExact(Math.abs(d))}`;

describe('popup: what changed since the last check', () => {
  let world: World;
  before(async () => {
    world = await launchWorld({ colorScheme: 'light' });
    await world.setCredentials();
    // Every check asks the API (as once the cache has expired).
    await world.sendMessage({ type: 'saveSettings', patch: { cacheHours: 0 } });
  });
  after(async () => {
    await world?.close();
  });

  /** When the worker recorded the last check of the site's domain (a fresh check: when its data was fetched). */
  async function checkedAt(): Promise<number> {
    const reply = (await world.sendMessage({ type: 'history' })) as { ok: true; data: { at: number; scope: string; target: { value: string } }[] };
    const line = reply.data.find((e) => e.scope === 'domain' && e.target.value === 'lens-change-quarry.com');
    assert.ok(line, 'the check is in the history');
    return line.at;
  }

  /** Open the real popup on the site, wait for both parts, return what it shows and the summary the sandbox gave. */
  async function check(site: Awaited<ReturnType<World['openSite']>>, name: string) {
    const since = world.sandbox.requests.length;
    const popup = await world.openRealPopup(site);
    await settled(popup);
    const calls = world.sandbox.requests.slice(since).filter((r) => r.endpoint === 'summary');
    assert.equal(calls.length, 1, 'the check asked the API for the profile once');
    const summary = await replay(world, calls[0]!);
    const seen = await popup.evaluate<Seen>(SEEN);
    await world.screenshot(popup, name);
    await popup.close();
    return { seen, summary };
  }

  test('a second check after the data changed shows each change with the earlier date', { timeout: TEST_TIMEOUT }, async () => {
    const site = await world.openSite(SITE);
    const first = await check(site, 'popup-change-first');
    const firstAt = await checkedAt();
    assert.deepEqual(first.seen.changes, { rank: null, backlinks: null, 'referring-domains': null }, 'a first check has nothing to compare with');

    world.sandbox.setSeed('backlink-lens-next-crawl');
    const second = await check(site, 'popup-change-second');
    assert.notEqual(second.summary.referring_domains, first.summary.referring_domains, 'the sandbox data did change');
    for (const [id, field] of FIGURES) {
      const d = (second.summary[field] as number) - (first.summary[field] as number);
      const shown = second.seen.changes[id];
      if (d === 0) {
        assert.equal(shown, null, `${id} did not change and shows no change`);
        continue;
      }
      assert.ok(shown, `${id} shows its change`);
      assert.equal(shown.text, `${signed(d)} since ${shortDate(firstAt)}`);
      assert.match(shown.title, new RegExp(`${formatExact(first.summary[field])} in the check of .*, ${formatExact(second.summary[field])} now`));
    }

    // Essentials and change lines fit above the fold of a 600 px popup (the sticky footer below).
    assert.ok(second.seen.footerHeight != null);
    const fold = POPUP_MAX_HEIGHT - second.seen.footerHeight;
    for (const [id, bottom] of Object.entries(second.seen.bottoms)) {
      if (id.startsWith('change-') && bottom == null) continue;
      assert.ok(bottom != null, `${id} is shown`);
      assert.ok(bottom <= fold, `${id} ends at ${bottom} px, above the fold at ${fold} px`);
    }

    // Options' history shows the same change on the line of this check.
    const options = await world.openExtensionPage('options.html');
    const row = options.locator('[data-testid=history-row][data-scope=domain]').filter({ hasText: 'lens-change-quarry.com' });
    await row.waitFor();
    const dRd = (second.summary.referring_domains as number) - (first.summary.referring_domains as number);
    assert.equal(await row.getByTestId('history-domains').getByTestId('history-change').innerText(), signed(dRd));
    await options.close();
    await site.close();
  });

  test('a check with other options is compared in other words, naming them', { timeout: TEST_TIMEOUT }, async () => {
    const site = await world.openSite(SITE);
    const base = await check(site, 'popup-change-before-options');
    const baseAt = await checkedAt();
    await world.sendMessage({ type: 'saveSettings', patch: { includeSubdomains: false } });
    try {
      const other = await check(site, 'popup-change-other-options');
      const changed = FIGURES.filter(([, field]) => other.summary[field] !== base.summary[field]);
      assert.ok(changed.length > 0, 'leaving out subdomains changed a figure');
      for (const [id, field] of changed) {
        const shown = other.seen.changes[id];
        assert.ok(shown, `${id} shows its change`);
        const d = (other.summary[field] as number) - (base.summary[field] as number);
        assert.equal(shown.text, `${signed(d)} vs ${shortDate(baseAt)} (other options)`);
        assert.doesNotMatch(shown.text, /since/);
        assert.match(shown.title, /other options \(subdomains\)/);
      }
    } finally {
      await world.sendMessage({ type: 'saveSettings', patch: { includeSubdomains: true } });
    }
    await site.close();
  });

  test('no extension page threw', () => {
    assert.deepEqual(world.pageErrors, []);
  });
});
