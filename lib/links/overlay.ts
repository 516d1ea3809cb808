import { t } from '@/lib/i18n';
import { LINK_KINDS, kindOf, type LinkKind, type RawLink, type SkipCounts, type DropCounts } from './report';

/**
 * The highlight of the page's links: one host element appended to <html> with a CLOSED shadow root
 * holding one style sheet, an outline box per visible link (positioned over it, never on it) and a
 * legend with the counts and an off switch. Nothing is set on the page's own elements, so removing
 * the host leaves the page exactly as it was. The page's CSS does not reach into the shadow root
 * (`:host { all: initial }` stops inheritance), and ours does not leave it.
 */

export const HOST_TAG = 'backlink-lens-links';
/** Where the handle of the current highlight is kept, in the extension's isolated world of the tab. */
export const STATE_KEY = '__backlinkLensLinkScan';

function kindLabel(kind: LinkKind): string {
  return kind === 'follow' ? t('overlayKindFollow') : kind === 'nofollow' ? t('overlayKindNofollow') : kind === 'ugc' ? t('overlayKindUgc') : t('overlayKindSponsored');
}
export const KIND_COLOR: Record<LinkKind, string> = { follow: '#16a34a', nofollow: '#dc2626', ugc: '#d97706', sponsored: '#7c3aed' };

export interface OverlayHandle {
  remove(): void;
  /** The shadow root (closed: only the extension's isolated world holds it). */
  root: ShadowRoot;
  host: HTMLElement;
}

export interface OverlayInput {
  links: RawLink[];
  elements: Element[];
  skipped: SkipCounts;
  dropped: DropCounts;
}

type Fn = (...args: never[]) => unknown;
const apply = Reflect.apply;

const CSS = `
:host { all: initial !important; position: absolute !important; left: 0 !important; top: 0 !important;
  width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483647 !important;
  pointer-events: none !important; display: block !important; contain: style !important; }
.boxes { position: absolute; left: 0; top: 0; width: 0; height: 0; }
.box { position: absolute; box-sizing: border-box; border: 2px solid; border-radius: 2px; pointer-events: none; }
${LINK_KINDS.map((k) => `.k-${k} { border-color: ${KIND_COLOR[k]}; } .sw.k-${k} { background: ${KIND_COLOR[k]}; }`).join('\n')}
.legend { position: fixed; right: 12px; bottom: 12px; pointer-events: auto; background: #fff; color: #111;
  font: 13px/1.4 system-ui, sans-serif; border: 1px solid #bbb; border-radius: 8px; padding: 10px 12px;
  box-shadow: 0 4px 16px rgba(0,0,0,.25); max-width: 280px; text-align: left; direction: ltr; }
.title { font-weight: 600; margin: 0 0 6px; }
ul { list-style: none; margin: 0 0 6px; padding: 0; }
li { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.sw { display: inline-block; width: 12px; height: 12px; border-radius: 3px; }
.n { margin-left: auto; font-variant-numeric: tabular-nums; font-weight: 600; }
.note { color: #555; font-size: 12px; margin: 0 0 8px; }
button { font: inherit; padding: 3px 10px; border-radius: 6px; border: 1px solid #888; background: #f4f4f4; color: #111; cursor: pointer; }
`;

/** Draws the highlight; returns its handle. `onRemove` runs once when it is taken down. */
export function drawOverlay(win: Window, doc: Document, input: OverlayInput, onRemove: () => void): OverlayHandle {
  const W = win as unknown as { Document: { prototype: Document }; Element: { prototype: Element }; Node: { prototype: Node }; EventTarget: { prototype: EventTarget } };
  const createElement = W.Document.prototype.createElement as Fn;
  const attachShadow = W.Element.prototype.attachShadow as Fn;
  const appendChild = W.Node.prototype.appendChild as Fn;
  const rectOf = W.Element.prototype.getBoundingClientRect as Fn;
  const addListener = W.EventTarget.prototype.addEventListener as Fn;
  const removeListener = W.EventTarget.prototype.removeEventListener as Fn;
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K): HTMLElementTagNameMap[K] => apply(createElement, doc, [tag] as never[]) as HTMLElementTagNameMap[K];
  const add = (parent: Node, child: Node) => apply(appendChild, parent, [child] as never[]);

  const host = apply(createElement, doc, [HOST_TAG] as never[]) as HTMLElement;
  const root = apply(attachShadow, host, [{ mode: 'closed' }] as never[]) as ShadowRoot;
  const style = make('style');
  style.textContent = CSS;
  add(root, style);
  const boxes = make('div');
  boxes.className = 'boxes';
  add(root, boxes);

  const drawBoxes = () => {
    // Read every box first, then write: one layout for the whole page.
    const sx = win.scrollX;
    const sy = win.scrollY;
    const rects: { r: DOMRect; kind: LinkKind }[] = [];
    for (let i = 0; i < input.elements.length; i++) {
      const link = input.links[i];
      const el = input.elements[i];
      if (!link || !el || link.hidden) continue;
      let r: DOMRect;
      try {
        r = apply(rectOf, el, []) as DOMRect;
      } catch {
        continue;
      }
      if (!(r.width > 0 && r.height > 0)) continue;
      rects.push({ r, kind: kindOf(link.rel) });
    }
    boxes.textContent = '';
    for (const { r, kind } of rects) {
      const b = make('div');
      b.className = `box k-${kind}`;
      b.style.cssText = `left:${r.left + sx - 2}px;top:${r.top + sy - 2}px;width:${r.width + 4}px;height:${r.height + 4}px`;
      add(boxes, b);
    }
  };

  const counts: Record<LinkKind, number> = { follow: 0, nofollow: 0, ugc: 0, sponsored: 0 };
  let hidden = 0;
  for (const l of input.links) {
    counts[kindOf(l.rel)]++;
    if (l.hidden) hidden++;
  }
  const skipped = Object.values(input.skipped).reduce((a, b) => a + b, 0);
  const dropped = input.dropped.tooLong + input.dropped.overLimit;

  const legend = make('div');
  legend.className = 'legend';
  legend.setAttribute('role', 'region');
  legend.setAttribute('aria-label', t('overlayLinksRegion'));
  const title = make('div');
  title.className = 'title';
  title.textContent = t('overlayLinksTitle', input.links.length.toLocaleString('en-US'));
  add(legend, title);
  const ul = make('ul');
  for (const k of LINK_KINDS) {
    const li = make('li');
    li.dataset.kind = k;
    const sw = make('span');
    sw.className = `sw k-${k}`;
    const label = make('span');
    label.textContent = kindLabel(k);
    const n = make('span');
    n.className = 'n';
    n.textContent = counts[k].toLocaleString('en-US');
    add(li, sw);
    add(li, label);
    add(li, n);
    add(ul, li);
  }
  add(legend, ul);
  const note = make('div');
  note.className = 'note';
  const parts = [t('overlayLinksHidden', hidden.toLocaleString('en-US')), t('overlayLinksSkipped', skipped.toLocaleString('en-US'))];
  if (dropped > 0) parts.push(t('overlayLinksDropped', dropped.toLocaleString('en-US')));
  note.textContent = parts.join(' · ');
  add(legend, note);
  const off = make('button');
  off.type = 'button';
  off.dataset.action = 'off';
  off.textContent = t('overlayLinksOff');
  add(legend, off);
  add(root, legend);

  let frame = 0;
  const onResize = () => {
    if (frame) return;
    frame = win.requestAnimationFrame(() => {
      frame = 0;
      drawBoxes();
    });
  };
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    if (frame) win.cancelAnimationFrame(frame);
    apply(removeListener, win, ['resize', onResize] as never[]);
    host.remove();
    onRemove();
  };
  // Only a real click: a page cannot reach into the closed root, and a synthetic event is ignored.
  apply(addListener, off, ['click', (e: Event) => e.isTrusted && remove()] as never[]);
  apply(addListener, win, ['resize', onResize, { passive: true }] as never[]);

  drawBoxes();
  add(doc.documentElement, host);
  return { remove, root, host };
}
