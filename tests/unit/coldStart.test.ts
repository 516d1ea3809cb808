import { describe, expect, test } from 'vitest';

/**
 * The worker starts for almost every event (MV3), and every zod schema its modules build at load is
 * time before its first reply: the schemas only some requests use are built at their first use
 * (lib/lazy.ts). zod calls `__zod_globalConfig.postProcessor` for every schema instance it builds,
 * which is how they are counted here.
 */
type ZodHook = { __zod_globalConfig?: { postProcessor?: (schema: unknown) => void } };

async function counted<T>(load: () => Promise<T>): Promise<{ value: T; built: number }> {
  const hook = globalThis as ZodHook;
  let built = 0;
  const before = hook.__zod_globalConfig;
  hook.__zod_globalConfig = { ...before, postProcessor: () => void built++ };
  try {
    return { value: await load(), built };
  } finally {
    hook.__zod_globalConfig = before;
  }
}

describe('the worker’s start builds only the schemas a first message needs', () => {
  test('loading the worker’s modules builds at most 650 schema instances (1,680 when every schema was built at load)', async () => {
    const { built } = await counted(async () => {
      await import('@/lib/worker');
      await import('@/lib/lookup/service');
      await import('@/lib/links/service');
      await import('@/lib/dataforseo');
    });
    // The count is real (the hook is called), and bounded.
    expect(built).toBeGreaterThan(100);
    expect(built).toBeLessThanOrEqual(650);
  });

  test('a request type’s schema is built at its first message, once; the bulk and link-report schemas only when asked', async () => {
    const messages = await import('@/lib/messages');
    const first = await counted(async () => messages.parseRequest({ type: 'checkTab', url: 'https://example.com/' }));
    expect(first.value.success).toBe(true);
    expect(first.built).toBeGreaterThan(0);
    expect(first.built).toBeLessThan(10);
    const again = await counted(async () => messages.parseRequest({ type: 'checkTab', url: 'https://example.org/' }));
    expect(again.built).toBe(0);
    const bulk = await counted(async () => messages.parseRequest({ type: 'bulkQuote', targets: ['example.com'], metrics: ['rank'] }));
    expect(bulk.value.success).toBe(true);
    expect(bulk.built).toBeGreaterThan(10);
  });
});
