import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { saveSettings } from '@/lib/settings/store';
import { syncSerpScript } from './register';

/** The scripting and permissions APIs, as the worker sees them (the fake browser has neither). */
function stubBrowser(origins: string[]) {
  const registered: any[] = [];
  const scripting = {
    getRegisteredContentScripts: vi.fn(async (f?: { ids?: string[] }) => registered.filter((s) => !f?.ids || f.ids.includes(s.id))),
    registerContentScripts: vi.fn(async (list: any[]) => {
      for (const s of list) {
        if (registered.some((r) => r.id === s.id)) throw new Error(`duplicate id ${s.id}`);
        registered.push(s);
      }
    }),
    unregisterContentScripts: vi.fn(async (f: { ids: string[] }) => {
      for (let i = registered.length - 1; i >= 0; i--) if (f.ids.includes(registered[i].id)) registered.splice(i, 1);
    }),
  };
  const permissions = { ...(fakeBrowser as any).permissions, getAll: vi.fn(async () => ({ origins: [...origins], permissions: [] })) };
  (fakeBrowser as any).scripting = scripting;
  (fakeBrowser as any).permissions = permissions;
  return { registered, scripting, setOrigins: (o: string[]) => origins.splice(0, origins.length, ...o) };
}

beforeEach(() => fakeBrowser.reset());

describe('syncSerpScript', () => {
  it('registers nothing while the setting is off, even with the hosts granted', async () => {
    const b = stubBrowser(['https://www.google.com/*']);
    expect(await syncSerpScript()).toEqual({ registered: false });
    expect(b.registered).toEqual([]);
  });
  it('registers nothing while the setting is on but no host is granted', async () => {
    const b = stubBrowser(['https://api.dataforseo.com/*']);
    await saveSettings({ serpFigures: true });
    expect(await syncSerpScript()).toEqual({ registered: false });
    expect(b.registered).toEqual([]);
  });
  it('registers the results-path script for the granted hosts only, once', async () => {
    const b = stubBrowser(['https://www.google.com/*', 'https://www.google.de/*', 'https://api.dataforseo.com/*']);
    await saveSettings({ serpFigures: true });
    expect(await syncSerpScript()).toEqual({ registered: true, hosts: ['www.google.com', 'www.google.de'] });
    await syncSerpScript();
    expect(b.registered).toHaveLength(1);
    expect(b.registered[0]).toMatchObject({ id: 'serp-figures', js: ['/serp.js'], matches: ['https://www.google.com/search*', 'https://www.google.de/search*'], allFrames: false });
    expect(b.scripting.registerContentScripts).toHaveBeenCalledTimes(1);
  });
  it('follows a permission change and unregisters when the setting goes off', async () => {
    const b = stubBrowser(['https://www.google.com/*']);
    await saveSettings({ serpFigures: true });
    await syncSerpScript();
    b.setOrigins(['https://www.google.com/*', 'https://www.google.fr/*']);
    await syncSerpScript();
    expect(b.registered[0].matches).toEqual(['https://www.google.com/search*', 'https://www.google.fr/search*']);
    await saveSettings({ serpFigures: false });
    expect(await syncSerpScript()).toEqual({ registered: false });
    expect(b.registered).toEqual([]);
  });
});
