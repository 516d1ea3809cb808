import { browser, type Browser } from 'wxt/browser';
import { resolveMenuClick, MENU_IDS, MENU_ITEMS, type MenuClickInfo, type MenuClickTab } from './contextMenu';
import type { LinksService } from './links/service';
import { appError, type AppError } from './errors';
import { t } from './i18n';
import { parseRequest, replySchema, type Request } from './messages';
import type { LookupService } from './lookup/service';
import { issueSentence, type SettingIssue } from './settings/check';
import { FIELD_LABEL } from './settings/fields';
import { clearPanelTarget } from './handover/receive';
import { openPanelWith } from './handover/send';
import { isSerpMessage } from './serp/guard';
import { handleSerpMessage } from './serp/worker';

/**
 * The background worker's event wiring, as functions lib/ can test. entrypoints/background calls
 * the setUp…() functions synchronously at the top of its main, so every listener is registered
 * before the first event of a freshly started worker is dispatched.
 */

/** The only pages allowed to talk to the worker. */
export const OUR_PAGES = ['/popup.html', '/sidepanel.html', '/options.html', '/bulk.html'] as const;

/** Whether a message comes from one of our own extension pages (not a content script, web page or other extension). */
export function isOurPage(sender: Browser.runtime.MessageSender | undefined): boolean {
  if (!sender || sender.id !== browser.runtime.id) return false;
  if (typeof sender.url !== 'string') return false;
  const base = browser.runtime.getURL('/');
  if (!sender.url.startsWith(base)) return false;
  let path: string;
  try {
    path = new URL(sender.url).pathname;
  } catch {
    return false;
  }
  return (OUR_PAGES as readonly string[]).includes(path);
}

/** Where a refused message came from, for the log: never its payload, never a full URL. */
function describeSender(sender: Browser.runtime.MessageSender | undefined): string {
  if (!sender) return 'an unknown sender';
  let origin = 'no URL';
  if (typeof sender.url === 'string') {
    try {
      origin = new URL(sender.url).origin;
    } catch {
      origin = 'an unparsable URL';
    }
  }
  const tab = sender.tab ? `, tab ${sender.tab.id ?? '?'}` : '';
  return `extension id ${JSON.stringify(sender.id ?? null)}, ${origin}${tab}`;
}

export const refusedMessage = (): string => t('errRefusedSender');
export const invalidMessage = (): string => t('errInvalidRequest');
export const internalMessage = (): string => t('errInternal');

type ErrorReply = { ok: false; error: AppError };
const errorReply = (error: AppError): ErrorReply => ({ ok: false, error });

/**
 * The sentence for a request out of contract. A `saveSettings` whose patch breaks a setting's rule
 * names the setting ("The daily budget must be at most $10000.00."); anything else gets the
 * general sentence.
 */
function invalidRequestMessage(message: unknown, issues: readonly { path: readonly PropertyKey[] }[]): string {
  const type = message && typeof message === 'object' ? (message as { type?: unknown }).type : undefined;
  if (type !== 'saveSettings' || issues.length === 0) return invalidMessage();
  const sentences: string[] = [];
  for (const issue of issues) {
    const [root, field] = issue.path;
    if (root !== 'patch' || typeof field !== 'string' || !(field in FIELD_LABEL) || issue.path.length !== 2) return invalidMessage();
    sentences.push(issueSentence({ ...(issue as SettingIssue), path: [field] }));
  }
  return t('errSettingsRejected', sentences.join(' '));
}

/**
 * One message in, one reply out. Never throws: a refused sender, a request out of contract, a reply
 * out of contract and any unexpected exception all become error replies. Every reply is checked
 * against the protocol before it is sent (pages check only its outline, lib/ask.ts).
 */
export async function handleMessage(
  message: unknown,
  sender: Browser.runtime.MessageSender | undefined,
  service: LookupService,
): Promise<unknown> {
  try {
    // The results-page overlay's channel: its own sender check (lib/serp/guard.ts) and contract.
    if (isSerpMessage(message) && !isOurPage(sender)) return await handleSerpMessage(message, sender, service);
    if (!isOurPage(sender)) {
      console.warn(`Backlink Lens: refused a message from ${describeSender(sender)}`);
      return errorReply(appError('invalid-request', refusedMessage(), false));
    }
    const parsed = parseRequest(message);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
      console.warn(`Backlink Lens: a request out of contract (at ${where})`);
      return errorReply(appError('invalid-request', invalidRequestMessage(message, parsed.error.issues), false));
    }
    const request: Request = parsed.data;
    const reply = await service.handle(request);
    const check = replySchema(request.type).safeParse(reply);
    if (!check.success) {
      const where = check.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
      console.error(`Backlink Lens: reply to ${request.type} out of contract (at ${where})`);
      return errorReply(appError('internal', internalMessage(), true));
    }
    // What was checked goes out: keys outside the protocol are left behind.
    return check.data;
  } catch (e) {
    console.error('Backlink Lens: unexpected error while answering a message', e);
    return errorReply(appError('internal', internalMessage(), true));
  }
}

/**
 * The one runtime.onMessage listener. The first message of each worker life leaves two performance
 * marks (`bl:first-message`, `bl:first-reply`): with `bl:main`/`bl:ready` (entrypoints/background)
 * they split a cold start into script evaluation, wiring and the first answer (npm run bench).
 */
export function setUpMessaging(service: LookupService): void {
  let first = true;
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (!first) return handleMessage(message, sender, service);
    first = false;
    performance.mark('bl:first-message');
    return handleMessage(message, sender, service).finally(() => performance.mark('bl:first-reply'));
  });
}

// ---------------------------------------------------------------------------------------------
// Context menu and side panel
// ---------------------------------------------------------------------------------------------

/**
 * A click on one of our menu items. The panel is opened FIRST (user gesture), then it is told what
 * to show, both through the one hand-over channel (lib/handover/). A refused click (mailto: link,
 * browser page…) spends nothing: the panel shows the refusal's sentence instead of a check.
 */
export async function handleMenuClick(
  info: MenuClickInfo,
  tab: (MenuClickTab & { windowId?: number }) | undefined,
  links?: LinksService,
): Promise<void> {
  if (info.menuItemId === MENU_IDS.pageLinks) return handleLinksClick(info, tab, links);
  const result = resolveMenuClick(info, tab);
  const tabId = result.ok ? result.tabId : typeof tab?.id === 'number' && tab.id >= 0 ? tab.id : undefined;
  const { opened, told } = await openPanelWith(
    { tabId: tabId ?? null, windowId: tab?.windowId },
    result.ok ? { target: result.target } : { message: result.message },
  );
  if (opened.status === 'rejected') console.warn('Backlink Lens: could not open the side panel', opened.reason);
  if (told.status === 'rejected') console.error('Backlink Lens: could not hand the target to the side panel', told.reason);
}

/**
 * "Links on this page" from the page's menu: the panel is opened first (user gesture), then the
 * scan is injected into the tab (activeTab, granted by this click); the panel follows the scan's
 * state in storage.session (lib/links/handoff.ts) and asks for the report when it is ready.
 */
async function handleLinksClick(info: MenuClickInfo, tab: (MenuClickTab & { windowId?: number }) | undefined, links: LinksService | undefined): Promise<void> {
  // The panel shows the page's site with the Links view (a refused page gets its sentence instead).
  const site = resolveMenuClick({ ...info, menuItemId: MENU_IDS.pageSite }, tab);
  const tabId = typeof tab?.id === 'number' && tab.id >= 0 ? tab.id : undefined;
  const handing = openPanelWith(
    { tabId: tabId ?? null, windowId: tab?.windowId },
    site.ok ? { target: site.target, view: 'links' } : { message: site.message },
  );
  const scanning = site.ok && tabId !== undefined && links ? links.scan(tabId) : Promise.resolve(null);
  const [handed, scanned] = await Promise.allSettled([handing, scanning]);
  if (handed.status === 'fulfilled' && handed.value.opened.status === 'rejected') console.warn('Backlink Lens: could not open the side panel', handed.value.opened.reason);
  if (scanned.status === 'rejected') console.error('Backlink Lens: could not read the links of the page', scanned.reason);
}

/** (Re)create our menu items. Menus persist in the browser, so this runs on install and update only. */
export async function createMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  for (const item of MENU_ITEMS) {
    browser.contextMenus.create({ ...item, contexts: [...item.contexts] } as Browser.contextMenus.CreateProperties);
  }
}

export function setUpContextMenus(links?: LinksService): void {
  browser.runtime.onInstalled.addListener(() => {
    createMenus().catch((e) => console.error('Backlink Lens: could not create the menu items', e));
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void handleMenuClick(info, tab, links);
  });
  // A closed tab's panel entry (and link report) is of no use any more.
  browser.tabs.onRemoved.addListener((tabId) => {
    clearPanelTarget(tabId).catch(() => undefined);
    links?.forget(tabId).catch(() => undefined);
  });
}

/** The options page with the welcome text, opened once after install. */
export const WELCOME_PATH = '/options.html?welcome=1';

export async function onInstalledFirstRun(details: { reason: string }): Promise<void> {
  if (details.reason !== 'install') return;
  await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH) });
}

export function setUpFirstRun(): void {
  browser.runtime.onInstalled.addListener((details) => {
    onInstalledFirstRun(details).catch((e) => console.error('Backlink Lens: could not open the welcome page', e));
  });
}
