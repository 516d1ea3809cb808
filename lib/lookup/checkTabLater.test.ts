import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storeCredentials } from '@/lib/credentials';
import { TOP_ANCHORS } from '@/lib/defaults';
import type { Request } from '@/lib/messages';
import { createLedger } from './ledger';
import { popupParams } from './checkTab';
import { ANCHORS_GRACE_MS } from './handlers/lookups';
import { createLookupService } from './service';
import { cost, fakeClient, gate } from '@/tests/helpers/lookup';

/**
 * The popup's checkTab on a miss: the profile goes out as soon as it is there; anchors still coming
 * then follow with a token (checkTabPart), the answer of that same call, never a second one.
 */
const T0 = Date.UTC(2026, 5, 10, 12);
const URL_ = 'https://www.later-site.com/page';

/**
 * A worker whose anchors calls wait for `anchorsGate`; `started` counts anchors calls begun. Profiles
 * answer at once, or with `profileAfterAnchors` only once an anchors call has begun (had checkTab
 * begun the anchors call after the profile's answer, the profile would never answer: the test times out).
 */
function worker(session: string, anchorsGate?: () => Promise<void>, profileAfterAnchors = false) {
  const client = fakeClient();
  const anchors = client.anchors;
  const profile = client.profile;
  const started = { anchors: 0 };
  let anchorsBegun!: () => void;
  const begun = new Promise<void>((resolve) => (anchorsBegun = resolve));
  client.anchors = async (p) => {
    started.anchors++;
    anchorsBegun();
    if (anchorsGate) await anchorsGate();
    return anchors(p);
  };
  if (profileAfterAnchors) {
    client.profile = async (p) => {
      await begun;
      return profile(p);
    };
  }
  const service = createLookupService({ clientFor: vi.fn(() => client), now: () => T0, random: () => 0, session });
  return { service, client, started };
}

const part = (token: string): Request => ({ type: 'checkTabPart', token, url: URL_ });

describe('checkTab: the profile first, the anchors of the same call after it', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await storeCredentials({ provider: 'dataforseo', login: 'me@example.com', password: 'pw-0123456789abcdef' });
  });

  it('anchors slower than the profile: the reply carries the profile and a token; the token brings that call’s anchors and cost; 2 calls in all', async () => {
    const g = gate();
    // Both calls are begun at once: the profile answers only after the anchors call has begun.
    const { service, client, started } = worker('w1', g.wait, true);
    const reply = await service.handle({ type: 'checkTab', url: URL_ });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.data.profile?.ok).toBe(true);
    expect(reply.data.anchors).toBeNull();
    expect(typeof reply.data.anchorsLater).toBe('string');
    // The reply's cost is the profile's; the anchors' call is running (it started with the profile's).
    expect(reply.meta.cost).toBe(cost(1));
    expect(started.anchors).toBe(1);

    const asked = service.handle(part(reply.data.anchorsLater!));
    g.open();
    const anchors = await asked;
    expect(anchors.ok).toBe(true);
    if (!anchors.ok || !('items' in anchors.data)) throw new Error('no anchors');
    expect(anchors.meta.fromCache).toBe(false);
    expect(anchors.data.items.length).toBe(TOP_ANCHORS);
    expect(anchors.meta.cost).toBe(cost(TOP_ANCHORS));
    expect(client.total()).toBe(2);
    expect((await createLedger().summary(T0)).committedToday).toBeCloseTo(cost(1) + cost(TOP_ANCHORS), 8);

    // The token is taken once: asked again, it is a normal request, from the cache (nothing bought).
    const again = await service.handle(part(reply.data.anchorsLater!));
    expect(again.ok && again.meta.fromCache).toBe(true);
    expect(client.total()).toBe(2);
  });

  it('a hit: profile and anchors from the cache in one reply, no token, nothing bought', async () => {
    const { service, client } = worker('w1');
    const miss = await service.handle({ type: 'checkTab', url: URL_ });
    if (miss.ok && miss.data.anchorsLater) await service.handle(part(miss.data.anchorsLater));
    expect(client.total()).toBe(2);
    const hit = await service.handle({ type: 'checkTab', url: URL_ });
    expect(hit.ok && hit.data.profile?.ok && hit.data.profile.meta.fromCache).toBe(true);
    expect(hit.ok && hit.data.anchors?.ok && hit.data.anchors.meta.fromCache).toBe(true);
    expect(hit.ok && hit.data.anchorsLater).toBeUndefined();
    expect(hit.ok && hit.meta.cost).toBe(0);
    expect(client.total()).toBe(2);
  });

  it('a hit whose anchors read is slow waits for them up to the grace only', async () => {
    const { service, client } = worker('w1');
    const miss = await service.handle({ type: 'checkTab', url: URL_ });
    if (miss.ok && miss.data.anchorsLater) await service.handle(part(miss.data.anchorsLater));
    // The cache cleared and only the profile bought again: the anchors need a call, held longer than the grace.
    const g = gate();
    client.anchors = ((orig) => async (p: Parameters<typeof orig>[0]) => {
      await g.wait();
      return orig(p);
    })(client.anchors);
    await service.handle({ type: 'clearCache' });
    if (!miss.ok) throw new Error('no miss reply');
    await service.handle({ type: 'profile', params: popupParams(miss.data.site, 'domain', miss.data.settings).profile, mode: 'normal' });
    const started = Date.now();
    const hit = await service.handle({ type: 'checkTab', url: URL_ });
    expect(Date.now() - started).toBeGreaterThanOrEqual(ANCHORS_GRACE_MS - 5);
    expect(hit.ok && hit.data.profile?.ok && hit.data.profile.meta.fromCache).toBe(true);
    expect(hit.ok && hit.data.anchors).toBeNull();
    expect(hit.ok && typeof hit.data.anchorsLater).toBe('string');
    g.open();
    const anchors = await service.handle(part(hit.ok ? hit.data.anchorsLater! : ''));
    expect(anchors.ok && anchors.meta.fromCache).toBe(false);
  });

  it('the worker stopped while the anchors were bought: its successor does not know the token and buys nothing (answer-lost)', async () => {
    const never = gate();
    const first = worker('worker-1', never.wait);
    const reply = await first.service.handle({ type: 'checkTab', url: URL_ });
    expect(reply.ok && reply.data.anchorsLater).toBeTruthy();
    if (!reply.ok) return;

    const second = worker('worker-2');
    const got = await second.service.handle(part(reply.data.anchorsLater!));
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.error.kind).toBe('answer-lost');
    expect(second.started.anchors).toBe(0);
  });

  it('a token this worker never gave out asks what checkTab asked: a cached answer is served free', async () => {
    const { service, client } = worker('w1');
    const first = await service.handle({ type: 'checkTab', url: URL_ });
    if (first.ok && first.data.anchorsLater) await service.handle(part(first.data.anchorsLater));
    expect(client.total()).toBe(2);
    const got = await service.handle(part('not-a-token-of-ours'));
    expect(got.ok && got.meta.fromCache).toBe(true);
    expect(client.total()).toBe(2);
  });

  it('a refused address in a part is refused, nothing bought', async () => {
    const { service, client } = worker('w1');
    const got = await service.handle({ type: 'checkTabPart', token: 'x', url: 'chrome://settings/' });
    expect(!got.ok && got.error.kind).toBe('unsupported-target');
    expect(client.total()).toBe(0);
  });
});
