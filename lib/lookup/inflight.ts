/**
 * Identical requests made while one is in flight share it: one API call, one charge.
 * The map lives only as long as the worker; that is all it needs (a stopped worker has nothing in flight).
 */
export interface Shared<T> {
  value: T;
  /** false for the request that started the work; true for every request that joined it. */
  shared: boolean;
}

export interface Inflight {
  run<T>(key: string, work: () => Promise<T>): Promise<Shared<T>>;
  /** Keys currently in flight (for tests and diagnostics). */
  size(): number;
}

export function createInflight(): Inflight {
  const running = new Map<string, Promise<unknown>>();
  return {
    async run<T>(key: string, work: () => Promise<T>): Promise<Shared<T>> {
      const existing = running.get(key) as Promise<T> | undefined;
      if (existing) return { value: await existing, shared: true };
      const started = (async () => work())();
      running.set(key, started);
      try {
        return { value: await started, shared: false };
      } finally {
        if (running.get(key) === started) running.delete(key);
      }
    },
    size: () => running.size,
  };
}
