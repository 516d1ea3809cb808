import { browser } from 'wxt/browser';
import { appError, type Outcome } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { classifyReport } from './classify';
import { linksViewKey, setLinksView } from './handoff';
import { reportSchemas } from './report.schema';
import type { LinkReport, ScanSummary } from './report';

/**
 * Worker only: "Links on this page". `scan(tabId)` injects entrypoints/linkscan.ts into the tab
 * (activeTab, granted by the user's click on our popup button or page menu item), checks what the
 * script returns, classifies it and keeps it per tab in storage.session; `report(tabId)` hands it to
 * the side panel. Nothing here is paid: figures are bought through the bulk requests, after a quote.
 */

/** The file WXT builds from entrypoints/linkscan.ts. */
export const LINKSCAN_FILE = '/linkscan.js';

/** The sentences, read when they are used (each getter asks the catalog). */
export const LINKS_MESSAGES = {
  get noAccess() {
    return t('errLinksNoAccess');
  },
  get unreadable() {
    return t('errLinksUnreadable');
  },
  get notStored() {
    return t('errLinksNotStored');
  },
  get noReport() {
    return t('errLinksNoReport');
  },
};

export interface LinksServiceDeps {
  /** Runs the script in the tab's top frame and answers its return value. */
  inject(tabId: number): Promise<unknown>;
  /** The tab's address when the extension may see it (activeTab), else undefined. */
  tabUrl(tabId: number): Promise<string | undefined>;
  now(): number;
  store: {
    get(key: string): Promise<unknown>;
    set(key: string, value: unknown): Promise<void>;
    remove(key: string): Promise<void>;
  };
  setView: typeof setLinksView;
}

export interface LinksService {
  scan(tabId: number): Promise<Outcome<ScanSummary>>;
  report(tabId: number): Promise<Outcome<LinkReport>>;
  forget(tabId: number): Promise<void>;
}

export const reportKey = (tabId: number) => `links:${tabId}`;

export function browserLinksDeps(): LinksServiceDeps {
  const area = () => browser.storage.session;
  return {
    async inject(tabId) {
      const results = await browser.scripting.executeScript({ target: { tabId }, files: [LINKSCAN_FILE] });
      return results?.[0]?.result;
    },
    async tabUrl(tabId) {
      try {
        return (await browser.tabs.get(tabId)).url;
      } catch {
        return undefined;
      }
    },
    now: () => Date.now(),
    store: {
      async get(key) {
        return (await area().get(key))[key];
      },
      set: (key, value) => area().set({ [key]: value }),
      remove: (key) => area().remove(key),
    },
    setView: setLinksView,
  };
}

export function createLinksService(deps: LinksServiceDeps = browserLinksDeps()): LinksService {
  const failed = async (tabId: number, message: string, retryable: boolean): Promise<Outcome<never>> => {
    await deps.setView({ tabId, state: 'error', message, at: deps.now() }).catch(() => undefined);
    return { ok: false, error: appError('invalid-request', message, retryable) };
  };

  return {
    async scan(tabId) {
      await deps.setView({ tabId, state: 'scanning', message: null, at: deps.now() }).catch(() => undefined);
      let raw: unknown;
      try {
        raw = await deps.inject(tabId);
      } catch (e) {
        console.warn('Backlink Lens: could not read the links of the tab', e);
        return failed(tabId, LINKS_MESSAGES.noAccess, false);
      }
      const parsed = reportSchemas().RawLinkReportSchema.safeParse(raw);
      if (!parsed.success) {
        const where = parsed.error.issues.slice(0, 3).map((i) => i.path.join('.') || '(root)').join(', ');
        console.warn(`Backlink Lens: a link report out of contract (at ${where})`);
        return failed(tabId, LINKS_MESSAGES.unreadable, true);
      }
      const report = classifyReport(parsed.data, tabId, await deps.tabUrl(tabId), deps.now());
      try {
        await deps.store.set(reportKey(tabId), report);
      } catch (e) {
        console.error('Backlink Lens: could not keep the link report', e);
        return failed(tabId, LINKS_MESSAGES.notStored, true);
      }
      await deps.setView({ tabId, state: 'ready', message: null, at: deps.now() }).catch(() => undefined);
      return { ok: true, value: { tabId, counts: report.counts, skipped: report.skipped, dropped: report.dropped, elapsedMs: report.elapsedMs } };
    },
    async report(tabId) {
      const stored = reportSchemas().LinkReportSchema.safeParse(await deps.store.get(reportKey(tabId)).catch(() => undefined));
      if (!stored.success || stored.data.tabId !== tabId) {
        return { ok: false, error: appError('not-cached', LINKS_MESSAGES.noReport, false) };
      }
      return { ok: true, value: stored.data };
    },
    async forget(tabId) {
      await Promise.all([deps.store.remove(reportKey(tabId)), deps.store.remove(linksViewKey(tabId))]);
    },
  };
}
