import { capText, ROW_CAP, TITLE_CAP, visibleText } from '@/lib/display';

/** Isolated from the surrounding text's direction, and broken anywhere so one long word cannot widen a row. */
export const ISOLATE = { unicodeBidi: 'isolate', overflowWrap: 'anywhere', wordBreak: 'break-word' } as const;

/** Untrusted text for a row: invisible characters shown, cut at `max` characters, the cut text (capped) on hover. */
export function Capped(props: { text: string | null | undefined; max?: number; class?: string }) {
  const text = visibleText(props.text ?? '');
  const { text: shown, cut } = capText(text, props.max ?? ROW_CAP);
  return (
    <span class={props.class} style={ISOLATE} title={cut ? capText(text, TITLE_CAP).text : text} data-cut={cut ? 'true' : undefined}>
      {shown}
    </span>
  );
}
