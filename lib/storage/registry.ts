/**
 * Every place the extension stores something, in one file: area, owner, version and schema.
 * Nothing is stored that is not listed here (tests/unit/storageRegistry.test.ts checks the source
 * for storage keys that are not). Zod-free: pages read their own keys' names from here too.
 *
 * "version" is the stored shape's version: WXT items keep theirs in a `<key>$` meta key
 * (`{ v: n }`) and migrate on read; the others are read back defensively, value by value, and a
 * value that does not pass is dropped and reported (see docs/ARCHITECTURE.md, "Storage").
 */

export type StorageArea = 'local' | 'session' | 'indexedDB';

export interface StorageKeyInfo {
  area: StorageArea;
  /** The key (storage.local / storage.session) or the database name (IndexedDB); `*` stands for a suffix. */
  key: string;
  /** The one module that reads and writes it. */
  owner: string;
  version: number;
  /** Where its shape is checked on every read. */
  schema: string;
  /** What a damaged value turns into. */
  recovery: string;
}

export const STORAGE_KEYS = {
  settings: {
    area: 'local',
    key: 'settings',
    owner: 'lib/settings/store.ts',
    version: 2,
    schema: 'SettingsSchema (lib/settings/settings.schema.ts), field by field',
    recovery: 'each field that fails takes its default; not an object: all defaults',
  },
  credentials: {
    area: 'local',
    key: 'credentials',
    owner: 'lib/credentials.ts',
    version: 1,
    schema: 'CredentialsSchema (lib/credentials.ts); saved in one storage.local write with the provider in use (settings)',
    recovery: 'unusable: no credentials (the options page asks for them again); nothing is spent',
  },
  ledger: {
    area: 'local',
    key: 'ledger',
    owner: 'lib/lookup/ledger.ts',
    version: 1,
    schema: 'recoverState (lib/lookup/ledgerState.schema.ts), line by line',
    recovery: 'damaged lines, day totals and reservations dropped and counted; not an object: started afresh, reported',
  },
  history: {
    area: 'local',
    key: 'history',
    owner: 'lib/lookup/history.ts',
    version: 1,
    schema: 'HistoryEntrySchema (lib/messages.ts) + key, line by line',
    recovery: 'damaged lines dropped; not a list: empty history',
  },
  popupScope: {
    area: 'local',
    key: 'popupScope',
    owner: 'entrypoints/popup/io.ts',
    version: 1,
    schema: 'readScopeMemory (components/popup/logic.ts)',
    recovery: 'damaged entries dropped; not an object: every site starts on its domain',
  },
  panel: {
    area: 'session',
    key: 'panel:*',
    owner: 'lib/panel.ts',
    version: 1,
    schema: 'readPanelEntry (lib/panel.ts)',
    recovery: 'a damaged entry reads as none (the panel follows the active tab)',
  },
  cache: {
    area: 'indexedDB',
    key: 'backlink-lens-cache',
    owner: 'lib/lookup/cache.ts',
    version: 1,
    schema: 'CachedAnswerSchema + the endpoint row’s model (lib/lookup/cache.ts), entry by entry',
    recovery: 'a damaged entry is a miss and is removed by the next write; a database that cannot open: every check is a miss',
  },
} as const satisfies Record<string, StorageKeyInfo>;

/** storage.local keys an older version wrote and this one removes (the cache before it moved to IndexedDB). */
export const LEGACY_LOCAL_KEYS = { cacheIndex: 'cacheIndex', cacheEntryPrefix: 'cache:' } as const;

/** The IndexedDB cache: database name, version, object stores. */
export const CACHE_DB = { name: STORAGE_KEYS.cache.key, version: STORAGE_KEYS.cache.version, entries: 'entries', index: 'index' } as const;

/** storage.local / storage.session keys, as WXT's storage names them (`local:settings`). */
export const LOCAL = {
  settings: `local:${STORAGE_KEYS.settings.key}`,
  credentials: `local:${STORAGE_KEYS.credentials.key}`,
  ledger: `local:${STORAGE_KEYS.ledger.key}`,
  history: `local:${STORAGE_KEYS.history.key}`,
} as const;

export const POPUP_SCOPE_KEY = STORAGE_KEYS.popupScope.key;
export const PANEL_PREFIX = 'panel:';
