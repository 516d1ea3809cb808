/**
 * The real toolbar popup read at a glance: the essentials fit Chrome's 600 px popup height (checked by
 * element positions), the dofollow figure is the API's per-link one, the toolbar title is the configured
 * one, and the real popup follows the colour scheme (forced on the popup target through CDP
 * Emulation.setEmulatedMedia, since the context's colour emulation does not reach the popup).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CDPSession } from 'playwright-core';
import { formatShare } from '../../lib/format.ts';
import { launchWorld, REPO_ROOT, TEST_TIMEOUT, type World } from './harness.ts';
import { replay, settled, sleep } from './popupHelpers.ts';

const DOCS_SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');
/** Chrome's largest popup height. */
const POPUP_MAX_HEIGHT = 600;

/** A second CDP client on the popup's target (non-flat), for commands the harness does not expose. */
async function popupCdp(browser: CDPSession, targetId: string) {
  const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: false });
  let next = 0;
  return (method: string, params: Record<string, unknown>) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++next + 1_000_000;
      const onMessage = (ev: { sessionId: string; message: string }) => {
        if (ev.sessionId !== sessionId) return;
        const m = JSON.parse(ev.message) as { id?: number; result?: unknown; error?: { message: string } };
        if (m.id !== id) return;
        browser.off('Target.receivedMessageFromTarget', onMessage);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`));
        else resolve(m.result);
      };
      browser.on('Target.receivedMessageFromTarget', onMessage);
      void browser.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
}

/** Bottom edge of every essential figure, the footer's top edge and the popup's viewport height. */
const LAYOUT = `(() => {
  window.scrollTo(0, 0);
  const rect = (s) => { const e = document.querySelector(s); return e ? e.getBoundingClientRect() : null; };
  const essentials = ['target', 'rank', 'backlinks', 'referring-domains', 'spam-score', 'dofollow-share', 'anchors', 'anchors-table'];
  const out = {};
  for (const id of essentials) { const r = rect('[data-testid=' + id + ']'); out[id] = r && r.height > 0 ? r.bottom : null; }
  const dated = rect('[data-testid=first-seen]') ?? rect('[data-testid=lost-date]');
  out['first-seen/lost'] = dated ? dated.bottom : null;
  const titles = [...document.querySelectorAll('.p-stat')].map((e) => e.getAttribute('title') ?? '');
  // Every figure (headline tiles, details, anchor columns) explains itself on hover; tiles and facts also
  // on focus: focusable, described by an element holding the same sentence.
  const explained = [...document.querySelectorAll('.p-stat, .p-fact, .p-anchors th')].map((e) => {
    const d = e.getAttribute('aria-describedby');
    const desc = d ? document.getElementById(d) : null;
    return {
      what: e.getAttribute('data-testid') ?? e.textContent,
      title: e.getAttribute('title') ?? '',
      focusable: e.tabIndex === 0,
      described: desc ? desc.textContent.startsWith(e.getAttribute('title') ?? '\u0000') : null,
      th: e.tagName === 'TH',
    };
  });
  return {
    bottoms: out,
    footerTop: rect('.p-footer')?.top ?? null,
    footerHeight: rect('.p-footer')?.height ?? null,
    innerHeight: window.innerHeight,
    titles,
    explained,
    detailsOpen: document.querySelector('[data-testid=details]')?.open ?? null,
    dofollow: document.querySelector('[data-testid=dofollow-share] .num')?.textContent ?? null,
    spamLevel: document.querySelector('[data-testid=spam-score] .p-spam')?.getAttribute('data-level') ?? null,
    text: document.body.innerText,
  };
})()`;

interface Layout {
  bottoms: Record<string, number | null>;
  footerTop: number | null;
  footerHeight: number | null;
  innerHeight: number;
  titles: string[];
  explained: { what: string; title: string; focusable: boolean; described: boolean | null; th: boolean }[];
  detailsOpen: boolean | null;
  dofollow: string | null;
  spamLevel: string | null;
  text: string;
}

describe('popup at a glance', () => {
  let world: World;
  let browser: CDPSession;
  before(async () => {
    world = await launchWorld({ colorScheme: 'light' });
    await world.setCredentials();
    browser = await world.ctx.browser()!.newBrowserCDPSession();
  });
  after(async () => {
    await world?.close();
  });

  test('the built manifest carries the configured toolbar title', () => {
    const manifest = JSON.parse(readFileSync(join(world.extensionDir, 'manifest.json'), 'utf8')) as { action: { default_title?: string } };
    // The title is a message of public/_locales (default English).
    const messages = JSON.parse(readFileSync(join(world.extensionDir, '_locales', 'en', 'messages.json'), 'utf8')) as Record<string, { message: string }>;
    const title = manifest.action.default_title?.replace(/^__MSG_(\w+)__$/, (_, key: string) => messages[key]?.message ?? `(no message ${key})`);
    assert.equal(title, 'Backlink Lens: check this site');
  });

  test('essentials are visible without scrolling within 600 px; the dofollow share is per link', { timeout: TEST_TIMEOUT }, async () => {
    const since = world.sandbox.requests.length;
    const site = await world.openSite('https://www.lens-glance-orchard.com/');
    const popup = await world.openRealPopup(site);
    await settled(popup);
    // Headless Chromium's screen is 800×600, so its popup window stops short of Chrome's 600 px maximum
    // (about 510 px), and a popup target refuses a viewport override. The page is 400 px wide whatever its
    // height, so positions at scroll 0 are those of a 600 px popup; the sticky footer would then start at
    // 600 − its height. Essentials must end above that.
    const layout = await popup.evaluate<Layout>(LAYOUT);
    assert.ok(layout.innerHeight <= POPUP_MAX_HEIGHT, `popup height ${layout.innerHeight}`);
    assert.ok(layout.footerTop != null && layout.footerHeight != null);
    const fold = POPUP_MAX_HEIGHT - layout.footerHeight;
    console.log(`popup: ${layout.innerHeight} px tall, footer ${layout.footerHeight} px; essentials end at ${Math.max(...Object.values(layout.bottoms).map(Number))} px`);
    for (const [id, bottom] of Object.entries(layout.bottoms)) {
      assert.ok(bottom != null, `${id} is shown`);
      assert.ok(bottom <= fold, `${id} ends at ${bottom} px, above the fold at ${fold} px`);
    }
    // Every headline figure explains itself; the details start collapsed; no shortcut nag.
    assert.equal(layout.titles.length, 6);
    for (const t of layout.titles) assert.ok(t.length > 10, `explained: "${t}"`);
    assert.ok(layout.explained.length >= 6 + 7 + 5, `tiles, facts and anchor columns: ${layout.explained.length}`);
    for (const e of layout.explained) {
      assert.ok(e.title.length > 10, `${e.what} explains itself: "${e.title}"`);
      if (!e.th) assert.ok(e.focusable && e.described === true, `${e.what} is focusable and described by its sentence`);
    }
    assert.equal(layout.detailsOpen, false);
    assert.doesNotMatch(layout.text, /No shortcut set/);
    assert.match(layout.text, /Domain rank · DataForSEO/);
    await world.screenshot(popup, 'popup-glance-600');

    // The dofollow share is (backlinks − nofollow links) / backlinks; this target has mixed domains, so
    // the reading from referring_domains_nofollow would give another figure.
    const call = world.sandbox.requests.slice(since).find((r) => r.endpoint === 'summary');
    assert.ok(call);
    const s = await replay(world, call);
    const nofollowLinks = (s.referring_links_attributes as Record<string, number>).nofollow ?? 0;
    const perLink = formatShare(s.backlinks - nofollowLinks, s.backlinks);
    const byDomains = formatShare(s.referring_domains - s.referring_domains_nofollow, s.referring_domains);
    assert.notEqual(perLink, byDomains, 'the sandbox target tells the two readings apart');
    assert.equal(layout.dofollow, perLink);
    const spam = (s.info?.target_spam_score ?? s.backlinks_spam_score) as number;
    assert.equal(layout.spamLevel, spam >= 60 ? 'bad' : spam >= 30 ? 'warn' : 'good');

    // The details open and show the nofollow counts in the API's meaning.
    await popup.click('[data-testid=details] > summary');
    await popup.waitForText('referring domains have at least one nofollow link');
    await popup.evaluate(`document.querySelector('[data-testid=details]').scrollIntoView()`);
    await world.screenshot(popup, 'popup-glance-details');
    await popup.close();
    await site.close();
  });

  test('the real popup follows the colour scheme: light and dark differ', { timeout: TEST_TIMEOUT }, async () => {
    const site = await world.openSite('https://www.lens-glance-orchard.com/');
    const popup = await world.openRealPopup(site);
    await settled(popup);
    const cdp = await popupCdp(browser, popup.targetId);
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    const look = async (scheme: 'light' | 'dark') => {
      await cdp('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: scheme }] });
      await sleep(150);
      const seen = await popup.evaluate<{ dark: boolean; bg: string; fg: string }>(
        `({ dark: matchMedia('(prefers-color-scheme: dark)').matches, bg: getComputedStyle(document.body).backgroundColor, fg: getComputedStyle(document.body).color })`,
      );
      await popup.screenshot(join(DOCS_SCREENSHOTS, `popup-${scheme}.png`));
      return seen;
    };
    const light = await look('light');
    const dark = await look('dark');
    assert.equal(light.dark, false);
    assert.equal(dark.dark, true);
    assert.notEqual(light.bg, dark.bg, 'the body background changes with the scheme');
    assert.notEqual(light.fg, dark.fg, 'the text colour changes with the scheme');
    const lum = (c: string) => {
      const [r, g, b] = (c.match(/\d+(\.\d+)?/g) ?? []).map(Number);
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    assert.ok(lum(dark.bg) < 80 && lum(dark.fg) > 160, `dark is legible: ${dark.fg} on ${dark.bg}`);
    assert.ok(lum(light.bg) > 200 && lum(light.fg) < 90, `light is legible: ${light.fg} on ${light.bg}`);
    await popup.close();
    await site.close();
  });

  test('no extension page threw', () => {
    assert.deepEqual(world.pageErrors, []);
  });
});
