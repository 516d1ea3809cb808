/**
 * Smoke test of the built extension and of the harness itself: manifest, worker, host mapping + TLS to
 * the sandbox, the real popup (activeTab), a page behind a site tab, and a real worker restart.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { defaultExtensionDir, launchWorld, TEST_TIMEOUT, type World } from './harness.ts';

const T = { timeout: TEST_TIMEOUT };

const PROVIDER_HOSTS = ['https://api.dataforseo.com/*', 'https://sandbox.dataforseo.com/*', 'https://api.aisa.one/*'];

describe('built manifest', () => {
  const manifest = JSON.parse(readFileSync(join(defaultExtensionDir(), 'manifest.json'), 'utf8')) as Record<string, unknown>;

  test('is MV3 with exactly the permissions it needs', T, () => {
    assert.equal(manifest.manifest_version, 3);
    assert.deepEqual([...(manifest.permissions as string[])].sort(), ['activeTab', 'contextMenus', 'scripting', 'sidePanel', 'storage']);
    assert.deepEqual(manifest.optional_permissions, ['tabs']);
    assert.deepEqual([...(manifest.host_permissions as string[])].sort(), [...PROVIDER_HOSTS].sort());
  });

  test('injects nothing into sites and asks for no broad host access', T, () => {
    assert.equal(manifest.content_scripts, undefined);
    const text = JSON.stringify(manifest);
    assert.ok(!text.includes('<all_urls>'), 'no <all_urls>');
    assert.ok(!/"(\*|https?):\/\/\*\/\*"/.test(text), 'no wildcard host pattern');
    assert.equal((manifest.background as { service_worker?: string }).service_worker, 'background.js');
  });
});

describe('extension in Chromium', () => {
  let world: World;
  before(async () => {
    world = await launchWorld();
  }, T);
  after(async () => {
    await world?.close();
  }, T);

  test('the worker starts', T, () => {
    assert.match(world.extensionId, /^[a-p]{32}$/);
    assert.equal(world.worker().url(), world.extUrl('background.js'));
  });

  test('a site opens at its real hostname, served by the sandbox', T, async () => {
    const site = await world.openSite('https://www.example-shop.com/blog/post');
    assert.equal(site.url(), 'https://www.example-shop.com/blog/post');
    assert.match(await site.title(), /example-shop\.com/);
    await site.close();
  });

  test('an extension page reaches https://api.dataforseo.com, which is the sandbox', T, async () => {
    const page = await world.openExtensionPage('options.html');
    world.sandbox.reset();
    const call = (login: string, password: string) =>
      page.evaluate(async ([l, p]) => {
        // credentials: 'omit' — otherwise Chromium holds a 401 with `WWW-Authenticate: Basic` for a login prompt.
        const r = await fetch('https://api.dataforseo.com/v3/appendix/user_data', {
          credentials: 'omit',
          headers: { Authorization: `Basic ${btoa(`${l}:${p}`)}` },
        });
        const body = (await r.json()) as { status_code?: number };
        return { status: r.status, code: body.status_code };
      }, [login, password] as const);

    assert.deepEqual(await call('demo@backlinklens.test', 'demo-api-password'), { status: 200, code: 20000 });
    assert.deepEqual(await call('demo@backlinklens.test', 'wrong'), { status: 401, code: 40100 });

    const seen = world.sandbox.apiCalls({ endpoint: 'user_data' });
    assert.equal(seen.length, 2);
    assert.deepEqual(
      seen.map((r) => [r.host, r.method, r.path, r.auth, r.login, r.httpStatus]),
      [
        ['api.dataforseo.com', 'GET', '/v3/appendix/user_data', 'basic', 'demo@backlinklens.test', 200],
        ['api.dataforseo.com', 'GET', '/v3/appendix/user_data', 'basic', 'demo@backlinklens.test', 401],
      ],
    );
    await page.close();
  });

  test('credentials are saved through the protocol', T, async () => {
    await world.setCredentials();
    const reply = (await world.sendMessage({ type: 'getSettings' })) as {
      ok: boolean;
      data: { credentials: { provider: string; login: string; present: boolean; secretHint: string | null } };
    };
    assert.equal(reply.ok, true);
    assert.equal(reply.data.credentials.present, true);
    assert.equal(reply.data.credentials.provider, 'dataforseo');
    assert.equal(reply.data.credentials.login, 'demo@backlinklens.test');
    assert.ok(!JSON.stringify(reply).includes('demo-api-password'), 'the password never comes back to a page');
  });

  test('the real toolbar popup opens for the site tab with activeTab granted', T, async () => {
    const site = await world.openSite('https://www.example-shop.com/');
    const popup = await world.openRealPopup(site);
    assert.equal(await popup.evaluate(() => location.pathname), '/popup.html');
    // activeTab: without the tabs permission, only a granted tab shows its URL.
    const active = await popup.evaluate(() =>
      chrome.tabs.query({ active: true, currentWindow: true }).then((t: Array<{ url?: string }>) => t.map((x) => x.url ?? null)),
    );
    assert.deepEqual(active, ['https://www.example-shop.com/']);
    const shot = await world.screenshot(popup, 'smoke-real-popup');
    assert.equal(readFileSync(shot).subarray(1, 4).toString('latin1'), 'PNG');
    await popup.close();
    await site.close();
  });

  test('an extension page opened behind a site sees the site as the active tab', T, async () => {
    const site = await world.openSite('https://www.example-shop.com/blog/');
    const panel = await world.openExtensionPage('sidepanel.html', { behindSite: site });
    const seen = await panel.evaluate(async () => {
      const me = await chrome.tabs.getCurrent();
      const [active] = await chrome.tabs.query({ active: true, currentWindow: true });
      return { meActive: me?.active ?? null, activeIsMe: active?.id === me?.id };
    });
    assert.deepEqual(seen, { meActive: false, activeIsMe: false });
    await panel.close();
    await site.close();
  });

  test('restartWorker gives a new worker that still has the saved state', T, async () => {
    const w = world.worker();
    await w.evaluate(() => {
      (globalThis as Record<string, unknown>).smokeMarker = 'before';
    });
    assert.equal(await world.workerRunning(), true);

    await world.stopWorker();
    assert.equal(await world.workerRunning(), false);

    await world.restartWorker();
    assert.equal(await world.workerRunning(), true);
    assert.equal(await w.evaluate(() => String((globalThis as Record<string, unknown>).smokeMarker)), 'undefined');

    const reply = (await world.sendMessage({ type: 'getSettings' })) as { ok: boolean; data: { credentials: { present: boolean } } };
    assert.equal(reply.ok, true);
    assert.equal(reply.data.credentials.present, true, 'credentials survive the restart');
  });

  test('no extension page threw', T, () => {
    assert.deepEqual(world.pageErrors, []);
  });
});

declare const chrome: {
  tabs: {
    query(q: { active?: boolean; currentWindow?: boolean }): Promise<Array<{ id?: number; url?: string }>>;
    getCurrent(): Promise<{ id?: number; active?: boolean } | undefined>;
  };
};
