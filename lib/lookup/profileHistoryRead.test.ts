import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storeCredentials } from '@/lib/credentials';
import { KEY_NAMES } from '@/lib/storage/registry';
import { createLookupService } from './service';
import { fakeClient, gate, profileParams } from '@/tests/helpers/lookup';

/**
 * A profile check answers with the earlier figures of the same target: the history is read while the
 * paid call runs, not after its answer (one storage read less between the answer and the reply).
 */
const T0 = Date.UTC(2026, 5, 10, 12);

describe('profile check: the history is read during the call', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await storeCredentials({ provider: 'dataforseo', login: 'me@example.com', password: 'pw-0123456789abcdef' });
  });

  it('the history key is read before the call answers, and the reply still carries the earlier figures', async () => {
    const params = profileParams('history-read.com');
    // An earlier check of the same target, a day before, with other figures.
    const first = createLookupService({ clientFor: vi.fn(() => fakeClient({ rank: 40 })), now: () => T0 - 86_400_000, random: () => 0, session: 'w0' });
    const firstReply = await first.handle({ type: 'profile', params, mode: 'normal' });
    expect(firstReply.ok).toBe(true);
    // Its history line is written after its reply.
    await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get(KEY_NAMES.history))[KEY_NAMES.history]).toHaveLength(1));

    const g = gate();
    const client = fakeClient({ rank: 47 });
    const profile = client.profile;
    let historyReadsBeforeAnswer = -1;
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const historyReads = () => get.mock.calls.filter((c) => JSON.stringify(c[0] ?? null).includes(KEY_NAMES.history)).length;
    client.profile = async (p) => {
      await g.wait();
      historyReadsBeforeAnswer = historyReads();
      return profile(p);
    };
    // A new worker (no cache of the figures in memory) a day later: the cache entry has expired.
    const service = createLookupService({ clientFor: vi.fn(() => client), now: () => T0 + 86_400_000, random: () => 0, session: 'w1' });
    const asked = service.handle({ type: 'profile', params, mode: 'normal' });
    await vi.waitFor(() => expect(historyReads()).toBeGreaterThan(0));
    g.open();
    const reply = await asked;
    expect(historyReadsBeforeAnswer).toBeGreaterThan(0);
    expect(reply.ok && reply.meta.fromCache).toBe(false);
    expect(reply.ok && reply.meta.earlier).toMatchObject({ fetchedAt: T0 - 86_400_000, rank: 40 });
  });
});
