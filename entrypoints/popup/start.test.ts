import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { publishStartedCheck, takeStartedCheck } from './start';

const g = globalThis as Record<string, unknown>;
const clearGlobals = () => {
  delete g.__backlinkLensStartedCheck;
  delete g.__backlinkLensStartCheck;
};

describe("the popup's start script", () => {
  beforeEach(() => {
    fakeBrowser.reset();
    clearGlobals();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    clearGlobals();
  });

  it('sends checkTab for the active tab at once; the popup takes that answer once, and Try again sends anew', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7, windowId: 2, url: `  https://a.com/${'x'.repeat(5000)}` }] as never);
    const reply = { ok: true, data: {}, meta: {} };
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(reply as never);
    publishStartedCheck();
    const first = await takeStartedCheck();
    expect(send).toHaveBeenCalledTimes(1);
    expect(first.tab).toMatchObject({ id: 7, windowId: 2 });
    expect(first.url.startsWith('https://a.com/x')).toBe(true);
    expect(first.url.length).toBe(4096);
    expect(send).toHaveBeenCalledWith({ type: 'checkTab', url: first.url });
    expect(first).toMatchObject({ raw: reply, sent: true });
    // Taken once: the next take (Try again) sends a new message through the start script's function.
    await takeStartedCheck();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('a message that cannot be sent and a tab that cannot be read are answers, not throws', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockRejectedValue(new Error('no tabs'));
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('closed'));
    publishStartedCheck();
    expect(await takeStartedCheck()).toEqual({ tab: undefined, url: '', raw: undefined, sent: false });
  });

  it('without the start script (it failed to load) the popup gets "not sent", and sends nothing itself', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    expect(await takeStartedCheck()).toEqual({ tab: undefined, url: '', raw: undefined, sent: false });
    expect(send).not.toHaveBeenCalled();
  });
});
