import { Capped, Count } from '@/components/common';
import { formatDate, formatExact, formatShare } from '@/lib/format';
import type { AnchorsPage } from '@/lib/model';
import { anchorLabel, anchorNofollow } from './logic';

/** The top anchors as a small table; anchor text is rendered as text only. */
export function AnchorsView(props: { page: AnchorsPage }) {
  const { items, totalCount } = props.page;
  if (items.length === 0) {
    return (
      <p class="faint p-empty" data-testid="anchors-empty">
        No anchors found for this target.
      </p>
    );
  }
  return (
    <table class="p-anchors" data-testid="anchors-table">
      <caption class="sr-only">
        Top {items.length} anchors{totalCount != null ? ` of ${formatExact(totalCount)}` : ''}, by backlinks
      </caption>
      <thead>
        <tr>
          <th scope="col" class="a-text" title="Text of the backlinks (empty for image and empty links)">Anchor</th>
          <th scope="col" class="num" title="Number of backlinks with this anchor">Links</th>
          <th scope="col" class="num" title="Number of referring domains with backlinks with this anchor">Domains</th>
          <th scope="col" class="num" title="Share of referring domains with at least one nofollow link with this anchor (else of referring pages)">Nofollow</th>
          <th scope="col" class="num" title="When the crawler first found a backlink with this anchor">First seen</th>
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
                  <span class="p-anchor-empty" title="Links without text (images, empty links)">
                    {anchorLabel(a.anchor)}
                  </span>
                ) : (
                  <Capped class="p-anchor" text={anchorLabel(a.anchor)} max={120} />
                )}
              </td>
              <td class="num"><Count value={a.backlinks} /></td>
              <td class="num"><Count value={a.referringDomains} /></td>
              <td class="num" title={nf ? `${formatExact(nf.part)} of ${formatExact(nf.whole)} ${nf.by === 'domains' ? 'referring domains' : 'referring pages'} have at least one nofollow link with this anchor` : undefined}>
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
