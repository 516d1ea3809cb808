import {
  MAX_EXAMINED,
  MAX_HOST,
  MAX_HREF,
  MAX_LINKS,
  MAX_REPORT_CHARS,
  MAX_TEXT,
  REL_TOKENS,
  emptySkipCounts,
  type DropCounts,
  type RawLink,
  type RelToken,
  type SkipCounts,
  type SkipKind,
} from './report';

/**
 * The link collector of the injected script. It runs in the page's tab (the extension's isolated
 * world), so it imports nothing but constants. Every DOM function it calls is captured once, when
 * `captureDom` runs at injection time, and called through `Reflect.apply`; its work is bounded
 * (MAX_EXAMINED anchors looked at, MAX_LINKS kept, MAX_REPORT_CHARS characters).
 */

type Fn = (...args: never[]) => unknown;

export interface CapturedDom {
  anchors(doc: Document): ArrayLike<Element>;
  /** The alt text of the first image inside a link. */
  imageAlt(el: Element): string | null;
  attr(el: Element, name: string): string | null;
  text(el: Element): string;
  baseUri(doc: Document): string;
  hidden(el: Element): boolean;
}

/** The window globals the collector needs (the real window, or a test document's). */
export interface DomWindow {
  Document: { prototype: Document };
  Element: { prototype: Element };
  Node: { prototype: Node };
}

const apply = Reflect.apply;
const getter = (proto: object, name: string): Fn | null => {
  for (let p: object | null = proto; p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return (d.get as Fn | undefined) ?? null;
  }
  return null;
};

/**
 * Captures the DOM functions now. `hidden` may be given (a test document has no layout); otherwise
 * a link is hidden when the browser says it is not visible or it has no box at all.
 */
export function captureDom(win: DomWindow, hidden?: (el: Element) => boolean): CapturedDom {
  const qsa = win.Document.prototype.querySelectorAll as Fn;
  const getAttribute = win.Element.prototype.getAttribute as Fn;
  // From Element.prototype up: browsers define it on Node.prototype, some DOMs again lower down.
  const textContent = getter(win.Element.prototype, 'textContent');
  const querySelector = win.Element.prototype.querySelector as Fn;
  const baseURI = getter(win.Node.prototype, 'baseURI');
  const checkVisibility = (win.Element.prototype as { checkVisibility?: Fn }).checkVisibility;
  const getClientRects = win.Element.prototype.getClientRects as Fn | undefined;
  const defaultHidden = (el: Element): boolean => {
    try {
      if (typeof checkVisibility === 'function' && !apply(checkVisibility, el, [{ checkOpacity: true, checkVisibilityCSS: true }] as never[])) return true;
      if (typeof getClientRects === 'function') return (apply(getClientRects, el, []) as DOMRectList).length === 0;
      return false;
    } catch {
      return false;
    }
  };
  return {
    anchors: (doc) => apply(qsa, doc, ['a[href], area[href]'] as never[]) as ArrayLike<Element>,
    attr: (el, name) => {
      const v = apply(getAttribute, el, [name] as never[]);
      return typeof v === 'string' ? v : null;
    },
    imageAlt: (el) => {
      const img = apply(querySelector, el, ['img[alt]'] as never[]) as Element | null;
      const v = img ? apply(getAttribute, img, ['alt'] as never[]) : null;
      return typeof v === 'string' ? v : null;
    },
    text: (el) => {
      const v = textContent ? apply(textContent, el, []) : '';
      return typeof v === 'string' ? v : '';
    },
    baseUri: (doc) => {
      const v = baseURI ? apply(baseURI, doc, []) : '';
      return typeof v === 'string' ? v : '';
    },
    hidden: hidden ?? defaultHidden,
  };
}

/** White space collapsed, trimmed, at most MAX_TEXT characters (never half a surrogate pair). */
export function cleanText(raw: string): string {
  // Look at a bounded prefix only: a megabyte of text must not cost a megabyte of work.
  const t = raw.slice(0, MAX_TEXT * 4 + 64).replace(/\s+/g, ' ').trim();
  if (t.length <= MAX_TEXT) return t;
  let cut = t.slice(0, MAX_TEXT);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/** The rel tokens that matter, lowercased, each once, in REL_TOKENS order. */
export function relTokens(rel: string | null): RelToken[] {
  if (!rel) return [];
  const seen = new Set(rel.slice(0, 1000).toLowerCase().split(/[\s]+/));
  return REL_TOKENS.filter((t) => seen.has(t));
}

const PHONE = new Set(['tel:', 'sms:', 'callto:', 'facetime:', 'skype:']);

/** An anchor's href → the resolved web URL, or why it is skipped. */
export function classifyHref(raw: string, base: string): { url: URL } | { skip: SkipKind } | { tooLong: true } {
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return { skip: 'fragment' };
  if (trimmed.length > MAX_HREF * 2) return { tooLong: true };
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return { skip: 'other' };
  }
  const p = url.protocol;
  if (p === 'javascript:') return { skip: 'script' };
  if (p === 'mailto:') return { skip: 'mail' };
  if (PHONE.has(p)) return { skip: 'phone' };
  if (p !== 'http:' && p !== 'https:') return { skip: 'other' };
  if (url.href.length > MAX_HREF || url.hostname.length > MAX_HOST) return { tooLong: true };
  return { url };
}

export interface Collected {
  links: RawLink[];
  /** The element of each kept link, in the same order (for the highlight). */
  elements: Element[];
  skipped: SkipCounts;
  dropped: DropCounts;
}

/** A link's words: its text, else its aria-label, an image's alt, its title or (an area's) alt. */
function linkText(dom: CapturedDom, el: Element): string {
  const own = cleanText(dom.text(el));
  if (own) return own;
  for (const v of [dom.attr(el, 'aria-label'), dom.imageAlt(el), dom.attr(el, 'title'), dom.attr(el, 'alt')]) {
    if (v && v.trim()) return cleanText(v);
  }
  return '';
}

export function collectLinks(doc: Document, dom: CapturedDom): Collected {
  const list = dom.anchors(doc);
  const total = list.length >>> 0;
  const base = dom.baseUri(doc);
  const links: RawLink[] = [];
  const elements: Element[] = [];
  const skipped = emptySkipCounts();
  const dropped: DropCounts = { tooLong: 0, overLimit: 0 };
  let chars = 0;
  const n = Math.min(total, MAX_EXAMINED);
  for (let i = 0; i < n; i++) {
    const el = list[i];
    if (!el) continue;
    const got = classifyHref(dom.attr(el, 'href') ?? '', base);
    if ('skip' in got) {
      skipped[got.skip]++;
      continue;
    }
    if ('tooLong' in got) {
      dropped.tooLong++;
      continue;
    }
    if (links.length >= MAX_LINKS) {
      dropped.overLimit++;
      continue;
    }
    const href = got.url.href;
    const text = linkText(dom, el);
    if (chars + href.length + text.length > MAX_REPORT_CHARS) {
      dropped.overLimit++;
      continue;
    }
    chars += href.length + text.length;
    links.push({ href, host: got.url.hostname, rel: relTokens(dom.attr(el, 'rel')), text, hidden: dom.hidden(el) });
    elements.push(el);
  }
  // Anchors past MAX_EXAMINED are not looked at: counted as dropped, whatever they are.
  dropped.overLimit += total - n;
  return { links, elements, skipped, dropped };
}
