/**
 * The extension in German: Chromium started with --lang=de reads the German catalog (_locales/de, built from
 * lib/messages/de/) in the popup, the worker's sentences and the options page, and the pages say so in their
 * `lang`. Every expected text is the German catalog's, so a key that falls back to English fails here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { substitute } from '../../lib/i18n.ts';
import { catalog } from '../../lib/messages/catalog.ts';
import { launchWorld, TEST_TIMEOUT, type World } from './harness.ts';

const T = { timeout: TEST_TIMEOUT };
const de = catalog('de');
const en = catalog('en');
const msg = (key: string, ...subs: string[]) => substitute(de[key]!, subs);

describe('the extension in German', () => {
  let world: World;
  before(async () => {
    world = await launchWorld({ lang: 'de' });
    await world.setCredentials();
  }, T);
  after(async () => {
    await world?.close();
  }, T);

  test('the German catalog differs from the English one where it is checked here', T, () => {
    for (const key of ['popupSettings', 'popupCopy', 'errAuth', 'optionsCredentialsTitle']) assert.notEqual(de[key]!.message, en[key]!.message, key);
  });

  test('the popup: German labels, a German page language, the sandbox\'s figures', T, async () => {
    const site = await world.openSite('https://www.lens-deutsch-werkstatt.com/');
    const popup = await world.openRealPopup(site);
    await popup.waitForText(msg('popupSettings'));
    assert.equal(await popup.evaluate<string>('document.documentElement.lang'), 'de');
    await popup.evaluate<boolean>(`new Promise((r) => { const ok = () => document.querySelector('[data-testid=rank] .num'); const tick = () => ok() ? r(true) : setTimeout(tick, 50); tick(); })`);
    const text = await popup.text();
    assert.ok(text.includes(msg('popupCopy')), 'the Copy button in German');
    assert.ok(!text.includes(en.popupSettings!.message + '\n'), 'no English Settings label');
    await popup.close();
    await site.close();
  });

  test('a wrong password: the worker\'s sentence in German', T, async () => {
    await world.setCredentials({ password: 'wrong' });
    try {
      const site = await world.openSite('https://www.lens-deutsch-fehler.com/');
      const popup = await world.openRealPopup(site);
      await popup.waitForText(msg('errAuth'));
      await popup.close();
      await site.close();
    } finally {
      await world.setCredentials();
    }
  });

  test('the options page: German headings, German page language and title', T, async () => {
    const options = await world.openExtensionPage('options.html');
    await options.waitForSelector('#credentials-title');
    assert.equal(await options.textContent('#credentials-title'), msg('optionsCredentialsTitle'));
    assert.equal(await options.evaluate(() => document.documentElement.lang), 'de');
    assert.equal(await options.title(), msg('optionsPageTitle'));
    await options.close();
  });
});
