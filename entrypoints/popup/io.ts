import { browser } from 'wxt/browser';
import { readScopeMemory, rememberScope } from '@/entrypoints/popup/components/logic';
import type { Scope } from '@/lib/lookupTarget';
import { POPUP_SCOPE_KEY } from '@/lib/storage/keys';

/** The popup's own browser I/O: asking the worker, the remembered scope per site, the shortcut. */

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

export interface ShortcutInfo {
  /** The shortcut the browser has assigned now; null when none is (taken by something else, or removed). */
  current: string | null;
  /** The one the manifest suggests, to mention when none is assigned. */
  suggested: string | null;
}

/** The keyboard shortcut that opens the popup, as the browser has it now, and the suggested one. */
export async function readShortcut(): Promise<ShortcutInfo> {
  let suggested: string | null = null;
  try {
    const commands = browser.runtime.getManifest().commands as Record<string, { suggested_key?: { default?: string } }> | undefined;
    suggested = commands?._execute_action?.suggested_key?.default ?? commands?._execute_browser_action?.suggested_key?.default ?? null;
  } catch {
    suggested = null;
  }
  try {
    const commands = await browser.commands.getAll();
    const action = commands.find((c) => c.name === '_execute_action' || c.name === '_execute_browser_action');
    return { current: action?.shortcut || null, suggested };
  } catch {
    return { current: null, suggested };
  }
}

/** Chromium's page for extension shortcuts (other browsers keep theirs where an extension cannot link). */
export function shortcutSettingsUrl(): string | null {
  return 'sidePanel' in browser ? 'chrome://extensions/shortcuts' : null;
}

export function openShortcutSettings(): void {
  const url = shortcutSettingsUrl();
  if (url) void browser.tabs.create({ url }).then(() => window.close());
}
