import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';

/**
 * Unit tests run in Node: IndexedDB (the cache, lib/lookup/cache.ts) comes from fake-indexeddb,
 * emptied before every test as fakeBrowser.reset() empties the fake browser's storage.
 */
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
