import { describe, expect, it } from 'vitest';
import type { Component } from 'preact';
import { memoRow } from './memoRow';

describe('memoRow', () => {
  const Row = memoRow((_: { item: object; expanded: boolean; onToggle: () => void }) => null);
  const make = (props: { item: object; expanded: boolean; onToggle: () => void }) => {
    const c = new (Row as unknown as new (p: typeof props) => Component<typeof props>)(props);
    c.props = props;
    return c;
  };
  const item = { url: 'https://a.test/' };

  it('skips a render when only callbacks are new (a scroll step re-renders the visible rows)', () => {
    const c = make({ item, expanded: false, onToggle: () => undefined });
    expect(c.shouldComponentUpdate!({ item, expanded: false, onToggle: () => undefined }, {}, {})).toBe(false);
  });

  it('renders again when a data prop changes: another item, or the row expanded', () => {
    const c = make({ item, expanded: false, onToggle: () => undefined });
    expect(c.shouldComponentUpdate!({ item: { ...item }, expanded: false, onToggle: () => undefined }, {}, {})).toBe(true);
    expect(c.shouldComponentUpdate!({ item, expanded: true, onToggle: () => undefined }, {}, {})).toBe(true);
  });
});
