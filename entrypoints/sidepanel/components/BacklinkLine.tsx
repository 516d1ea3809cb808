import { memoRow } from './memoRow';
import { Capped } from '@/components/common/text';
import { SafeLink } from '@/components/common/SafeLink';
import { capText, displayHost, displayUrl } from '@/lib/display';
import { formatDate, formatExact } from '@/lib/format';
import type { Backlink } from '@/lib/model';
import { badgesOf, followLabel, linkKindBadge, linkLabel, spamTone } from '@/entrypoints/sidepanel/panelState';
import { t } from '@/lib/i18n';
import { BacklinkDetails } from './BacklinkDetails';

/** The path (and query) of the linked URL, which is on the target's site; the whole URL when it has none. */
function targetPath(urlTo: string | null): string {
  const shown = displayUrl(urlTo);
  const m = /^[^/]+(\/.*)$/.exec(shown.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''));
  return m?.[1] ?? shown;
}

/**
 * The column titles of the table layout. Columns collapse as the panel narrows, in this order:
 * first seen, page rank, link type (see panel.css, `.bt-*`).
 */
export function BacklinkTableHead() {
  return (
    <div class="bt-head" aria-hidden="true">
      <span class="c-page">{t('panelColPage')}</span>
      <span class="c-anchor">{t('panelColAnchor')}</span>
      <span class="c-type">{t('panelColType')}</span>
      <span class="c-num c-dr" title={t('panelDomainRankTitle')}>
        {t('panelColDr')}
      </span>
      <span class="c-num c-pr" title={t('panelPageRankTitle')}>
        {t('panelColPr')}
      </span>
      <span class="c-num c-spam" title={t('panelBacklinkSpamTitle')}>
        {t('panelSpam')}
      </span>
      <span class="c-seen" title={t('panelFirstSeen')}>
        {t('panelColSince')}
      </span>
      <span class="c-x" />
    </div>
  );
}

/**
 * One backlink as one line of the table layout (domain and page title, anchor and the linked path,
 * then type and figures; each cell's full text in its title); expands below with the same details as a card.
 */
function BacklinkLineRow(props: { item: Backlink; index: number; expanded: boolean; onToggle: (index: number) => void; grouped: boolean }) {
  const b = props.item;
  const label = linkLabel(b);
  const follow = followLabel(b);
  const kind = linkKindBadge(b.itemType);
  const badges = badgesOf(b);
  const title = (b.pageFromTitle ?? '').trim();
  const domain = b.domainFrom ? capText(displayHost(b.domainFrom)).text : '—';
  const urlFrom = capText(displayUrl(b.urlFrom), 1000).text;
  const to = capText(targetPath(b.urlTo)).text;
  const spam = spamTone(b.spamScore);
  const detailsId = `bl-details-${props.index}`;
  return (
    <div class={`bt-row${props.expanded ? ' open' : ''}${spam ? ` spam-${spam}` : ''}`} role="group" aria-label={t('panelBacklinkFrom', domain)}>
      <div class="bl-line bl-head">
        <span class="c-page" title={title ? `${domain} · ${capText(title, 1000).text}\n${urlFrom}` : urlFrom}>
          <span class="l1">
            <span class="bl-domain">{domain}</span>
            {props.grouped && b.groupCount != null && b.groupCount > 1 && (
              <span class="group" title={t('panelGroupTitle', formatExact(b.groupCount))}>
                ×{formatExact(b.groupCount)}
              </span>
            )}
          </span>
          <SafeLink class="bl-title l2" href={b.urlFrom}>
            {title ? <Capped text={title} /> : capText(displayUrl(b.urlFrom)).text || '—'}
          </SafeLink>
        </span>
        <span class="c-anchor" title={`${label.text} → ${capText(displayUrl(b.urlTo), 1000).text}`}>
          <span class="l1">
            {kind && (
              <span class="anchor-kind" title={kind.title}>
                {kind.text}
              </span>
            )}
            {label.kind === 'anchor' ? <Capped class="anchor-text" text={label.text} /> : <span class="anchor-text placeholder">{label.text}</span>}
          </span>
          <span class="to l2">
            → {to || '—'}
          </span>
        </span>
        <span class="c-type" title={`${follow.text}${badges.length ? ` · ${badges.map((x) => x.label).join(', ')}` : ''}`}>
          <span class={`follow ${follow.dofollow === true ? 'do' : follow.dofollow === false ? 'no' : 'unknown'}`}>{follow.text}</span>
          {badges.map((badge) => (
            <span key={badge.label} class={`dot ${badge.tone}`} title={badge.label} />
          ))}
        </span>
        <span class="c-num c-dr" title={t('panelMetricTitle', t('panelDomainRankTitle'), formatExact(b.domainFromRank))}>
          {formatExact(b.domainFromRank)}
        </span>
        <span class="c-num c-pr" title={t('panelMetricTitle', t('panelPageRankTitle'), formatExact(b.pageFromRank))}>
          {formatExact(b.pageFromRank)}
        </span>
        <span class={`c-num c-spam${spam ? ` tone-${spam}` : ''}`} title={t('panelMetricTitle', t('panelSpamScore'), formatExact(b.spamScore))}>
          {formatExact(b.spamScore)}
        </span>
        <span class="c-seen" title={t('panelSeenTitle', formatDate(b.firstSeen), formatDate(b.lastSeen))}>
          {formatDate(b.firstSeen).slice(0, 7)}
        </span>
        <button
          type="button"
          class="expand c-x"
          aria-expanded={props.expanded}
          aria-controls={detailsId}
          aria-label={props.expanded ? t('panelLess') : t('panelDetails')}
          title={props.expanded ? t('panelLess') : t('panelDetails')}
          onClick={() => props.onToggle(props.index)}
        >
          {props.expanded ? '▾' : '▸'}
        </button>
      </div>
      {props.expanded && <BacklinkDetails item={b} id={detailsId} />}
    </div>
  );
}

/** One row; renders again only when its data changes (memoRow). */
export const BacklinkLine = memoRow(BacklinkLineRow);
