import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

/** How the backlinks list is laid out: one dense line per backlink (default) or a card per backlink. */
export type Layout = 'table' | 'cards';

const LAYOUT_KEY = 'backlink-lens.panel.layout';

function readLayout(): Layout {
  try {
    return localStorage.getItem(LAYOUT_KEY) === 'cards' ? 'cards' : 'table';
  } catch {
    return 'table';
  }
}

/** The layout, remembered in this browser's extension storage for the next opening. */
export function useLayout(): [Layout, (next: Layout) => void] {
  const [layout, setLayout] = useState<Layout>(readLayout);
  const choose = (next: Layout) => {
    setLayout(next);
    try {
      localStorage.setItem(LAYOUT_KEY, next);
    } catch {
      // Not remembered; the choice still holds while the panel is open.
    }
  };
  return [layout, choose];
}

export function LayoutSwitch(props: { layout: Layout; onChange: (next: Layout) => void }) {
  const option = (value: Layout, text: string, title: string) => (
    <button
      type="button"
      class={props.layout === value ? 'on' : ''}
      aria-pressed={props.layout === value}
      data-testid={`layout-${value}`}
      title={title}
      onClick={() => props.onChange(value)}
    >
      {text}
    </button>
  );
  return (
    <span class="layout-switch" role="group" aria-label={t('panelLayout')}>
      {option('table', t('panelLayoutTable'), t('panelLayoutTableTitle'))}
      {option('cards', t('panelLayoutCards'), t('panelLayoutCardsTitle'))}
    </span>
  );
}
