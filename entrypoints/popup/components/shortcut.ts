import { browser } from 'wxt/browser';

/* The keyboard shortcut the footer mentions: read after the first paint (afterPaint.ts). */

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
