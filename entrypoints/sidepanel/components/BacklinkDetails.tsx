import { FullText } from './FullText';
import { SafeLink } from '@/components/common/SafeLink';
import { capText } from '@/lib/display';
import { formatDate, formatExact } from '@/lib/format';
import type { Backlink } from '@/lib/model';
import { badgesOf, linkLabel } from '@/entrypoints/sidepanel/panelState';
import { t, tParts, type MessageKey } from '@/lib/i18n';

function statusText(code: number | null): string {
  if (code == null) return t('panelStatusUnknown');
  return `HTTP ${code}`;
}

/** A count in its sentence: the …One message for 1, the …Other message otherwise. */
const plural = (n: number, one: MessageKey, other: MessageKey) => t(n === 1 ? one : other, formatExact(n));

/** The facts of a backlink beyond its row, as one line of text (API text capped, never markup). */
export function backlinkFacts(b: Backlink): string[] {
  return [
    b.itemType ? t('panelFactType', capText(b.itemType, 40).text) : null,
    b.attributes.length > 0 ? t('panelFactRel', capText(b.attributes.join(' '), 200).text) : null,
    b.semanticLocation ? t('panelFactIn', capText(b.semanticLocation, 40).text) : null,
    b.pageFromLanguage ? t('panelFactLanguage', capText(b.pageFromLanguage, 40).text) : null,
    b.domainFromCountry ? t('panelFactCountry', capText(b.domainFromCountry, 40).text) : null,
    b.pageFromStatusCode != null ? t('panelFactPageStatus', String(b.pageFromStatusCode)) : null,
    b.linksCount != null ? plural(b.linksCount, 'panelFactLinksOne', 'panelFactLinksOther') : null,
    b.pageFromExternalLinks != null ? plural(b.pageFromExternalLinks, 'panelFactExternalOne', 'panelFactExternalOther') : null,
    b.groupCount != null && b.groupCount > 0 ? plural(b.groupCount, 'panelFactGroupOne', 'panelFactGroupOther') : null,
    b.rankedKeywordsTop10 != null ? plural(b.rankedKeywordsTop10, 'panelFactTop10One', 'panelFactTop10Other') : null,
    b.rankedKeywordsTop100 != null ? plural(b.rankedKeywordsTop100, 'panelFactTop100One', 'panelFactTop100Other') : null,
    b.domainFromPlatformTypes && b.domainFromPlatformTypes.length > 0 ? t('panelFactPlatform', capText(b.domainFromPlatformTypes.join(', '), 200).text) : null,
    b.urlToSpamScore != null ? t('panelFactTargetSpam', formatExact(b.urlToSpamScore)) : null,
    b.prevSeen ? t('panelFactPrevSeen', formatDate(b.prevSeen)) : null,
    ...badgesOf(b).map((badge) => badge.label),
  ].filter((x): x is string => x !== null);
}

/** The expanded part of a backlink (card or table row): context, target, redirects, image, facts. */
export function BacklinkDetails(props: { item: Backlink; id: string }) {
  const b = props.item;
  const label = linkLabel(b);
  return (
    <div class="bl-details" id={props.id}>
      <div class="detail">
        <div class="detail-label">{t('panelContext')}</div>
        <div class="context">
          {b.textPre ? <><FullText class="pre" text={b.textPre} />{' '}</> : <span class="faint">{t('panelNoTextBefore')} </span>}
          <mark><FullText text={label.text} /></mark>
          {b.textPost ? <>{' '}<FullText class="post" text={b.textPost} /></> : <span class="faint"> {t('panelNoTextAfter')}</span>}
        </div>
      </div>
      <div class="detail">
        <div class="detail-label">{t('panelLinksTo')}</div>
        <div>
          <SafeLink class="break" href={b.urlTo}>{b.urlTo ? undefined : '—'}</SafeLink>{' '}
          <span class={`badge ${b.urlToStatusCode != null && b.urlToStatusCode >= 400 ? 'bad' : 'plain'}`}>{statusText(b.urlToStatusCode)}</span>
        </div>
        {b.urlToRedirectTarget && (
          <div class="faint">
            {tParts('panelRedirectsTo', <SafeLink class="break" href={b.urlToRedirectTarget} />)}
          </div>
        )}
      </div>
      {b.indirectPath.length > 0 && (
        <div class="detail">
          <div class="detail-label">{t('panelRedirectPath')}</div>
          <ol class="path">
            {b.indirectPath.map((step, i) => (
              <li key={i}>
                <span class="badge plain">{step.statusCode ?? step.type ?? '?'}</span>{' '}
                <SafeLink class="break" href={step.url}>{step.url ? undefined : '—'}</SafeLink>
              </li>
            ))}
          </ol>
        </div>
      )}
      {b.imageUrl && (
        <div class="detail">
          <div class="detail-label">{t('panelImage')}</div>
          <SafeLink class="break" href={b.imageUrl} />
        </div>
      )}
      <div class="detail facts faint" data-testid="bl-facts">
        {backlinkFacts(b).join(' · ')}
      </div>
    </div>
  );
}
