import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { later } from './later';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Preact runs effects after a paint (a timer where there is no requestAnimationFrame): wait for the DOM. */
async function until(ok: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await sleep(10);
}

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
    // The effects have run (the load was asked for) and the part is still not there.
    await until(() => load.mock.calls.length > 0);
    await sleep(50);
    expect(load).toHaveBeenCalledTimes(1);
    expect(a.textContent).toBe('');
    release();
    await until(() => a.textContent !== '' && b.textContent !== '');
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
