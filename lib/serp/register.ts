import { browser } from 'wxt/browser';
import { loadSettings, settingsItem } from '@/lib/settings/store';
import { SERP_HOSTS, SERP_ORIGINS, SERP_SCRIPT_FILE, SERP_SCRIPT_ID, serpMatchesFor } from './hosts';

/**
 * The overlay's content script is registered at run time, never declared in the manifest: only
 * while the setting is on, and only for the Google hosts the user granted. `syncSerpScript` makes
 * the registration match (setting, permissions) and is called on worker start, when the setting
 * changes and when host permissions are added or removed.
 */

/** The listed Google hosts the extension holds a host permission for now. */
export async function grantedSerpHosts(): Promise<string[]> {
  const all = await browser.permissions.getAll();
  const origins = new Set(all.origins ?? []);
  return SERP_HOSTS.filter((h, i) => origins.has(SERP_ORIGINS[i]!) || origins.has(`*://${h}/*`));
}

export type SerpRegistration = { registered: false } | { registered: true; hosts: string[] };

export async function syncSerpScript(): Promise<SerpRegistration> {
  const settings = await loadSettings();
  const hosts = settings.serpFigures ? await grantedSerpHosts() : [];
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SERP_SCRIPT_ID] });
  if (hosts.length === 0) {
    if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SERP_SCRIPT_ID] });
    return { registered: false };
  }
  const script = {
    id: SERP_SCRIPT_ID,
    js: [SERP_SCRIPT_FILE],
    matches: serpMatchesFor(hosts),
    runAt: 'document_idle' as const,
    allFrames: false,
    persistAcrossSessions: true,
  };
  const same = existing[0] && JSON.stringify([...(existing[0].matches ?? [])].sort()) === JSON.stringify([...script.matches].sort());
  if (!same) {
    if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SERP_SCRIPT_ID] });
    await browser.scripting.registerContentScripts([script]);
  }
  return { registered: true, hosts };
}

/** Listeners (registered synchronously from the worker's main) and the start-up check. */
export function setUpSerpScript(): void {
  const sync = () => {
    syncSerpScript().catch((e) => console.error('Backlink Lens: could not update the results-page script', e));
  };
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  settingsItem().watch((next, prev) => {
    if (next?.serpFigures !== prev?.serpFigures) sync();
  });
  sync();
}
