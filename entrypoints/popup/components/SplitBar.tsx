import { formatExact, formatShare } from '@/lib/format';

/** Two-part bar (dofollow | nofollow) of a per-link count, with both percentages as text. */
export function SplitBar(props: { label: string; dofollow: number; nofollow: number; testid?: string }) {
  const total = props.dofollow + props.nofollow;
  const dfPct = total > 0 ? (props.dofollow / total) * 100 : 0;
  return (
    <div class="p-split" data-testid={props.testid}>
      <div class="p-split-head">
        <span>{props.label}</span>
        <span class="num">
          <span class="p-df" title={`${formatExact(props.dofollow)} of ${formatExact(total)} without the nofollow attribute`}>
            {formatShare(props.dofollow, total)} dofollow
          </span>
          <span class="faint"> · </span>
          <span class="p-nf" title={`${formatExact(props.nofollow)} of ${formatExact(total)} with the nofollow attribute`}>
            {formatShare(props.nofollow, total)} nofollow
          </span>
        </span>
      </div>
      <div class="p-split-track" aria-hidden="true">
        <span class="p-split-df" style={{ width: `${dfPct}%` }} />
      </div>
    </div>
  );
}
