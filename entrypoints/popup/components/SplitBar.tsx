import { formatExact, formatShare } from '@/lib/format';
import { t } from '@/lib/i18n';

/** Two-part bar (dofollow | nofollow) of a per-link count, with both percentages as text. */
export function SplitBar(props: { label: string; dofollow: number; nofollow: number; testid?: string }) {
  const total = props.dofollow + props.nofollow;
  const dfPct = total > 0 ? (props.dofollow / total) * 100 : 0;
  return (
    <div class="p-split" data-testid={props.testid}>
      <div class="p-split-head">
        <span>{props.label}</span>
        <span class="num">
          <span class="p-df" title={t('popupDfTip', formatExact(props.dofollow), formatExact(total))}>
            {t('popupDfShare', formatShare(props.dofollow, total))}
          </span>
          <span class="faint"> · </span>
          <span class="p-nf" title={t('popupNfTip', formatExact(props.nofollow), formatExact(total))}>
            {t('popupNfShare', formatShare(props.nofollow, total))}
          </span>
        </span>
      </div>
      <div class="p-split-track" aria-hidden="true">
        <span class="p-split-df" style={{ width: `${dfPct}%` }} />
      </div>
    </div>
  );
}
