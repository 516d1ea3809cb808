import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { later } from './later';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('later(): a popup part loaded on first render', () => {
  it('renders nothing until its code is loaded, then the part with its props; loads once for every copy', async () => {
    const { document } = parseHTML('<!doctype html><html><body><div id="a"></div><div id="b"></div></body></html>');
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const load = vi.fn(async () => {
      await gate;
      return (props: { name: string }) => <b>{`part ${props.name}`}</b>;
    });
    const Part = later(load);
    const a = document.getElementById('a')!;
    const b = document.getElementById('b')!;
    render(<Part name="one" />, a as unknown as Element);
    render(<Part name="two" />, b as unknown as Element);
    await tick();
    expect(a.textContent).toBe('');
    release();
    await tick();
    await tick();
    expect(a.textContent).toBe('part one');
    expect(b.textContent).toBe('part two');
    expect(load).toHaveBeenCalledTimes(1);
    // A copy rendered after the load shows the part at once.
    const c = document.createElement('div');
    render(<Part name="three" />, c as unknown as Element);
    expect(c.textContent).toBe('part three');
    expect(load).toHaveBeenCalledTimes(1);
  });
});
