import { memoRow } from './memoRow';
import { Capped } from '@/components/common/text';
import { SafeLink } from '@/components/common/SafeLink';
import { capText, displayHost, displayUrl } from '@/lib/display';
import { formatDate, formatExact } from '@/lib/format';
import type { Backlink } from '@/lib/model';
import { badgesOf, followLabel, linkKindBadge, linkLabel, spamTone } from '@/entrypoints/sidepanel/panelState';
import { t } from '@/lib/i18n';
import { BacklinkDetails } from './BacklinkDetails';

function Metric(props: { label: string; value: number | null; title: string; tone?: string }) {
  return (
    <span class={`metric${props.tone ? ` spam-${props.tone}` : ''}`} title={t('panelMetricTitle', props.title, formatExact(props.value))}>
      <span class="metric-label">{props.label}</span> <span class="num">{formatExact(props.value)}</span>
    </span>
  );
}

/** One backlink as a card (the roomier of the two layouts); all API text rendered as text, links only for http(s). */
function BacklinkCardRow(props: { item: Backlink; index: number; expanded: boolean; onToggle: (index: number) => void; grouped: boolean }) {
  const b = props.item;
  const label = linkLabel(b);
  const follow = followLabel(b);
  const badges = badgesOf(b);
  const detailsId = `bl-details-${props.index}`;
  const title = (b.pageFromTitle ?? '').trim();
  const domain = b.domainFrom ? displayHost(b.domainFrom) : null;
  const urlFrom = displayUrl(b.urlFrom);
  const kind = linkKindBadge(b.itemType);
  const urlTo = displayUrl(b.urlTo);
  return (
    <article class={`bl${props.expanded ? ' open' : ''}`} aria-label={t('panelBacklinkFrom', domain ? capText(domain).text : t('panelUnknownDomain'))}>
      <div class="bl-head">
        <span class="bl-domain" title={domain ?? ''}>
          {domain ? capText(domain).text : '—'}
        </span>
        <span
          class={`follow ${follow.dofollow === true ? 'do' : follow.dofollow === false ? 'no' : 'unknown'}`}
          title={follow.dofollow ? t('panelPassesValue') : t('panelNoValue')}
        >
          {follow.text}
        </span>
      </div>
      <div class="bl-page">
        <SafeLink class="bl-title" href={b.urlFrom}>
          {title ? <Capped text={title} /> : capText(urlFrom).text || '—'}
        </SafeLink>
        {title && <div class="bl-url faint" title={capText(urlFrom, 1000).text}>{capText(urlFrom).text}</div>}
      </div>
      <div class="bl-anchor">
        {kind && (
          <span class="anchor-kind" title={kind.title}>
            {kind.text}
          </span>
        )}
        {label.kind === 'anchor' ? (
          <Capped class="anchor-text" text={label.text} />
        ) : (
          <span class="anchor-text placeholder">{label.text}</span>
        )}
      </div>
      <div class="bl-to faint" title={capText(urlTo, 1000).text}>
        → {urlTo ? capText(urlTo).text : '—'}
      </div>
      <div class="bl-metrics">
        <Metric label={t('panelRank')} value={b.rank} title={t('panelBacklinkRank')} />
        <Metric label={t('panelPage')} value={b.pageFromRank} title={t('panelPageRankTitle')} />
        <Metric label={t('panelDomain')} value={b.domainFromRank} title={t('panelDomainRankTitle')} />
        <Metric label={t('panelSpam')} value={b.spamScore} title={t('panelBacklinkSpamTitle')} tone={spamTone(b.spamScore)} />
        {props.grouped && b.groupCount != null && <Metric label={t('panelLinks')} value={b.groupCount} title={t('panelGroupLinksTitle')} />}
      </div>
      <div class="bl-foot">
        <span class="dates faint">
          <span title={t('panelFirstSeen')}>{t('panelFirstOn', formatDate(b.firstSeen))}</span> · <span title={t('panelLastSeen')}>{t('panelLastOn', formatDate(b.lastSeen))}</span>
        </span>
        {badges.map((badge) => (
          <span key={badge.label} class={`badge ${badge.tone}`}>
            {badge.label}
          </span>
        ))}
        <button
          type="button"
          class="expand"
          aria-expanded={props.expanded}
          aria-controls={detailsId}
          onClick={() => props.onToggle(props.index)}
        >
          {props.expanded ? t('panelLess') : t('panelDetails')}
        </button>
      </div>
      {props.expanded && <BacklinkDetails item={b} id={detailsId} />}
    </article>
  );
}

/** One row; renders again only when its data changes (memoRow). */
export const BacklinkCard = memoRow(BacklinkCardRow);
