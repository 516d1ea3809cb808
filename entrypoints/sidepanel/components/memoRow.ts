import { Component, h, type ComponentChildren, type ComponentType } from 'preact';

/**
 * A list row that renders again only when a prop that is data changes (function props are callbacks
 * whose behaviour follows the data props: `onToggle(index)`). While the list scrolls, the virtual list
 * renders its visible rows on every step; with this, only the rows that come into view do their work
 * (safe names and URLs, capped texts) — the others keep what they rendered.
 */
export function memoRow<P extends object>(Row: ComponentType<P>): ComponentType<P> {
  return class MemoRow extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      const prev = this.props as Record<string, unknown>;
      const now = next as Record<string, unknown>;
      for (const k in now) if (typeof now[k] !== 'function' && now[k] !== prev[k]) return true;
      for (const k in prev) if (!(k in now)) return true;
      return false;
    }
    override render(): ComponentChildren {
      return h(Row as ComponentType<object>, this.props);
    }
  };
}
