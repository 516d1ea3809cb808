import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadCredentials, storeCredentials } from './credentials';
import { loadSettings, saveSettings } from './settings/store';
import { createLookupService } from './lookup/service';
import { fakeClient } from '@/tests/helpers/lookup';

/** storage.local.set failing (the worker stopped) for any write that changes the provider in use. */
function interruptProviderWrites() {
  const real = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
  return vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
    if ('settings' in (items as object)) throw new Error('the worker stopped');
    return real(items);
  });
}

const DFS = { provider: 'dataforseo', login: 'me@example.com', password: 'pw-0123456789abcdef' } as const;

describe('credentials and the provider in use are saved in one write', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await storeCredentials(DFS);
    await saveSettings({ provider: 'dataforseo' });
  });

  const service = () => createLookupService({ clientFor: () => fakeClient() });

  it('switching to AIsa writes the key and the provider in one storage.local.set', async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const reply = await service().handle({ type: 'saveCredentials', credentials: { provider: 'aisa', key: 'sk-aisa-0123456789' } });
    expect(reply.ok).toBe(true);
    const writes = set.mock.calls.map(([items]) => Object.keys(items as object).sort());
    expect(writes).toContainEqual(['credentials', 'settings', 'settings$']);
    expect(writes.filter((keys) => keys.includes('credentials') || keys.includes('settings'))).toHaveLength(1);
    expect(await loadCredentials()).toEqual({ provider: 'aisa', key: 'sk-aisa-0123456789' });
    expect((await loadSettings()).provider).toBe('aisa');
    set.mockRestore();
  });

  it('an interrupted save switching to AIsa leaves the old password and the old provider, both', async () => {
    const set = interruptProviderWrites();
    const reply = await service().handle({ type: 'saveCredentials', credentials: { provider: 'aisa', key: 'sk-aisa-0123456789' } });
    set.mockRestore();
    expect(reply.ok).toBe(false);
    expect(await loadCredentials()).toEqual(DFS);
    expect((await loadSettings()).provider).toBe('dataforseo');
    // What the options page reads back is what is stored.
    const pub = await service().handle({ type: 'getSettings' });
    expect(pub.ok && pub.data.credentials).toMatchObject({ provider: 'dataforseo', login: DFS.login, present: true });
    expect(pub.ok && pub.data.settings.provider).toBe('dataforseo');
  });

  it('DataForSEO ↔ sandbox with the saved password: login, password and provider move together and stick', async () => {
    const s = service();
    const toSandbox = await s.handle({ type: 'saveLogin', login: DFS.login, provider: 'sandbox' });
    expect(toSandbox.ok && toSandbox.data.settings.provider).toBe('sandbox');
    expect(await loadCredentials()).toEqual({ ...DFS, provider: 'sandbox' });
    const set = interruptProviderWrites();
    const back = await s.handle({ type: 'saveLogin', login: DFS.login, provider: 'dataforseo' });
    set.mockRestore();
    expect(back.ok).toBe(false);
    expect(await loadCredentials()).toEqual({ ...DFS, provider: 'sandbox' });
    expect((await loadSettings()).provider).toBe('sandbox');
  });
});
