import { browser } from 'wxt/browser';
import { startOverlay } from '@/lib/serp/overlay';
import type { SerpReply } from '@/lib/serp/protocol';

/**
 * The Google results-page overlay. Never declared in the manifest: the worker registers it with
 * `scripting.registerContentScripts` (lib/serp/register.ts) for the hosts the user granted, only
 * while "Show backlink figures on Google results" is on. Built as its own file (/serp.js).
 */
export default defineUnlistedScript(() => {
  startOverlay(window, document, async (request) => (await browser.runtime.sendMessage(request)) as SerpReply);
});
