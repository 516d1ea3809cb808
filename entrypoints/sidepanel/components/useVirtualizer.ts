import { useLayoutEffect, useReducer, useState } from 'preact/hooks';
import {
  Virtualizer,
  elementScroll,
  measureElement,
  observeElementOffset,
  observeElementRect,
  type VirtualizerOptions,
} from '@tanstack/virtual-core';

export type VirtualListOptions<TItem extends Element> = Pick<
  VirtualizerOptions<HTMLElement, TItem>,
  'count' | 'getScrollElement' | 'estimateSize'
> &
  Partial<Pick<VirtualizerOptions<HTMLElement, TItem>, 'overscan' | 'getItemKey' | 'paddingStart' | 'paddingEnd' | 'gap'>>;

/**
 * A Preact binding for @tanstack/virtual-core's Virtualizer over a scrolling element: rows are
 * measured when they mount or resize (expanded rows), and the component re-renders whenever the
 * visible range or sizes change. One instance lives as long as the component.
 */
export function useVirtualizer<TItem extends Element>(options: VirtualListOptions<TItem>): Virtualizer<HTMLElement, TItem> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const resolved: VirtualizerOptions<HTMLElement, TItem> = {
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    measureElement,
    ...options,
    onChange: () => rerender(0),
  };
  const [instance] = useState(() => new Virtualizer<HTMLElement, TItem>(resolved));
  instance.setOptions(resolved);
  useLayoutEffect(() => instance._didMount(), [instance]);
  useLayoutEffect(() => {
    instance._willUpdate();
  });
  return instance;
}
