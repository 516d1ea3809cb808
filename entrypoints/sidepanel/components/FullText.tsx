import { useState } from 'preact/hooks';
import { ISOLATE } from '@/components/common/text';
import { capText, chunkText, ROW_CAP, visibleText } from '@/lib/display';
import { formatExact } from '@/lib/format';
import { t } from '@/lib/i18n';

/** The scroll-bounded box of a full text; each chunk is its own block with contained layout. */
const FULL_BOX = { maxHeight: '12em', overflowY: 'auto', overflowWrap: 'anywhere', wordBreak: 'break-all', unicodeBidi: 'isolate' } as const;
const CHUNK_STYLE = { display: 'block', contain: 'content', contentVisibility: 'auto', containIntrinsicSize: 'auto 3em' } as const;

/**
 * Untrusted text shown in full on demand: the first `max` characters, then a button that shows the
 * rest inside a scroll-bounded box, in chunks, so even a megabyte without spaces lays out quickly.
 */
export function FullText(props: { text: string | null | undefined; max?: number; class?: string }) {
  const [all, setAll] = useState(false);
  const text = visibleText(props.text ?? '');
  const { text: shown, cut } = capText(text, props.max ?? ROW_CAP);
  if (!cut) return <span class={props.class} style={ISOLATE}>{text}</span>;
  if (!all) {
    return (
      <span class={props.class} style={ISOLATE}>
        {shown}{' '}
        <button type="button" class="link-button" data-testid="show-full" onClick={() => setAll(true)}>
          {t('commonShowAllChars', formatExact(text.length))}
        </button>
      </span>
    );
  }
  return (
    <div class={props.class} style={FULL_BOX} data-testid="full-text" tabIndex={0}>
      {chunkText(text).map((c, i) => (
        <span key={i} style={CHUNK_STYLE}>{c}</span>
      ))}
    </div>
  );
}
