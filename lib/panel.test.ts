import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { z } from 'zod/mini';
import { LookupTargetSchema } from './params.schema';
import {
  clearPanelTarget,
  getPanelEntry,
  getPanelTarget,
  readLookupTarget,
  readPanelEntry,
  setPanelMessage,
  setPanelTarget,
  watchPanelTarget,
  type PanelEntry,
} from './panel';

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

describe('panel entries are checked without zod, by the protocol rules', () => {
  /** The entry as a schema, from the protocol's LookupTargetSchema. */
  const EntrySchema = z.object({
    tabId: z.nullable(z.number().check(z.int())),
    target: z.nullable(LookupTargetSchema),
    message: z.nullable(z.string()),
    at: z.number(),
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
      undefined,
    ];
    for (const e of entries) {
      const zod = EntrySchema.safeParse(e);
      expect({ e, got: readPanelEntry(e) }).toEqual({ e, got: zod.success ? zod.data : null });
    }
  });
});
