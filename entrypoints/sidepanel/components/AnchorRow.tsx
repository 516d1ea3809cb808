import type { Anchor } from '@/lib/model';
import { formatDate, formatExact } from '@/lib/format';
import { Capped, Count } from '@/components/common';

/** One anchor text with its counts; text only. */
export function AnchorRow(props: { item: Anchor }) {
  const a = props.item;
  const text = (a.anchor ?? '').trim();
  return (
    <article class="an">
      <div class="an-text">
        {text ? <Capped text={text} /> : <span class="placeholder">{a.anchor === null ? 'no anchor given' : 'empty anchor (image or empty link)'}</span>}
      </div>
      <div class="an-metrics">
        <span class="metric" title={`Backlinks: ${formatExact(a.backlinks)}`}>
          <Count value={a.backlinks} /> <span class="metric-label">links</span>
        </span>
        <span class="metric" title={`Referring domains: ${formatExact(a.referringDomains)}`}>
          <Count value={a.referringDomains} /> <span class="metric-label">domains</span>
        </span>
        <span class="metric" title="Rank">
          <span class="metric-label">Rank</span> <span class="num">{formatExact(a.rank)}</span>
        </span>
        <span class="metric" title="Spam score">
          <span class="metric-label">Spam</span> <span class="num">{formatExact(a.backlinksSpamScore)}</span>
        </span>
        <span class="faint" title="First seen">since {formatDate(a.firstSeen)}</span>
        {a.brokenBacklinks != null && a.brokenBacklinks > 0 && <span class="badge warn">{formatExact(a.brokenBacklinks)} broken</span>}
      </div>
    </article>
  );
}
