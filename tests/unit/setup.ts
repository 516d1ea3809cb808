import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';
import { setFallbackMessages } from '../../lib/i18n';
import { catalog } from '../../lib/messages/catalog';

// The fake browser has no i18n API: t() answers from the English catalog, as the built extension does.
setFallbackMessages(catalog('en'));

/**
 * Unit tests run in Node: IndexedDB (the cache, lib/lookup/cache.ts) comes from fake-indexeddb,
 * emptied before every test as fakeBrowser.reset() empties the fake browser's storage.
 */
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
