import { scanAndHighlight } from '@/lib/links/inpage';

/**
 * Injected on the user's click ("Links on this page" in the popup or the page's context menu) with
 * `scripting.executeScript({ files: ['/linkscan.js'] })`; never declared as a content script. Its
 * return value is the link report (lib/links/report.ts), which the worker checks before using it.
 */
export default defineUnlistedScript(() => scanAndHighlight(window, document));
