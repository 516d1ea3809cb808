import { Capped, SafeLink } from '@/components/common';
import { capText, displayHost, displayUrl } from '@/lib/display';
import { formatDate, formatExact } from '@/lib/format';
import type { Backlink } from '@/lib/model';
import { badgesOf, followLabel, linkKindBadge, linkLabel, spamTone } from '@/entrypoints/sidepanel/panelState';
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
      <span class="c-page">Referring page</span>
      <span class="c-anchor">Anchor → to</span>
      <span class="c-type">Type</span>
      <span class="c-num c-dr" title="Referring domain rank">DR</span>
      <span class="c-num c-pr" title="Referring page rank">PR</span>
      <span class="c-num c-spam" title="Backlink spam score">Spam</span>
      <span class="c-seen" title="First seen">Since</span>
      <span class="c-x" />
    </div>
  );
}

/**
 * One backlink as one line of the table layout (domain and page title, anchor and the linked path,
 * then type and figures; each cell's full text in its title); expands below with the same details as a card.
 */
export function BacklinkLine(props: { item: Backlink; index: number; expanded: boolean; onToggle: (index: number) => void; grouped: boolean }) {
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
    <div class={`bt-row${props.expanded ? ' open' : ''}${spam ? ` spam-${spam}` : ''}`} role="group" aria-label={`Backlink from ${domain}`}>
      <div class="bl-line bl-head">
        <span class="c-page" title={title ? `${domain} · ${capText(title, 1000).text}\n${urlFrom}` : urlFrom}>
          <span class="l1">
            <span class="bl-domain">{domain}</span>
            {props.grouped && b.groupCount != null && b.groupCount > 1 && (
              <span class="group" title={`${formatExact(b.groupCount)} backlinks from this domain`}>
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
        <span class="c-num c-dr" title={`Referring domain rank: ${formatExact(b.domainFromRank)}`}>
          {formatExact(b.domainFromRank)}
        </span>
        <span class="c-num c-pr" title={`Referring page rank: ${formatExact(b.pageFromRank)}`}>
          {formatExact(b.pageFromRank)}
        </span>
        <span class={`c-num c-spam${spam ? ` tone-${spam}` : ''}`} title={`Spam score: ${formatExact(b.spamScore)}`}>
          {formatExact(b.spamScore)}
        </span>
        <span class="c-seen" title={`First seen ${formatDate(b.firstSeen)} · last seen ${formatDate(b.lastSeen)}`}>
          {formatDate(b.firstSeen).slice(0, 7)}
        </span>
        <button
          type="button"
          class="expand c-x"
          aria-expanded={props.expanded}
          aria-controls={detailsId}
          aria-label={props.expanded ? 'Less' : 'Details'}
          title={props.expanded ? 'Less' : 'Details'}
          onClick={() => props.onToggle(props.index)}
        >
          {props.expanded ? '▾' : '▸'}
        </button>
      </div>
      {props.expanded && <BacklinkDetails item={b} id={detailsId} />}
    </div>
  );
}
