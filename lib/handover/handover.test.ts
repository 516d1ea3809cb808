import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { z } from 'zod/mini';
import { LookupTargetSchema } from '@/lib/params.schema';
import { readLookupTarget } from '@/lib/lookupTarget';
import { VIEW_ID, type PanelEntry } from './entry';
import { clearPanelTarget, getPanelEntry, getPanelTarget, readPanelEntry, watchPanelTarget } from './receive';
import { openPanelWith, setPanelMessage, setPanelTarget } from './send';

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

  it('carries the view to show, and refuses a malformed view id', async () => {
    await setPanelTarget(4, target('a.com'), 1, 'anchors');
    expect(await getPanelEntry(4)).toMatchObject({ target: target('a.com'), view: 'anchors' });
    await expect(setPanelTarget(4, target('a.com'), 2, 'Not a view')).rejects.toThrow();
    expect(await getPanelEntry(4)).toMatchObject({ at: 1 });
  });

  it('openPanelWith opens the side panel first, inside the call, then hands the target over', async () => {
    const calls: string[] = [];
    (fakeBrowser as any).sidePanel = {
      open: (o: { tabId?: number }) => {
        calls.push(`open ${o.tabId}`);
        return Promise.resolve();
      },
    };
    const done = openPanelWith({ tabId: 7 }, { target: target('b.com'), view: 'anchors' });
    expect(calls).toEqual(['open 7']); // synchronously, before any await (user gesture)
    const { opened, told } = await done;
    expect([opened.status, told.status]).toEqual(['fulfilled', 'fulfilled']);
    expect(await getPanelEntry(7)).toMatchObject({ target: target('b.com'), view: 'anchors', message: null });
    delete (fakeBrowser as any).sidePanel;
  });

  it('openPanelWith reports a browser without a panel API and still hands a message over', async () => {
    const { opened, told } = await openPanelWith({ tabId: 8 }, { message: 'Browser pages have no backlinks.' });
    expect(opened.status).toBe('rejected');
    expect(told.status).toBe('fulfilled');
    expect(await getPanelEntry(8)).toMatchObject({ target: null, message: 'Browser pages have no backlinks.' });
  });

  it('refuses an invalid target', async () => {
    await expect(setPanelTarget(1, { scope: 'domain', value: '', display: '' })).rejects.toThrow();
  });
});

describe('panel entries are checked without zod, by the protocol rules', () => {
  /** The entry as a schema, from the protocol's LookupTargetSchema. */
  const EntrySchema = z.object({
    tabId: z.nullable(z.number().check(z.int())),
    target: z.nullable(LookupTargetSchema),
    message: z.nullable(z.string()),
    at: z.number(),
    view: z.optional(z.nullable(z.string().check(z.regex(VIEW_ID)))),
  });
  const long = 'x'.repeat(2048);
  const targets: unknown[] = [
    target('a.com'),
    { scope: 'page', value: 'https://a.com/x', display: 'a.com/x', extra: 1 },
    { scope: 'host', value: long, display: long },
    { scope: 'host', value: `${long}y`, display: 'a' },
    { scope: 'host', value: 'a.com', display: `${long}y` },
    { scope: 'domain', value: '', display: '' },
    { scope: 'site', value: 'a.com', display: 'a.com' },
    { scope: 'domain', value: 1, display: 'a' },
    { scope: 'domain', value: 'a.com' },
    null,
    'a.com',
    [],
  ];
  it('targets', () => {
    for (const t of targets) {
      const zod = LookupTargetSchema.safeParse(t);
      expect({ t, got: readLookupTarget(t) }).toEqual({ t, got: zod.success ? zod.data : null });
    }
  });
  it('entries', () => {
    const base = { tabId: 3, target: target('a.com'), message: null, at: 5 };
    const entries: unknown[] = [
      base,
      { ...base, tabId: null },
      { ...base, tabId: 1.5 },
      { ...base, tabId: '3' },
      { ...base, target: null, message: 'No.' },
      { ...base, target: { scope: 'domain', value: '' , display: '' } },
      { ...base, message: 7 },
      { ...base, at: Number.NaN },
      { ...base, at: Number.POSITIVE_INFINITY },
      { ...base, at: '5' },
      { tabId: 3, target: null, at: 5 },
      { ...base, more: true },
      { ...base, view: 'anchors' },
      { ...base, view: null },
      { ...base, view: 'Anchors' },
      { ...base, view: '' },
      { ...base, view: 3 },
      { ...base, view: 'x'.repeat(41) },
      undefined,
    ];
    for (const e of entries) {
      const zod = EntrySchema.safeParse(e);
      expect({ e, got: readPanelEntry(e) }).toEqual({ e, got: zod.success ? zod.data : null });
    }
  });
});
