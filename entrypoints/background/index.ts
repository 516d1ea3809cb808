import { z } from 'zod/mini';
import { createClient } from '@/lib/dataforseo';
import { createLinksService } from '@/lib/links/service';
import { createLookupService } from '@/lib/lookup/service';
import { setUpSerpScript } from '@/lib/serp/register';
import { setUpContextMenus, setUpFirstRun, setUpMessaging } from '@/lib/worker';

/**
 * Wiring only. Every listener is registered synchronously here, at the top of main, so a worker
 * woken by an event has its listener in place. All state that matters lives in storage.
 */
export default defineBackground(() => {
  // Cold-start marks for the bench (lib/worker.ts setUpMessaging): the worker's script has run up to here.
  performance.mark('bl:main');
  // The extension's CSP forbids eval: tell zod not to probe for it (the probe is reported as a CSP violation).
  // zod/mini carries no locale of its own: English issue messages keep the worker's logs readable.
  z.config({ jitless: true, ...z.locales.en() });
  const links = createLinksService();
  const service = createLookupService({ clientFor: (credentials) => createClient(credentials), links });
  setUpMessaging(service);
  service.warm();
  setUpContextMenus(links);
  setUpFirstRun();
  setUpSerpScript();
  performance.mark('bl:ready');
});
