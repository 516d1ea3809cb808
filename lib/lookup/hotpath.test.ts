import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storeCredentials } from '@/lib/credentials';
import { createLookupService } from './service';
import { fakeClient, profileParams } from '@/tests/helpers/lookup';

/**
 * The hot path: a cache hit answers after at most 3 storage operations (the cache entry, the
 * history read for the earlier figures, the ledger for today's spend); settings and credentials come
 * from the worker's memory, and the history line is written after the reply.
 */
/** Counts storage.local and IndexedDB operations while `run` runs (from the first call on). */
async function countStorageOps<T>(run: () => Promise<T>): Promise<{ result: T; ops: string[] }> {
  const ops: string[] = [];
  const local = fakeBrowser.storage.local;
  const get = local.get.bind(local);
  const set = local.set.bind(local);
  const spies = [
    vi.spyOn(local, 'get').mockImplementation(async (keys) => {
      ops.push(`get ${JSON.stringify(keys)}`);
      return get(keys as never);
    }),
    vi.spyOn(local, 'set').mockImplementation(async (items) => {
      ops.push(`set ${Object.keys(items as object).join(',')}`);
      return set(items);
    }),
  ];
  const { IDBObjectStore } = await import('fake-indexeddb');
  const proto = IDBObjectStore.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const methods = ['get', 'getAll', 'getAllKeys', 'getKey', 'put', 'add', 'delete', 'clear', 'count', 'openCursor', 'openKeyCursor'];
  const originals = new Map(methods.map((m) => [m, proto[m]]));
  for (const m of methods) {
    const orig = originals.get(m);
    if (!orig) continue;
    proto[m] = function (this: IDBObjectStore, ...args: unknown[]) {
      ops.push(`idb ${m} ${this.name}`);
      return orig.apply(this, args);
    };
  }
  try {
    const result = await run();
    return { result, ops: [...ops] };
  } finally {
    for (const [m, orig] of originals) if (orig) proto[m] = orig;
    for (const s of spies) s.mockRestore();
  }
}

describe('a cache hit', () => {
  it('replies after at most 3 storage operations; the history line comes after the reply', async () => {
    fakeBrowser.reset();
    await storeCredentials({ provider: 'dataforseo', login: 'me@example.com', password: 'pw-0123456789abcdef' });
    const client = fakeClient();
    const service = createLookupService({ clientFor: vi.fn(() => client), random: () => 0 });
    const request = { type: 'profile', params: profileParams('hot-site.com'), mode: 'normal' } as const;
    await service.handle(request); // the paid call that fills the cache
    await service.handle(request); // a first hit: the memos are filled
    await service.handle({ type: 'history' }); // the after-reply work is done

    const { result: reply, ops: beforeReply } = await countStorageOps(() => service.handle(request));
    expect(reply.ok && reply.meta.fromCache).toBe(true);
    expect(client.total()).toBe(1);
    expect(beforeReply.length, beforeReply.join(' ; ')).toBeLessThanOrEqual(3);
    expect(beforeReply.some((o) => o.startsWith('set'))).toBe(false);
    expect(beforeReply.some((o) => o.includes('settings') || o.includes('credentials'))).toBe(false);
  });

  it("the popup's one round trip (checkTab: profile and top anchors) on a hit: at most 3 storage operations, no write", async () => {
    fakeBrowser.reset();
    await storeCredentials({ provider: 'dataforseo', login: 'me@example.com', password: 'pw-0123456789abcdef' });
    const client = fakeClient();
    const service = createLookupService({ clientFor: vi.fn(() => client), random: () => 0 });
    const request = { type: 'checkTab', url: 'https://www.hot-site.com/some/page' } as const;
    const first = await service.handle(request); // the two paid calls that fill the cache
    expect(first.ok && first.data.profile?.ok).toBe(true);
    // The anchors came with the reply, or come with the token (the profile went out first).
    if (first.ok && first.data.anchorsLater) {
      const part = await service.handle({ type: 'checkTabPart', token: first.data.anchorsLater, url: request.url });
      expect(part.ok).toBe(true);
    } else expect(first.ok && first.data.anchors?.ok).toBe(true);
    await service.handle(request); // a first hit: the memos are filled
    await service.handle({ type: 'history' });

    const { result: reply, ops } = await countStorageOps(() => service.handle(request));
    expect(reply.ok && reply.data.profile?.ok && reply.data.profile.meta.fromCache && reply.data.anchors?.ok && reply.data.anchors.meta.fromCache).toBe(true);
    expect(client.total()).toBe(2);
    expect(ops.length, ops.join(" ; ")).toBeLessThanOrEqual(3);
    expect(ops.some((o) => o.startsWith('set') || o.includes(' put ') || o.includes(' delete '))).toBe(false);
  });
});
