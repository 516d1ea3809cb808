import { describe, expect, it } from 'vitest';
import { isMenuItemId, MENU_IDS, MENU_ITEMS, MENU_MESSAGES, resolveMenuClick } from './contextMenu';
import { REFUSAL_MESSAGES } from './target/refusals';

const PAGE = 'https://www.example-shop.com/products/shoes?color=red#reviews';
const LINK = 'https://blog.example.co.uk/2024/05/post.html#comments';
const TAB = { id: 42, url: PAGE };

describe('MENU_ITEMS', () => {
  it('defines the five items with their ids, titles and contexts', () => {
    expect(MENU_ITEMS.map(({ id, title, contexts }) => ({ id, title, contexts }))).toEqual([
      { id: 'bl-link-domain', title: 'Backlinks of the linked site', contexts: ['link'] },
      { id: 'bl-link-page', title: 'Backlinks of this exact link', contexts: ['link'] },
      { id: 'bl-page-domain', title: 'Backlinks of this site', contexts: ['page'] },
      { id: 'bl-page-page', title: 'Backlinks of this page', contexts: ['page'] },
      { id: 'bl-page-links', title: 'Links on this page', contexts: ['page'] },
    ]);
  });

  it('offers link items only on http(s) links and page items only on http(s) pages', () => {
    for (const item of MENU_ITEMS) {
      if (item.contexts.includes('link')) {
        expect(item.targetUrlPatterns).toEqual(['http://*/*', 'https://*/*']);
        expect(item.documentUrlPatterns).toBeUndefined();
      } else {
        expect(item.documentUrlPatterns).toEqual(['http://*/*', 'https://*/*']);
        expect(item.targetUrlPatterns).toBeUndefined();
      }
    }
  });

  it('has unique ids that resolve, and titles without %s', () => {
    const ids = MENU_ITEMS.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of MENU_ITEMS) {
      // "Links on this page" is handled by the worker before resolveMenuClick (lib/links).
      expect(isMenuItemId(item.id)).toBe(item.id !== MENU_IDS.pageLinks);
      expect(item.title).not.toContain('%s');
    }
    expect(isMenuItemId('toString')).toBe(false);
    expect(isMenuItemId(7)).toBe(false);
  });
});

describe('resolveMenuClick: each item', () => {
  it('linked site → root domain of the link', () => {
    expect(resolveMenuClick({ menuItemId: MENU_IDS.linkDomain, linkUrl: LINK, pageUrl: PAGE }, TAB)).toEqual({
      ok: true,
      tabId: 42,
      target: { scope: 'domain', value: 'example.co.uk', display: 'example.co.uk' },
    });
  });

  it('exact link → the link as a page, without its fragment', () => {
    expect(resolveMenuClick({ menuItemId: MENU_IDS.linkPage, linkUrl: LINK, pageUrl: PAGE }, TAB)).toEqual({
      ok: true,
      tabId: 42,
      target: {
        scope: 'page',
        value: 'https://blog.example.co.uk/2024/05/post.html',
        display: 'https://blog.example.co.uk/2024/05/post.html',
      },
    });
  });

  it('this page → the page URL of the click', () => {
    expect(resolveMenuClick({ menuItemId: MENU_IDS.pagePage, pageUrl: PAGE }, TAB)).toEqual({
      ok: true,
      tabId: 42,
      target: {
        scope: 'page',
        value: 'https://www.example-shop.com/products/shoes?color=red',
        display: 'https://www.example-shop.com/products/shoes?color=red',
      },
    });
  });

  it('this site → root domain of the page, in Unicode for display', () => {
    expect(
      resolveMenuClick({ menuItemId: MENU_IDS.pageSite, pageUrl: 'https://www.münchen.de/rathaus' }, { id: 3 }),
    ).toEqual({
      ok: true,
      tabId: 3,
      target: { scope: 'domain', value: 'xn--mnchen-3ya.de', display: 'münchen.de' },
    });
  });

  it('falls back to the tab URL when the click has no page URL', () => {
    expect(resolveMenuClick({ menuItemId: MENU_IDS.pagePage }, { id: 9, url: 'https://docs.octocat.github.io/a#b' })).toEqual({
      ok: true,
      tabId: 9,
      target: { scope: 'page', value: 'https://docs.octocat.github.io/a', display: 'https://docs.octocat.github.io/a' },
    });
  });

  it('uses the link, not the page, for link items', () => {
    const result = resolveMenuClick({ menuItemId: MENU_IDS.linkDomain, linkUrl: 'https://octocat.github.io/x', pageUrl: PAGE });
    expect(result).toEqual({
      ok: true,
      tabId: undefined,
      target: { scope: 'domain', value: 'octocat.github.io', display: 'octocat.github.io' },
    });
  });

  it('gives no tab id for a missing tab or TAB_ID_NONE', () => {
    const info = { menuItemId: MENU_IDS.pagePage, pageUrl: PAGE };
    expect(resolveMenuClick(info)).toMatchObject({ ok: true, tabId: undefined });
    expect(resolveMenuClick(info, { id: -1, url: PAGE })).toMatchObject({ ok: true, tabId: undefined });
    expect(resolveMenuClick(info, { id: 0, url: PAGE })).toMatchObject({ ok: true, tabId: 0 });
  });
});

describe('resolveMenuClick: refusals', () => {
  it.each([
    ['mailto link', { menuItemId: MENU_IDS.linkDomain, linkUrl: 'mailto:sales@example-shop.com', pageUrl: PAGE }, 'scheme', REFUSAL_MESSAGES.mailto],
    ['javascript link', { menuItemId: MENU_IDS.linkPage, linkUrl: 'javascript:void(0)', pageUrl: PAGE }, 'scheme', REFUSAL_MESSAGES.script],
    ['chrome:// page', { menuItemId: MENU_IDS.pagePage, pageUrl: 'chrome://settings/' }, 'browser-page', REFUSAL_MESSAGES.browserPage],
    ['new tab page', { menuItemId: MENU_IDS.pageSite, pageUrl: 'chrome://newtab/' }, 'new-tab', REFUSAL_MESSAGES.newTab],
    ['missing link URL', { menuItemId: MENU_IDS.linkDomain, pageUrl: PAGE }, 'no-link', MENU_MESSAGES.noLink],
    ['empty link URL', { menuItemId: MENU_IDS.linkPage, linkUrl: ' ', pageUrl: PAGE }, 'no-link', MENU_MESSAGES.noLink],
    ['IPv4 link', { menuItemId: MENU_IDS.linkDomain, linkUrl: 'http://192.168.0.10/admin', pageUrl: PAGE }, 'ip', REFUSAL_MESSAGES.ip],
    ['IPv6 link', { menuItemId: MENU_IDS.linkPage, linkUrl: 'http://[2001:db8::1]/', pageUrl: PAGE }, 'ip', REFUSAL_MESSAGES.ip],
    ['localhost link', { menuItemId: MENU_IDS.linkDomain, linkUrl: 'http://localhost:3000/', pageUrl: PAGE }, 'local', REFUSAL_MESSAGES.local],
    ['file page', { menuItemId: MENU_IDS.pagePage, pageUrl: 'file:///home/x.html' }, 'scheme', REFUSAL_MESSAGES.file],
    ['no page URL and no tab URL', { menuItemId: MENU_IDS.pagePage }, 'empty', REFUSAL_MESSAGES.empty],
    ['unknown id', { menuItemId: 'some-other-item', linkUrl: LINK, pageUrl: PAGE }, 'unknown-item', MENU_MESSAGES.unknownItem],
    ['numeric id', { menuItemId: 1, linkUrl: LINK, pageUrl: PAGE }, 'unknown-item', MENU_MESSAGES.unknownItem],
  ] as const)('%s', (_name, info, reason, message) => {
    expect(resolveMenuClick(info, { id: 5 })).toEqual({ ok: false, reason, message });
  });

  it('does not fall back to the page when a link item has no link', () => {
    // A page-level URL must never be checked in place of a missing link.
    expect(resolveMenuClick({ menuItemId: MENU_IDS.linkPage }, TAB)).toEqual({
      ok: false,
      reason: 'no-link',
      message: MENU_MESSAGES.noLink,
    });
  });
});
