import { Capped } from '@/components/common/text';
import { Count } from '@/components/common/Count';
import { formatDate, formatExact, formatShare } from '@/lib/format';
import { t } from '@/lib/i18n';
import type { AnchorsPage } from '@/lib/model';
import { anchorLabel, anchorNofollow } from './logic';

/** The top anchors as a small table; anchor text is rendered as text only. */
export function AnchorsView(props: { page: AnchorsPage }) {
  const { items, totalCount } = props.page;
  if (items.length === 0) {
    return (
      <p class="faint p-empty" data-testid="anchors-empty">
        {t('popupNoAnchors')}
      </p>
    );
  }
  return (
    <table class="p-anchors" data-testid="anchors-table">
      <caption class="sr-only">
        {totalCount != null ? t('popupAnchorsCapOf', String(items.length), formatExact(totalCount)) : t('popupAnchorsCap', String(items.length))}
      </caption>
      <thead>
        <tr>
          <th scope="col" class="a-text" title={t('popupAnchorTip')}>{t('popupAnchor')}</th>
          <th scope="col" class="num" title={t('popupLinksColTip')}>{t('popupLinksCol')}</th>
          <th scope="col" class="num" title={t('popupDomainsColTip')}>{t('popupDomainsCol')}</th>
          <th scope="col" class="num" title={t('popupNofollowColTip')}>{t('popupNofollowCol')}</th>
          <th scope="col" class="num" title={t('popupSeenColTip')}>{t('popupSeenCol')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a, i) => {
          const empty = a.anchor == null || a.anchor.trim() === '';
          const nf = anchorNofollow(a);
          return (
            <tr key={i} data-testid="anchor-row">
              <td class="a-text">
                {empty ? (
                  <span class="p-anchor-empty" title={t('popupEmptyTip')}>
                    {anchorLabel(a.anchor)}
                  </span>
                ) : (
                  <Capped class="p-anchor" text={anchorLabel(a.anchor)} max={120} />
                )}
              </td>
              <td class="num"><Count value={a.backlinks} /></td>
              <td class="num"><Count value={a.referringDomains} /></td>
              <td class="num" title={nf ? t(nf.by === 'domains' ? 'popupAnchorNfDom' : 'popupAnchorNfPages', formatExact(nf.part), formatExact(nf.whole)) : undefined}>
                {nf ? formatShare(nf.part, nf.whole) : '—'}
              </td>
              <td class="num a-date">{formatDate(a.firstSeen)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
