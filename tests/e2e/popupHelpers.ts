/**
 * Helpers the real-popup specs share: waiting on the popup, and asking the sandbox again for the
 * very request the extension sent (to compare what the popup shows with what the API answered).
 */
import { DEFAULT_CREDENTIALS, type RecordedRequest } from '../sandbox/server.ts';
import type { RealPopup, World } from './harness.ts';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` (a throw counts as not yet) until it gives a value, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T>, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Both parts arrived: the profile's rank tile and the anchors table (or its empty line), nothing busy. */
export const settled = (p: RealPopup, timeoutMs?: number) =>
  waitFor(
    'the popup to settle',
    () =>
      p.evaluate<boolean>(
        // The details' figures come with the after-paint chunk: settled once they are there too.
        `!!document.querySelector('[data-testid=rank]') && !!document.querySelector('[data-testid=anchors-table], [data-testid=anchors-empty]') && !document.querySelector('[aria-busy=true]') && (!document.querySelector('[data-testid=details]') || !!document.querySelector('[data-testid=details] .p-facts'))`,
      ),
    timeoutMs,
  );

/** The first result the sandbox answers now for the very request the extension sent. */
export async function replay(world: World, call: RecordedRequest): Promise<Record<string, any>> {
  const auth = Buffer.from(`${DEFAULT_CREDENTIALS.login}:${DEFAULT_CREDENTIALS.password}`).toString('base64');
  const res = await fetch(`http://127.0.0.1:${world.sandbox.port}${call.path}`, {
    method: 'POST',
    headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(call.body),
  });
  const json = (await res.json()) as { tasks: { result: Record<string, any>[] }[] };
  return json.tasks[0]!.result[0]!;
}
