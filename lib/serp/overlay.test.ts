import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { serpPage, serpResultUrls } from '@/tests/sandbox/serp';
import { startOverlay } from './overlay';
import type { SerpReply, SerpRequest } from './protocol';

/**
 * The overlay asks the worker for nothing while the results page is not looked at: a background
 * tab (`visibilityState: hidden`) or a prerendered page (`document.prerendering`). Headless
 * Chromium reports every tab as visible, so this part is proved here, on the sandbox's results page.
 */
function page(state: { visibility: 'visible' | 'hidden'; prerendering: boolean }) {
  const { window, document } = parseHTML(serpPage('www.google.com', '/search?q=trail+shoes')!);
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state.visibility });
  Object.defineProperty(document, 'prerendering', { configurable: true, get: () => state.prerendering });
  const sent: SerpRequest[] = [];
  const send = async (request: SerpRequest): Promise<SerpReply> => {
    sent.push(request);
    return request.step === 'quote'
      ? { ok: true, step: 'quote', mode: 'auto', priceUsd: 0.08, calls: 4 }
      : { ok: true, step: 'run', calls: 4, spentUsd: 0.08, failed: [], figures: request.urls.map((url) => ({ url, domain: new URL(url).hostname, rank: 1, referringDomains: 2, backlinks: 3, spamScore: 4 })) };
  };
  const overlay = startOverlay(window as unknown as Window & typeof globalThis, document as unknown as Document, send);
  return { document, sent, overlay };
}

const settle = () => new Promise((r) => setTimeout(r, 400));

describe('the results overlay spends nothing on a page nobody looks at', () => {
  it('a visible page asks for the price, then (auto mode) for the figures of its organic results', async () => {
    const p = page({ visibility: 'visible', prerendering: false });
    await settle();
    expect(p.sent.map((r) => r.step)).toEqual(['quote', 'run']);
    expect(p.sent[0]!.urls).toEqual(serpResultUrls('trail shoes'));
    p.overlay.stop();
  });

  it.each([
    ['a background tab', { visibility: 'hidden' as const, prerendering: false }, 'visibilitychange'],
    ['a prerendered page', { visibility: 'visible' as const, prerendering: true }, 'prerenderingchange'],
  ])('%s asks for nothing until it is shown', async (_name, initial, event) => {
    const state = { ...initial };
    const p = page(state);
    await settle();
    expect(p.sent).toEqual([]);
    // shown to the user: the same page now asks, once
    state.visibility = 'visible';
    state.prerendering = false;
    p.document.dispatchEvent(new p.document.defaultView!.Event(event));
    await settle();
    expect(p.sent.map((r) => r.step)).toEqual(['quote', 'run']);
    p.overlay.stop();
  });
});
