import { describe, expect, it } from 'vitest';
import type { VNode } from 'preact';
import { SafeLink } from './SafeLink';
import { Capped } from './text';

type Props = { href?: string; title?: string; children?: unknown; 'data-cut'?: string };
const props = (v: unknown) => (v as VNode<Props>).props;

describe('SafeLink', () => {
  it.each([
    ['https://www.google.com@evil.test/', 'a', 'https://evil.test/', 'https://evil.test/'],
    ['javascript:alert(1)', 'span', undefined, 'javascript:alert(1)'],
    ['https://xn--80ak6aa92e.com/', 'a', 'https://xn--80ak6aa92e.com/', 'https://xn--80ak6aa92e.com/'],
    ['https://x.test/\u202E', 'a', 'https://x.test/%E2%80%AE', 'https://x.test/%E2%80%AE'],
  ])('%j renders as <%s> to %j showing %j', (href, tag, outHref, shown) => {
    const v = SafeLink({ href }) as VNode<Props>;
    expect(v.type).toBe(tag);
    expect(v.props.href).toBe(outHref);
    expect(v.props.children).toBe(shown);
    expect(v.props.title).toBe(shown);
  });

  it('caps a long URL shown as text', () => {
    const v = SafeLink({ href: `https://x.test/${'a'.repeat(1 << 20)}` });
    expect(String(props(v).children).length).toBeLessThanOrEqual(301);
    expect(String(props(v).title).length).toBeLessThanOrEqual(1001);
  });
});

describe('Capped', () => {
  it.each([
    ['short anchor', 'short anchor', undefined],
    ['x'.repeat(1 << 20), `${'x'.repeat(300)}…`, 'true'],
    ['a\u202Eb', 'a⟨U+202E⟩b', undefined],
  ])('%#', (text, shown, cut) => {
    const v = Capped({ text });
    expect(props(v).children).toBe(shown);
    expect(props(v)['data-cut']).toBe(cut);
    expect(String(props(v).title).length).toBeLessThanOrEqual(1001);
  });
});
