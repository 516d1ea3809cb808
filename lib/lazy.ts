/**
 * A record whose values are built on first read and kept: `lazyRecord({ a: () => build() })` reads
 * like `{ a: build() }` but builds nothing until `.a` is read. The worker's schemas use it so that its
 * start (MV3 starts it for almost every event) builds only the schemas the first message needs.
 */
export function lazyRecord<T extends Record<string, () => unknown>>(thunks: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const out = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const key of Object.keys(thunks) as (keyof T)[]) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = thunks[key]!() as ReturnType<T[typeof key]>;
        Object.defineProperty(out, key, { value, enumerable: true, writable: false, configurable: false });
        return value;
      },
    });
  }
  return out;
}

/** A value built on the first call and kept. */
export function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}
