import { FullText, SafeLink } from '@/components/common';
import { capText } from '@/lib/display';
import { formatDate, formatExact } from '@/lib/format';
import type { Backlink } from '@/lib/model';
import { badgesOf, linkLabel } from '@/entrypoints/sidepanel/panelState';

function statusText(code: number | null): string {
  if (code == null) return 'status unknown';
  return `HTTP ${code}`;
}

const plural = (n: number, one: string, many: string) => `${formatExact(n)} ${n === 1 ? one : many}`;

/** The facts of a backlink beyond its row, as one line of text (API text capped, never markup). */
export function backlinkFacts(b: Backlink): string[] {
  return [
    b.itemType ? `type ${capText(b.itemType, 40).text}` : null,
    b.attributes.length > 0 ? `rel ${capText(b.attributes.join(' '), 200).text}` : null,
    b.semanticLocation ? `in <${capText(b.semanticLocation, 40).text}>` : null,
    b.pageFromLanguage ? `language ${capText(b.pageFromLanguage, 40).text}` : null,
    b.domainFromCountry ? `country ${capText(b.domainFromCountry, 40).text}` : null,
    b.pageFromStatusCode != null ? `page HTTP ${b.pageFromStatusCode}` : null,
    b.linksCount != null ? `${plural(b.linksCount, 'link', 'links')} on the page` : null,
    b.pageFromExternalLinks != null ? `${plural(b.pageFromExternalLinks, 'external link', 'external links')} on the page` : null,
    b.groupCount != null ? `${plural(b.groupCount, 'backlink', 'backlinks')} in this group` : null,
    b.rankedKeywordsTop10 != null ? `page ranks for ${plural(b.rankedKeywordsTop10, 'keyword', 'keywords')} in the top 10` : null,
    b.rankedKeywordsTop100 != null ? `${plural(b.rankedKeywordsTop100, 'keyword', 'keywords')} in the top 100` : null,
    b.domainFromPlatformTypes && b.domainFromPlatformTypes.length > 0 ? `platform ${capText(b.domainFromPlatformTypes.join(', '), 200).text}` : null,
    b.urlToSpamScore != null ? `target page spam score ${formatExact(b.urlToSpamScore)}` : null,
    b.prevSeen ? `previously seen ${formatDate(b.prevSeen)}` : null,
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
        <div class="detail-label">Context</div>
        <div class="context">
          {b.textPre ? <><FullText class="pre" text={b.textPre} />{' '}</> : <span class="faint">(no text before) </span>}
          <mark><FullText text={label.text} /></mark>
          {b.textPost ? <>{' '}<FullText class="post" text={b.textPost} /></> : <span class="faint"> (no text after)</span>}
        </div>
      </div>
      <div class="detail">
        <div class="detail-label">Links to</div>
        <div>
          <SafeLink class="break" href={b.urlTo}>{b.urlTo ? undefined : '—'}</SafeLink>{' '}
          <span class={`badge ${b.urlToStatusCode != null && b.urlToStatusCode >= 400 ? 'bad' : 'plain'}`}>{statusText(b.urlToStatusCode)}</span>
        </div>
        {b.urlToRedirectTarget && (
          <div class="faint">
            redirects to <SafeLink class="break" href={b.urlToRedirectTarget} />
          </div>
        )}
      </div>
      {b.indirectPath.length > 0 && (
        <div class="detail">
          <div class="detail-label">Redirect path</div>
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
          <div class="detail-label">Image</div>
          <SafeLink class="break" href={b.imageUrl} />
        </div>
      )}
      <div class="detail facts faint" data-testid="bl-facts">
        {backlinkFacts(b).join(' · ')}
      </div>
    </div>
  );
}
