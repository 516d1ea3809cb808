/**
 * Every place the extension stores something, in one file: area, owner, version and schema.
 * Nothing is stored that is not listed here (lib/storage/corruption.test.ts checks the source
 * for storage keys that are not). Zod-free: pages read their own keys' names from here too.
 *
 * "version" is the stored shape's version: WXT items keep theirs in a `<key>$` meta key
 * (`{ v: n }`) and migrate on read; the others are read back defensively, value by value, and a
 * value that does not pass is dropped and reported (see docs/ARCHITECTURE.md, "Storage").
 */

import { PANEL_PREFIX, POPUP_SCOPE_KEY } from './keys';

export { PANEL_PREFIX, POPUP_SCOPE_KEY };

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

/** The key names alone (the pages import only these, so the table below stays out of their bundles). */
export const KEY_NAMES = {
  settings: 'settings',
  credentials: 'credentials',
  ledger: 'ledger',
  history: 'history',
  /** One item per bulk metric: `bulkFigures:<metric>`. */
  bulkFiguresPrefix: 'bulkFigures:',
} as const;
/** The IndexedDB cache: database name, version, object stores. */
export const CACHE_DB = { name: 'backlink-lens-cache', version: 1, entries: 'entries', index: 'index' } as const;

export const STORAGE_KEYS = {
  settings: {
    area: 'local',
    key: KEY_NAMES.settings,
    owner: 'lib/settings/store.ts',
    version: 2,
    schema: 'SettingsSchema (lib/settings/settings.schema.ts), field by field',
    recovery: 'each field that fails takes its default; not an object: all defaults',
  },
  credentials: {
    area: 'local',
    key: KEY_NAMES.credentials,
    owner: 'lib/credentials.ts',
    version: 1,
    schema: 'CredentialsSchema (lib/credentials.ts); saved in one storage.local write with the provider in use (settings)',
    recovery: 'unusable: no credentials (the options page asks for them again); nothing is spent',
  },
  ledger: {
    area: 'local',
    key: KEY_NAMES.ledger,
    owner: 'lib/lookup/ledger.ts',
    version: 1,
    schema: 'recoverState (lib/lookup/ledgerState.schema.ts), line by line',
    recovery: 'damaged lines, day totals and reservations dropped and counted; not an object: started afresh, reported',
  },
  history: {
    area: 'local',
    key: KEY_NAMES.history,
    owner: 'lib/lookup/history.ts',
    version: 2,
    schema: 'StoredHistoryEntry (lib/lookup/history.ts, v1 lines migrated), line by line',
    recovery: 'damaged lines dropped; not a list: empty history',
  },
  popupScope: {
    area: 'local',
    key: POPUP_SCOPE_KEY,
    owner: 'entrypoints/popup/io.ts',
    version: 1,
    schema: 'readScopeMemory (entrypoints/popup/components/logic.ts)',
    recovery: 'damaged entries dropped; not an object: every site starts on its domain',
  },
  panel: {
    area: 'session',
    key: `${PANEL_PREFIX}*`,
    owner: 'lib/handover/',
    version: 1,
    schema: 'readPanelEntry (lib/handover/receive.ts)',
    recovery: 'a damaged entry reads as none (the panel follows the active tab)',
  },
  bulkFigures: {
    area: 'local',
    key: `${KEY_NAMES.bulkFiguresPrefix}*`,
    owner: 'lib/lookup/bulkStore.ts',
    version: 1,
    schema: 'the figure tuples, row by row (lib/lookup/bulkStore.ts)',
    recovery: 'damaged rows dropped (bought again only on a confirmed run); not an object: empty',
  },
  cache: {
    area: 'indexedDB',
    key: CACHE_DB.name,
    owner: 'lib/lookup/cache.ts',
    version: CACHE_DB.version,
    schema: 'CachedAnswerSchema + the endpoint row’s model (lib/lookup/cache.ts), entry by entry; an entry stamped by this same build skips the model',
    recovery: 'a damaged entry is a miss and is removed by the next write; a database that cannot open: every check is a miss',
  },
} as const satisfies Record<string, StorageKeyInfo>;

/** storage.local keys an older version wrote and this one removes (the cache before it moved to IndexedDB). */
export const LEGACY_LOCAL_KEYS = { cacheIndex: 'cacheIndex', cacheEntryPrefix: 'cache:' } as const;


/** storage.local / storage.session keys, as WXT's storage names them (`local:settings`). */
export const LOCAL = {
  settings: `local:${KEY_NAMES.settings}`,
  credentials: `local:${KEY_NAMES.credentials}`,
  ledger: `local:${KEY_NAMES.ledger}`,
  history: `local:${KEY_NAMES.history}`,
} as const;

