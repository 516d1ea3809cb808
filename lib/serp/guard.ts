import { browser, type Browser } from 'wxt/browser';
import { bulkTargetOf } from '@/lib/lookup/bulkTargets';
import { SERP_SCRIPT_ID, isSerpUrl } from './hosts';
import { SerpRequestSchema } from './serp.schema';
import { SERP_MESSAGE, type SerpRequest } from './protocol';

/**
 * Worker-side checks of a message from the results-page overlay: who sent it (our registered
 * content script, top frame of a Google results tab) and what it says (a bounded list of
 * addresses, each kept only if lib/target.ts accepts its domain).
 */

/** Whether the message is meant for the overlay channel (checked in full by parseSerpRequest). */
export const isSerpMessage = (message: unknown): boolean =>
  !!message && typeof message === 'object' && (message as { type?: unknown }).type === SERP_MESSAGE;

export function parseSerpRequest(message: unknown): SerpRequest | null {
  const parsed = SerpRequestSchema.safeParse(message);
  return parsed.success ? (parsed.data as SerpRequest) : null;
}

/**
 * Whether the sender is our content script on a Google results page: our extension, no extension
 * page URL, a tab, the top frame, a listed results URL — and the script is registered right now
 * (a script left over after the setting was turned off gets nothing).
 */
export async function isSerpSender(
  sender: Browser.runtime.MessageSender | undefined,
  registered: () => Promise<boolean> = isSerpScriptRegistered,
): Promise<boolean> {
  if (!sender || sender.id !== browser.runtime.id) return false;
  if (!sender.tab || typeof sender.tab.id !== 'number') return false;
  if (sender.frameId !== 0) return false;
  const url = sender.url ?? sender.tab.url;
  if (!isSerpUrl(url)) return false;
  if (typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'))) return false;
  return registered();
}

export async function isSerpScriptRegistered(): Promise<boolean> {
  try {
    const scripts = await browser.scripting.getRegisteredContentScripts({ ids: [SERP_SCRIPT_ID] });
    return scripts.length > 0;
  } catch {
    return false;
  }
}

/** The result URLs → the domains checked (first-seen order, no duplicates); a URL whose domain is refused maps to null. */
export function serpTargets(urls: readonly string[]): { domains: string[]; byUrl: Map<string, string | null> } {
  const domains: string[] = [];
  const byUrl = new Map<string, string | null>();
  for (const url of urls) {
    let host: string;
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      host = u.hostname;
    } catch {
      byUrl.set(url, null);
      continue;
    }
    const t = bulkTargetOf(host);
    const domain = t.ok ? t.target : null;
    byUrl.set(url, domain);
    if (domain && !domains.includes(domain)) domains.push(domain);
  }
  return { domains, byUrl };
}
