import { browser } from 'wxt/browser';

/**
 * A value read from storage.local, held in memory by the worker until one of its keys changes.
 * The hot path (a cache hit) then costs no storage read for settings, credentials or today's
 * spend. Invalidated by `storage.onChanged` (a write by any context) and by the owner's own writes
 * (`set` / `clear`, so a read right after a write never sees the value from before it).
 *
 * The listener is checked on every read: a memo whose listener is gone (never added yet, or removed
 * by a test's fake-browser reset) forgets its value first, so it is never trusted unwatched.
 */
export interface StorageMemo<T> {
  get(): Promise<T>;
  /** Hold `value` (the owner just wrote it). */
  set(value: T): void;
  /** Forget the value: the next get reads storage. */
  clear(): void;
}

/**
 * `keys`: the storage.local keys (as stored, without WXT's `local:` prefix) the value is made of.
 * `fromChange`: for a one-key value, the value made from the change's new value (no read needed);
 * without it, a change makes the next get read storage again.
 */
export function storageMemo<T>(
  keys: readonly string[],
  load: () => Promise<T>,
  fromChange?: (newValue: unknown) => T,
): StorageMemo<T> {
  let held: Promise<T> | null = null;
  /** The new value of the last change, made into T only when it is asked for. */
  let changed: { raw: unknown } | null = null;
  const listener = (changes: Record<string, { newValue?: unknown } | undefined>, area: string) => {
    if (area !== 'local' || !keys.some((k) => Object.hasOwn(changes, k))) return;
    held = null;
    changed = fromChange && keys.length === 1 ? { raw: changes[keys[0]!]?.newValue } : null;
  };

  function watching(): boolean {
    const event = browser.storage?.onChanged;
    if (!event) return false;
    if (!event.hasListener(listener)) {
      event.addListener(listener);
      held = null;
      changed = null;
    }
    return true;
  }

  return {
    get() {
      if (!watching()) return load();
      if (held) return held;
      if (changed && fromChange) {
        const { raw } = changed;
        changed = null;
        try {
          held = Promise.resolve(fromChange(raw));
          return held;
        } catch {
          held = null;
        }
      }
      const loading = load();
      held = loading;
      // A failed read is not remembered.
      loading.catch(() => {
        if (held === loading) held = null;
      });
      return loading;
    },
    set(value) {
      changed = null;
      held = watching() ? Promise.resolve(value) : null;
    },
    clear() {
      changed = null;
      held = null;
    },
  };
}
