import type { LookupTarget, Scope } from './params.schema';
import { t } from './i18n';
import { parseTarget, targetFor } from './target';
import type { RefusalReason } from './target/refusals';

/**
 * Right-click lookups, as pure logic: the menu items to create, and what a click on one of them
 * asks for. The background script creates `MENU_ITEMS` on install/update and passes each click to
 * `resolveMenuClick`.
 *
 * Menu titles cannot name the site: Chrome substitutes `%s` only with selected text, and items are
 * created before any click, so the titles say which part of the link or page is checked.
 */

export const MENU_IDS = {
  linkDomain: 'bl-link-domain',
  linkPage: 'bl-link-page',
  pageSite: 'bl-page-domain',
  pagePage: 'bl-page-page',
  /** "Links on this page": highlights the page's links and lists them in the side panel (lib/links). */
  pageLinks: 'bl-page-links',
} as const;
export type MenuItemId = (typeof MENU_IDS)[keyof typeof MENU_IDS];
/** The items that look a target up (all but "Links on this page"). */
type LookupItemId = Exclude<MenuItemId, typeof MENU_IDS.pageLinks>;

/** Only web addresses: mailto:, javascript:, chrome:// links and browser pages get no item. */
export const WEB_URL_PATTERNS: readonly string[] = ['http://*/*', 'https://*/*'];

/** The fields of `contextMenus.create` we use; assignable to both Chrome's and Firefox's types. */
export interface MenuItemDefinition {
  id: MenuItemId;
  title: string;
  contexts: ['link' | 'page', ...('link' | 'page')[]];
  targetUrlPatterns?: string[];
  documentUrlPatterns?: string[];
}

/** The items; each title is read when the item is created (in the browser's language, see lib/i18n.ts). */
export const MENU_ITEMS: readonly MenuItemDefinition[] = [
  {
    id: MENU_IDS.linkDomain,
    get title() { return t('commonMenuLinkSite'); },
    contexts: ['link'],
    targetUrlPatterns: [...WEB_URL_PATTERNS],
  },
  {
    id: MENU_IDS.linkPage,
    get title() { return t('commonMenuLinkPage'); },
    contexts: ['link'],
    targetUrlPatterns: [...WEB_URL_PATTERNS],
  },
  {
    id: MENU_IDS.pageSite,
    get title() { return t('commonMenuPageSite'); },
    contexts: ['page'],
    documentUrlPatterns: [...WEB_URL_PATTERNS],
  },
  {
    id: MENU_IDS.pagePage,
    get title() { return t('commonMenuPagePage'); },
    contexts: ['page'],
    documentUrlPatterns: [...WEB_URL_PATTERNS],
  },
  {
    id: MENU_IDS.pageLinks,
    get title() { return t('commonMenuPageLinks'); },
    contexts: ['page'],
    documentUrlPatterns: [...WEB_URL_PATTERNS],
  },
];

/** Which URL of the click each item checks, and at which scope. */
const ITEM_ACTIONS: Record<LookupItemId, { source: 'link' | 'page'; scope: Scope }> = {
  [MENU_IDS.linkDomain]: { source: 'link', scope: 'domain' },
  [MENU_IDS.linkPage]: { source: 'link', scope: 'page' },
  [MENU_IDS.pageSite]: { source: 'page', scope: 'domain' },
  [MENU_IDS.pagePage]: { source: 'page', scope: 'page' },
};

/** Whether `id` is one of the lookup items (the ones `resolveMenuClick` answers). */
export function isMenuItemId(id: unknown): id is LookupItemId {
  return typeof id === 'string' && Object.hasOwn(ITEM_ACTIONS, id);
}

/** The parts of `contextMenus.OnClickData` and `tabs.Tab` that matter here. */
export interface MenuClickInfo {
  menuItemId: string | number;
  linkUrl?: string;
  pageUrl?: string;
}
export interface MenuClickTab {
  id?: number;
  url?: string;
}

export type MenuClickRefusal = RefusalReason | 'unknown-item' | 'no-link';

export type MenuClickResult =
  | { ok: true; tabId: number | undefined; target: LookupTarget }
  | { ok: false; reason: MenuClickRefusal; message: string };

export const MENU_MESSAGES = {
  get unknownItem() { return t('commonMenuUnknown'); },
  get noLink() { return t('commonMenuNoLink'); },
};

/**
 * What a click on one of our items asks for: the target to check and the tab it came from, or a
 * sentence for the user. Refuses before anything is spent, exactly as `parseTarget` does.
 */
export function resolveMenuClick(info: MenuClickInfo, tab?: MenuClickTab): MenuClickResult {
  const id = info.menuItemId;
  if (!isMenuItemId(id)) return { ok: false, reason: 'unknown-item', message: MENU_MESSAGES.unknownItem };
  const action = ITEM_ACTIONS[id];

  let url: string | undefined;
  if (action.source === 'link') {
    url = info.linkUrl;
    if (url === undefined || url.trim() === '') return { ok: false, reason: 'no-link', message: MENU_MESSAGES.noLink };
  } else {
    url = info.pageUrl || tab?.url;
  }

  const parsed = parseTarget(url);
  if (!parsed.ok) return { ok: false, reason: parsed.refusal.reason, message: parsed.refusal.message };
  // Chrome reports tabs.TAB_ID_NONE (-1) for clicks outside a tab.
  const tabId = typeof tab?.id === 'number' && tab.id >= 0 ? tab.id : undefined;
  return { ok: true, tabId, target: targetFor(parsed.site, action.scope) };
}
