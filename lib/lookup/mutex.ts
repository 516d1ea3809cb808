/**
 * Runs async sections one at a time (read-modify-write of one storage item). Only orders work
 * inside this worker instance; a restarted worker starts with nothing in progress.
 */
export function createMutex(): <T>(section: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(section: () => Promise<T>): Promise<T> => {
    const run = tail.then(section);
    tail = run.catch(() => undefined);
    return run;
  };
}
