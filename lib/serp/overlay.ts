import { formatCount, formatMoney } from '@/lib/format';
import { t } from '@/lib/i18n';
import { extractResults } from './extract';
import { MAX_SERP_URLS } from './hosts';
import { SERP_MESSAGE, type SerpFigures, type SerpReply, type SerpRequest } from './protocol';

/**
 * The results-page overlay (runs in the content script, entrypoints/serp.ts): a header with the
 * page's price (and, in "ask" mode, the button that buys it) and under each organic result one
 * line of the domain's figures, each in a closed shadow root. A MutationObserver picks up results
 * Google adds or re-renders; a block gets one line at most. Nothing is asked while the page is
 * prerendered or hidden. Only the result URLs leave the page; figures are set as text.
 */

export type Send = (request: SerpRequest) => Promise<SerpReply>;

const LINE_ATTR = 'data-backlink-lens';
const STYLE = `:host{all:initial;display:block}
.l{font:12px/1.5 system-ui,sans-serif;color:#4d5156;margin:2px 0 6px}
.h{font:13px/1.5 system-ui,sans-serif;color:#202124;margin:0 0 10px;display:flex;gap:8px;align-items:center}
button{font:inherit;cursor:pointer}`;

interface Line {
  url: string;
  host: HTMLElement;
  text: HTMLElement;
}

export function startOverlay(win: Window & typeof globalThis, doc: Document, send: Send): { stop: () => void; scan: () => void } {
  const figures = new Map<string, SerpFigures>();
  const lines: Line[] = [];
  const blocks = new WeakSet<Element>();
  let pending = new Set<string>();
  let busy = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let header: { host: HTMLElement; text: HTMLElement; button: HTMLButtonElement } | null = null;

  function shadowHost(tag: string): { host: HTMLElement; root: ShadowRoot } {
    const host = doc.createElement(tag);
    host.setAttribute(LINE_ATTR, '');
    const root = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = STYLE;
    root.append(style);
    return { host, root };
  }

  function ensureHeader(): { text: HTMLElement; button: HTMLButtonElement } | null {
    const anchor = doc.querySelector('#search') ?? doc.querySelector('#rso');
    if (!anchor) return null;
    if (header) {
      // a re-render may have taken the header out: put it back
      if (!header.host.isConnected) anchor.before(header.host);
      return header;
    }
    const { host, root } = shadowHost('backlink-lens-header');
    const box = doc.createElement('div');
    box.className = 'h';
    const text = doc.createElement('span');
    const button = doc.createElement('button');
    button.type = 'button';
    button.hidden = true;
    box.append(text, button);
    root.append(box);
    anchor.before(host);
    header = { host, text, button };
    return header;
  }

  function lineText(f: SerpFigures | undefined): string {
    if (!f) return t('overlaySerpWaiting');
    if (!f.domain) return t('overlaySerpNotSite');
    return t('overlaySerpLine', f.domain, formatCount(f.rank), formatCount(f.referringDomains), formatCount(f.backlinks), formatCount(f.spamScore));
  }

  function paint(): void {
    for (const line of lines) line.text.textContent = lineText(figures.get(line.url));
  }

  function scan(): void {
    const results = extractResults(doc, doc.location?.href ?? 'https://www.google.com/');
    for (const r of results) {
      if (blocks.has(r.block) || r.block.querySelector(`[${LINE_ATTR}]`)) continue;
      blocks.add(r.block);
      const { host, root } = shadowHost('backlink-lens-line');
      const text = doc.createElement('div');
      text.className = 'l';
      root.append(text);
      r.block.append(host);
      lines.push({ url: r.url, host, text });
      if (!figures.has(r.url)) pending.add(r.url);
    }
    // lines whose block left the page are dropped
    for (let i = lines.length - 1; i >= 0; i--) if (!lines[i]!.host.isConnected) lines.splice(i, 1);
    paint();
    if (pending.size > 0) schedule();
  }

  const visible = () => doc.visibilityState === 'visible' && !(doc as Document & { prerendering?: boolean }).prerendering;

  function schedule(): void {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void fetchPending();
    }, 250);
  }

  async function fetchPending(): Promise<void> {
    if (busy || pending.size === 0) return;
    if (!visible()) return; // picked up again on visibilitychange / prerenderingchange
    const urls = [...pending].slice(0, MAX_SERP_URLS);
    busy = true;
    try {
      const quote = await send({ type: SERP_MESSAGE, urls, step: 'quote' });
      const h = ensureHeader();
      if (!quote.ok) {
        if (h) h.text.textContent = t('overlaySerpError', quote.error.message);
        return;
      }
      if (quote.step !== 'quote') return;
      if (h) h.text.textContent = t('overlaySerpPrice', formatMoney(quote.priceUsd));
      if (quote.calls === 0 || quote.mode === 'auto') {
        await run(urls);
        return;
      }
      if (!h) return;
      h.button.hidden = false;
      h.button.textContent = t('overlaySerpBuy', formatMoney(quote.priceUsd));
      h.button.onclick = (event: MouseEvent) => {
        // A page script can dispatch clicks on any element; only the user's own click buys.
        if (!event.isTrusted) return;
        h.button.hidden = true;
        h.button.onclick = null;
        void run(urls, quote.priceUsd);
      };
    } finally {
      busy = false;
    }
  }

  async function run(urls: string[], maxPriceUsd?: number): Promise<void> {
    const reply = await send({ type: SERP_MESSAGE, urls, step: 'run', ...(maxPriceUsd === undefined ? {} : { maxPriceUsd }) });
    const h = ensureHeader();
    if (!reply.ok || reply.step !== 'run') {
      if (h && !reply.ok) h.text.textContent = t('overlaySerpError', reply.error.message);
      return;
    }
    for (const f of reply.figures) figures.set(f.url, f);
    for (const u of urls) pending.delete(u);
    if (h) h.text.textContent = `${t('overlaySerpCost', formatMoney(reply.spentUsd))}${reply.failed.length ? ` · ${reply.failed.join(' ')}` : ''}`;
    paint();
    if (pending.size > 0) schedule();
  }

  const observer = new win.MutationObserver((records: MutationRecord[]) => {
    // our own lines do not count as changes
    if (records.every((r) => Array.from(r.addedNodes).every((n) => n instanceof win.Element && n.hasAttribute(LINE_ATTR)))) return;
    scan();
  });
  observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
  const onVisible = () => {
    if (visible() && pending.size > 0) schedule();
  };
  doc.addEventListener('visibilitychange', onVisible);
  doc.addEventListener('prerenderingchange', onVisible);
  scan();

  return {
    scan,
    stop: () => {
      observer.disconnect();
      doc.removeEventListener('visibilitychange', onVisible);
      doc.removeEventListener('prerenderingchange', onVisible);
      if (timer !== null) clearTimeout(timer);
      pending = new Set();
    },
  };
}
