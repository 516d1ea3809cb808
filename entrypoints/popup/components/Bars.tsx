import { capText, TITLE_CAP, visibleText } from '@/lib/display';
import { formatCount, formatExact, formatShare } from '@/lib/format';
import { t } from '@/lib/i18n';

/** Small horizontal bars for a breakdown (top N), labels as text. */
export function Bars(props: { items: { key: string; count: number }[]; total?: number | null; max?: number; emptyLabel?: string; label: string }) {
  const items = props.items.slice(0, props.max ?? 5);
  if (items.length === 0) return <div class="faint">{t('commonNoData')}</div>;
  const top = Math.max(...items.map((i) => i.count), 1);
  return (
    <div class="bars" role="list" aria-label={props.label}>
      {items.map((i) => (
        <div class="bar-row" role="listitem" key={i.key}>
          <span class="label" title={i.key ? capText(visibleText(i.key), TITLE_CAP).text : props.emptyLabel || t('commonNone')}>{i.key ? capText(visibleText(i.key)).text : <span class="faint">{props.emptyLabel ?? t('commonNone')}</span>}</span>
          <span class="bar-track" aria-hidden="true">
            <span class="bar-fill" style={{ width: `${Math.max(2, (i.count / top) * 100)}%`, display: 'block' }} />
          </span>
          <span class="num" title={formatExact(i.count)}>
            {props.total ? formatShare(i.count, props.total) : formatCount(i.count)}
          </span>
        </div>
      ))}
    </div>
  );
}
