import type { ComponentChildren, VNode } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useVirtualizer } from './useVirtualizer';

export interface VirtualListProps<T> {
  items: readonly T[];
  /** Expected height of a collapsed row, px (real heights are measured). */
  estimate: number;
  renderRow: (item: T, index: number) => VNode;
  /** Changes whenever the list is replaced (new target, sort or filter): scrolls back to the top. */
  listKey: string;
  label: string;
  /** data-testid of each row element. */
  rowTestId?: string;
  /** Below the rows, inside the scrolling area (e.g. "Load more"). */
  footer?: ComponentChildren;
  overscan?: number;
  /** Extra class of the scrolling element. */
  class?: string;
}

/**
 * A scrolling list that keeps only the visible rows (plus a few above and below) in the DOM,
 * however many are loaded. Rows may change height (expanded details); they are measured.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { items, listKey } = props;
  const virtualizer = useVirtualizer<HTMLDivElement>({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => props.estimate,
    overscan: props.overscan ?? 6,
    getItemKey: (index) => `${listKey}:${index}`,
  });

  useEffect(() => {
    const el = scrollRef.current;
    if (el) el.scrollTop = 0;
  }, [listKey]);

  const rows = virtualizer.getVirtualItems();
  return (
    <div class={props.class ? `vlist ${props.class}` : 'vlist'} ref={scrollRef} data-testid="list-scroll">
      <div class="vlist-inner" role="list" aria-label={props.label} style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {rows.map((row) => {
          const item = items[row.index];
          if (item === undefined) return null;
          return (
            <div
              key={row.key}
              class="vrow"
              role="listitem"
              aria-setsize={items.length}
              aria-posinset={row.index + 1}
              data-index={row.index}
              data-testid={props.rowTestId ?? 'row'}
              ref={virtualizer.measureElement}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              {props.renderRow(item, row.index)}
            </div>
          );
        })}
      </div>
      {props.footer}
    </div>
  );
}
