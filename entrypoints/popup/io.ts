import { browser } from 'wxt/browser';
import { readScopeMemory, rememberScope } from '@/entrypoints/popup/components/logic';
import type { Scope } from '@/lib/lookupTarget';
import { POPUP_SCOPE_KEY } from '@/lib/storage/keys';

/** The popup's own browser I/O: asking the worker, the remembered scope per site (the shortcut: shortcut.ts). */

export { askWithRetry, retryMode } from '@/lib/ask';

/** storage.local key (`local:popupScope`): root domain → the scope last chosen for it. */
const SCOPE_KEY = POPUP_SCOPE_KEY;

export async function saveScope(domain: string, scope: Scope): Promise<void> {
  try {
    const got = await browser.storage.local.get(SCOPE_KEY);
    await browser.storage.local.set({ [SCOPE_KEY]: rememberScope(readScopeMemory(got[SCOPE_KEY]), domain, scope) });
  } catch {
    // Not remembering a scope is harmless.
  }
}
