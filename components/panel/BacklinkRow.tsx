import { Capped, FullText, SafeLink } from '../common';
import { capText, displayHost, displayUrl } from '../../lib/display';
import type { Backlink } from '../../lib/model';
import { formatDate, formatExact } from '../../lib/format';
import { badgesOf, followLabel, linkLabel } from '../../lib/panelState';

function Metric(props: { label: string; value: number | null; title: string }) {
  return (
    <span class="metric" title={`${props.title}: ${formatExact(props.value)}`}>
      <span class="metric-label">{props.label}</span> <span class="num">{formatExact(props.value)}</span>
    </span>
  );
}

function statusText(code: number | null): string {
  if (code == null) return 'status unknown';
  return `HTTP ${code}`;
}

/** One backlink; all API text rendered as text, links only for http(s). */
export function BacklinkRow(props: { item: Backlink; index: number; expanded: boolean; onToggle: (index: number) => void }) {
  const b = props.item;
  const label = linkLabel(b);
  const follow = followLabel(b);
  const badges = badgesOf(b);
  const detailsId = `bl-details-${props.index}`;
  const title = (b.pageFromTitle ?? '').trim();
  const domain = b.domainFrom ? displayHost(b.domainFrom) : null;
  const urlFrom = displayUrl(b.urlFrom);
  return (
    <article class={`bl${props.expanded ? ' open' : ''}`} aria-label={`Backlink from ${domain ? capText(domain).text : 'unknown domain'}`}>
      <div class="bl-head">
        <span class="bl-domain" title={domain ?? ''}>
          {domain ? capText(domain).text : '—'}
        </span>
        <span
          class={`follow ${follow.dofollow === true ? 'do' : follow.dofollow === false ? 'no' : 'unknown'}`}
          title={follow.dofollow ? 'Passes link value' : 'Marked as not passing link value'}
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
        <span class="anchor-kind" aria-hidden="true">{(b.itemType ?? '').toLowerCase() === 'image' ? 'IMG' : 'A'}</span>
        {label.kind === 'anchor' ? (
          <Capped class="anchor-text" text={label.text} />
        ) : (
          <span class="anchor-text placeholder">{label.text}</span>
        )}
      </div>
      <div class="bl-metrics">
        <Metric label="Rank" value={b.rank} title="Backlink rank" />
        <Metric label="Page" value={b.pageFromRank} title="Referring page rank" />
        <Metric label="Domain" value={b.domainFromRank} title="Referring domain rank" />
        <Metric label="Spam" value={b.spamScore} title="Backlink spam score" />
      </div>
      <div class="bl-foot">
        <span class="dates faint">
          <span title="First seen">first {formatDate(b.firstSeen)}</span> · <span title="Last seen">last {formatDate(b.lastSeen)}</span>
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
          {props.expanded ? 'Less' : 'Details'}
        </button>
      </div>
      {props.expanded && (
        <div class="bl-details" id={detailsId}>
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
          <div class="detail facts faint">
            {[
              b.itemType ? `type ${capText(b.itemType, 40).text}` : null,
              b.attributes.length > 0 ? `rel ${capText(b.attributes.join(' '), 200).text}` : null,
              b.semanticLocation ? `in <${capText(b.semanticLocation, 40).text}>` : null,
              b.pageFromLanguage ? `language ${capText(b.pageFromLanguage, 40).text}` : null,
              b.domainFromCountry ? `country ${capText(b.domainFromCountry, 40).text}` : null,
              b.pageFromStatusCode != null ? `page HTTP ${b.pageFromStatusCode}` : null,
              b.linksCount != null ? `${formatExact(b.linksCount)} link${b.linksCount === 1 ? '' : 's'} on the page` : null,
              b.prevSeen ? `previously seen ${formatDate(b.prevSeen)}` : null,
            ]
              .filter((x): x is string => x !== null)
              .join(' · ')}
          </div>
        </div>
      )}
    </article>
  );
}
