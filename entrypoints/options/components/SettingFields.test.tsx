import { describe, expect, it } from 'vitest';
import type { VNode } from 'preact';
import { DEFAULT_SETTINGS, FORM_SECTIONS, fieldSpec, type FormCard } from '@/lib/settings/fields';
import { SettingFields } from './DefaultsSection';

/** Every data-testid in a rendered tree (the fields are plain elements, no components to run). */
function testIds(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const n of node) testIds(n, out);
    return out;
  }
  if (!node || typeof node !== 'object') return out;
  const props = (node as VNode<{ 'data-testid'?: string; children?: unknown }>).props;
  if (props?.['data-testid']) out.push(props['data-testid']);
  testIds(props?.children, out);
  return out;
}

const render = (card: FormCard, provider?: 'dataforseo' | 'sandbox' | 'aisa') =>
  testIds(
    SettingFields({
      card,
      provider,
      settings: DEFAULT_SETTINGS,
      quotes: { free: false, profile: 0.02003, anchorsPage: 0.0203, backlinksPage: 0.023, backlinks100: 0.023, backlinks1000: 0.05 },
      drafts: {},
      fieldErrors: {},
      status: { phase: 'idle' },
      onChoice: () => undefined,
      onText: () => undefined,
      onCommit: () => undefined,
    }),
  );

describe('the options cards show their settings', () => {
  it('each card shows exactly the settings FORM_SECTIONS puts in it', () => {
    for (const card of ['spend', 'defaults', 'cache'] as const) {
      const expected = FORM_SECTIONS.filter((s) => s.card === card).flatMap((s) => s.fields.map((f) => fieldSpec(f).testId));
      expect({ card, ids: render(card) }).toEqual({ card, ids: expected });
    }
    expect(render('spend')).toEqual(['daily-budget', 'auto-check', 'include-trend', 'serp-figures', 'serp-mode']);
    expect(render('cache')).toEqual(['cache-hours']);
  });

  it('the AIsa rate shows under Connection only while AIsa is the chosen provider', () => {
    expect(render('connection', 'dataforseo')).toEqual([]);
    expect(render('connection', 'sandbox')).toEqual([]);
    expect(render('connection', 'aisa')).toEqual(['aisa-per-minute']);
  });
});
