import { memoRow } from './memoRow';
import type { Anchor } from '@/lib/model';
import { formatDate, formatExact } from '@/lib/format';
import { Capped } from '@/components/common/text';
import { Count } from '@/components/common/Count';
import { t } from '@/lib/i18n';

/** One anchor text with its counts; text only. */
function AnchorRowRow(props: { item: Anchor }) {
  const a = props.item;
  const text = (a.anchor ?? '').trim();
  return (
    <article class="an">
      <div class="an-text">
        {text ? <Capped text={text} /> : <span class="placeholder">{a.anchor === null ? t('panelNoAnchorGiven') : t('panelEmptyAnchorRow')}</span>}
      </div>
      <div class="an-metrics">
        <span class="metric" title={t('panelTitleBacklinks', formatExact(a.backlinks))}>
          <Count value={a.backlinks} /> <span class="metric-label">{t('panelMetricLinks')}</span>
        </span>
        <span class="metric" title={t('panelTitleDomains', formatExact(a.referringDomains))}>
          <Count value={a.referringDomains} /> <span class="metric-label">{t('panelMetricDomains')}</span>
        </span>
        <span class="metric" title={t('panelRank')}>
          <span class="metric-label">{t('panelRank')}</span> <span class="num">{formatExact(a.rank)}</span>
        </span>
        <span class="metric" title={t('panelSpamScore')}>
          <span class="metric-label">{t('panelSpam')}</span> <span class="num">{formatExact(a.backlinksSpamScore)}</span>
        </span>
        <span class="faint" title={t('panelFirstSeen')}>
          {t('panelSince', formatDate(a.firstSeen))}
        </span>
        {a.brokenBacklinks != null && a.brokenBacklinks > 0 && <span class="badge warn">{t('panelBrokenCount', formatExact(a.brokenBacklinks))}</span>}
      </div>
    </article>
  );
}

/** One row; renders again only when its data changes (memoRow). */
export const AnchorRow = memoRow(AnchorRowRow);
