/**
 * The browser a journey is stated against: one interface, implemented by a Chromium driver
 * (chromium.ts, over harness.ts) and a Firefox driver (firefox.ts, over firefox/harness.ts). A journey
 * (`*.journey.ts`) says what the user does and sees once; the spec files `journeys.e2e.ts` (Chromium) and
 * `firefox-journeys.e2e.ts` (Firefox) run it in their browser. A test or step that exists in one browser only
 * says so in the journey (`if (b.name !== 'firefox') return t.skip(…)`), never hidden in a driver.
 */
import type { RecordedRequest, SandboxHandle } from '../../sandbox/server.ts';

export type BrowserName = 'chromium' | 'firefox';

/** A popup or panel document (the real toolbar popup, the side panel or the Firefox sidebar). */
export interface View {
  /** Runs `(document, window) => …` (source text) in the view; its result must be serialisable. */
  evaluate<T>(fnSource: string): Promise<T>;
  text(): Promise<string>;
  /** A trusted click (user gesture) at the centre of the first element matching `selector`. */
  click(selector: string): Promise<void>;
}

/** An extension page opened as a tab (options.html). */
export interface FormPage {
  waitFor(selector: string): Promise<void>;
  click(selector: string): Promise<void>;
  /** Types like a user, key by key. */
  type(selector: string, text: string): Promise<void>;
  value(selector: string): Promise<string>;
  text(selector: string): Promise<string>;
  close(): Promise<void>;
}

export interface JourneyBrowser {
  readonly name: BrowserName;
  readonly sandbox: SandboxHandle;
  openOptions(): Promise<FormPage>;
  /** A site tab at `url`, in front. */
  openSite(url: string): Promise<void>;
  /** The toolbar button clicked on the front site tab (activeTab granted); resolves with the popup's document. */
  openPopup(): Promise<View>;
  closePopup(): Promise<void>;
  /** The side panel (Chromium) or sidebar (Firefox) of the front window, once open. */
  panel(): Promise<View>;
  panelOpen(): Promise<boolean>;
  closePanel(): Promise<void>;
  /** The page's context menu on the front site tab, item `item` of the extension's submenu. */
  contextMenu(item: string): Promise<void>;
  sendMessage(msg: unknown): Promise<unknown>;
  /** Saves the sandbox's demo DataForSEO credentials through the protocol. */
  setCredentials(): Promise<void>;
  /** Stops the background (MV3 service worker / Firefox's event page) for real. */
  stopBackground(): Promise<void>;
  /** The browser's own word for the background's state: 'running', 'stopped', … */
  backgroundState(): Promise<string>;
  /** Closes the browser and starts it again on the same profile. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitFor<T>(what: string, probe: () => Promise<T> | T, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
    await sleep(100);
  }
}

/** Requests to the API hosts (not site pages or anything else the browser fetched), free user_data left out. */
const API_HOSTS = /^(api\.dataforseo\.com|sandbox\.dataforseo\.com|api\.aisa\.one)(:\d+)?$/;
export const paidSince = (b: JourneyBrowser, since: number, endpoint?: string): RecordedRequest[] =>
  b.sandbox.requests
    .slice(since)
    .filter((r) => API_HOSTS.test(r.host) && r.endpoint !== 'user_data' && (!endpoint || r.endpoint === endpoint));
