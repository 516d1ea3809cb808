import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearPanelTarget, getPanelEntry, getPanelTarget, setPanelMessage, setPanelTarget, watchPanelTarget, type PanelEntry } from './panel';

const target = (value: string) => ({ scope: 'domain' as const, value, display: value });

describe('panel target', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('is kept per tab in storage.session, with a "last" copy', async () => {
    await setPanelTarget(4, target('a.com'), 1);
    await setPanelTarget(5, target('b.com'), 2);
    expect(await getPanelTarget(4)).toEqual(target('a.com'));
    expect(await getPanelTarget(5)).toEqual(target('b.com'));
    expect(await getPanelTarget(null)).toEqual(target('b.com'));
    expect(await getPanelTarget(6)).toBeNull();
    expect(Object.keys(await fakeBrowser.storage.session.get(null)).sort()).toEqual(['panel:4', 'panel:5', 'panel:last']);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('without a tab id only "last" is written', async () => {
    await setPanelTarget(null, target('c.com'));
    expect(await getPanelTarget(null)).toEqual(target('c.com'));
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['panel:last']);
  });

  it('a message replaces the target', async () => {
    await setPanelTarget(4, target('a.com'));
    await setPanelMessage(4, 'Browser pages have no backlinks.');
    expect(await getPanelTarget(4)).toBeNull();
    expect(await getPanelEntry(4)).toMatchObject({ target: null, message: 'Browser pages have no backlinks.' });
  });

  it('watch reports each write once; clear removes a tab entry', async () => {
    const seen: PanelEntry[] = [];
    const stop = watchPanelTarget((e) => seen.push(e));
    await setPanelTarget(4, target('a.com'), 10);
    await setPanelTarget(null, target('b.com'), 11);
    await fakeBrowser.storage.session.set({ 'panel:9': { bogus: true } });
    stop();
    await setPanelTarget(4, target('c.com'), 12);
    expect(seen.map((e) => [e.tabId, e.target?.value, e.at])).toEqual([
      [4, 'a.com', 10],
      [null, 'b.com', 11],
    ]);
    await clearPanelTarget(4);
    expect(await getPanelEntry(4)).toBeNull();
  });

  it('refuses an invalid target', async () => {
    await expect(setPanelTarget(1, { scope: 'domain', value: '', display: '' })).rejects.toThrow();
  });
});
