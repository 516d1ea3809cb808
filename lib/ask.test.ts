import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ask, askWithRetry, isReplyOutline, readReply, resolveTargetRequest } from './ask';

const meta = { cost: 0, fetchedAt: 1, fromCache: false, spentToday: 0 };
/** runtime.sendMessage, typed loosely: what the worker answers is exactly what is under test. */
const sendMessage = () => vi.spyOn(fakeBrowser.runtime, 'sendMessage') as unknown as ReturnType<typeof vi.fn<(m: unknown) => Promise<unknown>>>;

describe('the reply outline pages check', () => {
  it.each([
    [{ ok: true, data: { site: {} }, meta }],
    [{ ok: true, data: [], meta }], // history is a list
    [{ ok: false, error: { kind: 'auth', message: 'No.', retryable: false } }],
    [{ ok: false, error: { kind: 'timeout', message: 'Later.', retryable: true, retryAfter: 3 } }],
  ])('accepts %j', (reply) => {
    expect(isReplyOutline(reply)).toBe(true);
  });

  it.each([
    [undefined],
    [null],
    ['ok'],
    [{}],
    [{ ok: 'true', data: {}, meta }],
    [{ ok: true, data: {} }],
    [{ ok: true, data: null, meta }],
    [{ ok: true, data: 'x', meta }],
    [{ ok: true, data: {}, meta: 5 }],
    [{ ok: false }],
    [{ ok: false, error: 'bad' }],
    [{ ok: false, error: { kind: 1, message: 'No.', retryable: false } }],
    [{ ok: false, error: { kind: 'auth', retryable: false } }],
    [{ ok: false, error: { kind: 'auth', message: 'No.', retryable: 'no' } }],
  ])('refuses %j', (reply) => {
    expect(isReplyOutline(reply)).toBe(false);
  });
});

describe('ask', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('passes a reply in outline through as it came', async () => {
    const reply = { ok: true, data: { today: 1 }, meta };
    const send = sendMessage().mockResolvedValue(reply);
    expect(await ask({ type: 'spend' })).toBe(reply);
    expect(send).toHaveBeenCalledWith({ type: 'spend' });
  });

  it('an answer out of outline or no answer becomes a retryable internal error, never a throw', async () => {
    sendMessage().mockResolvedValueOnce({ ok: true }).mockRejectedValueOnce(new Error('closed'));
    const odd = await ask({ type: 'spend' });
    expect(odd).toMatchObject({ ok: false, error: { kind: 'internal', retryable: true, message: expect.stringMatching(/out of contract/) } });
    const gone = await ask({ type: 'spend' });
    expect(gone).toMatchObject({ ok: false, error: { kind: 'internal', retryable: true, message: expect.stringMatching(/did not answer/) } });
  });

  it('askWithRetry asks once more only after a retryable internal error', async () => {
    const send = sendMessage()
      .mockRejectedValueOnce(new Error('closed'))
      .mockResolvedValueOnce({ ok: true, data: {}, meta });
    expect((await askWithRetry({ type: 'spend' })).ok).toBe(true);
    expect(send).toHaveBeenCalledTimes(2);
    send.mockResolvedValueOnce({ ok: false, error: { kind: 'auth', message: 'No.', retryable: false } });
    expect((await askWithRetry({ type: 'spend' })).ok).toBe(false);
    expect(send).toHaveBeenCalledTimes(3);
  });
});

type SpendRequest = { type: 'spend' };

describe('askWithRetry with a first answer already asked for (the popup start script)', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('uses the first answer as it is, and asks again only when it was a retryable internal error', async () => {
    const send = sendMessage().mockResolvedValue({ ok: true, data: { again: true }, meta });
    const good = { ok: true, data: { first: true }, meta };
    expect(await askWithRetry({ type: 'spend' }, Promise.resolve(readReply<SpendRequest>(good)))).toBe(good);
    expect(send).not.toHaveBeenCalled();
    const lost = await askWithRetry({ type: 'spend' }, Promise.resolve(readReply<SpendRequest>(undefined, false)));
    expect(lost).toMatchObject({ ok: true, data: { again: true } });
    expect(send).toHaveBeenCalledTimes(1);
    const refused = { ok: false, error: { kind: 'auth', message: 'No.', retryable: false } };
    expect(await askWithRetry({ type: 'spend' }, Promise.resolve(readReply<SpendRequest>(refused)))).toBe(refused);
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('resolveTargetRequest', () => {
  it('sends the address trimmed, and cuts one too long to send while keeping it too long to check', () => {
    expect(resolveTargetRequest(' https://a.com/ ')).toEqual({ type: 'resolveTarget', url: 'https://a.com/' });
    expect(resolveTargetRequest(undefined)).toEqual({ type: 'resolveTarget', url: '' });
    const cut = resolveTargetRequest(`https://a.com/${'x'.repeat(10_000)}`).url;
    expect(cut.length).toBe(4096);
    expect(cut.length).toBeGreaterThan(2048);
  });
});
