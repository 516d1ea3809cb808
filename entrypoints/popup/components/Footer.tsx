import { formatAgo, formatMoney } from '@/lib/format';
import { t } from '@/lib/i18n';
import type { Quote, ReplyMeta } from '@/lib/messages';
import { freshness } from './logic';

/** The Refresh button's price: the latest quote of the answers shown, else the one the popup opened with. */
/** The worker's quote of a refresh (profile + anchors), plus the trend when the checks include it. */
export function refreshLabel(opened: Quote, metas: ReplyMeta[], trendUsd: number): string {
  const quotes = metas.flatMap((m) => (m.quote ? [m.quote] : []));
  const q = quotes.length === 2 ? { usd: quotes[0]!.usd + quotes[1]!.usd, free: quotes.every((x) => x.free) } : opened;
  return q.free ? t('popupRefreshFree') : t('popupRefreshPrice', formatMoney(q.usd + trendUsd));
}

export function CostLine(props: { metas: ReplyMeta[]; loading: boolean }) {
  const f = freshness(props.metas);
  if (props.loading && f.kind === 'none') {
    return (
      <span class="p-cost faint" data-testid="cost">
        {t('popupChecking')}
      </span>
    );
  }
  if (f.kind === 'cache') {
    return (
      <span class="p-cost" data-testid="cost" data-from-cache="true" title={new Date(f.fetchedAt).toLocaleString()}>
        {t('popupFromCache', formatAgo(f.fetchedAt))}
      </span>
    );
  }
  if (f.kind === 'paid') {
    return (
      <span class="p-cost" data-testid="cost" data-from-cache="false">
        {t('popupCost', formatMoney(f.cost))}
        {f.partlyCached && <span class="faint"> {t('popupPartCache')}</span>}
      </span>
    );
  }
  return <span />;
}
