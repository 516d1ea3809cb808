import { useEffect, useState } from 'preact/hooks';
import { Capped, Count } from '@/components/common';
import { ListFrame } from '@/entrypoints/sidepanel/components/ListFrame';
import { TextFilter } from '@/entrypoints/sidepanel/components/Controls';
import { usePagedList } from '@/entrypoints/sidepanel/usePagedList';
import type { ViewProps } from '@/entrypoints/sidepanel/viewProps';
import { useKeptState } from '@/entrypoints/sidepanel/panelStore';
import { dofollowBacklinks, REFERRING_DOMAIN_SORTS, type ReferringDomainSort } from '@/lib/dataforseo/endpoints/referringDomains';
import type { ReferringDomain, ReferringDomainsParams } from '@/lib/dataforseo/endpoints/referringDomains.schema';
import { formatDate, formatExact } from '@/lib/format';
import { queryOptionsFrom } from '@/lib/settings/query';

/** Rows a page asks for. */
export const REFERRING_DOMAINS_PAGE = 100;

const SORT_LABEL: Record<ReferringDomainSort, string> = {
  rank: 'Rank',
  backlinks: 'Backlinks',
  firstSeen: 'First seen',
  referringPages: 'Linking pages',
};

interface Choice {
  sort: ReferringDomainSort;
  dir: 'desc' | 'asc';
  text: string;
  minRank: number | null;
}

/** "62%" dofollow share of a domain's backlinks; "—" when unknown. */
export function dofollowShare(d: Pick<ReferringDomain, 'backlinks' | 'nofollowBacklinks'>): string {
  const follow = dofollowBacklinks(d);
  if (follow === null || !d.backlinks) return '—';
  return `${Math.round((100 * follow) / d.backlinks)}%`;
}

function DomainRow(props: { item: ReferringDomain }) {
  const d = props.item;
  return (
    <article class="an" data-testid="rd-row">
      <div class="an-text">
        {d.domain ? <Capped text={d.domain} /> : <span class="placeholder">no domain given</span>}
      </div>
      <div class="an-metrics">
        <span class="metric" title="Rank">
          <span class="metric-label">Rank</span> <span class="num" data-testid="rd-rank">{formatExact(d.rank)}</span>
        </span>
        <span class="metric" title={`Backlinks: ${formatExact(d.backlinks)}`}>
          <Count value={d.backlinks} /> <span class="metric-label">links</span>
        </span>
        <span class="metric" title="Share of its backlinks without nofollow">
          <span class="num" data-testid="rd-dofollow">{dofollowShare(d)}</span> <span class="metric-label">dofollow</span>
        </span>
        {d.country && <span class="faint" title="Country most of its links come from">{d.country}</span>}
        <span class="faint" title="First seen">since {formatDate(d.firstSeen)}</span>
        {d.lostDate && <span class="badge warn">lost {formatDate(d.lostDate)}</span>}
      </div>
    </article>
  );
}

/**
 * The minimum rank box: what is typed stays while the list re-renders, and is applied (one request)
 * when the box is left or Enter is pressed.
 */
function MinRank(props: { value: number | null; onApply: (v: number | null) => void }) {
  const [text, setText] = useState(props.value === null ? '' : String(props.value));
  useEffect(() => setText(props.value === null ? '' : String(props.value)), [props.value]);
  const apply = () => {
    const raw = text.trim();
    const n = raw === '' ? null : Number(raw);
    const next = n === null || !Number.isFinite(n) ? null : n;
    if (next !== props.value) props.onApply(next);
  };
  return (
    <label class="field">
      <span class="sr-only">Minimum rank</span>
      <input
        data-testid="rd-min-rank"
        type="number"
        min={0}
        placeholder="Min rank"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onBlur={apply}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
      />
    </label>
  );
}

/** The domains linking to the target: sort, direction and filters are sent to the API. */
export default function ReferringDomainsView(props: ViewProps) {
  const [choice, setChoice] = useKeptState<Choice>(props.store.keep('referringDomains.choice'), { sort: 'rank', dir: 'desc', text: '', minRank: null });
  const { target, settings } = props;
  const params: ReferringDomainsParams = {
    target,
    options: queryOptionsFrom(settings.settings),
    limit: REFERRING_DOMAINS_PAGE,
    offset: 0,
    sort: choice.sort,
    dir: choice.dir,
    filters: { text: choice.text, minRank: choice.minRank },
  };
  const list = usePagedList('referringDomains', {
    key: `${target.scope}|${target.value}|${choice.sort}|${choice.dir}|${choice.text}|${choice.minRank ?? ''}`,
    params,
    mode: props.armed ? 'normal' : 'cacheOnly',
    enabled: props.active,
    onSpend: props.arm,
    keep: props.store.keep('referringDomains.list'),
  });
  const filtered = choice.text !== '' || choice.minRank !== null;
  return (
    <>
      <fieldset class="controls">
        <legend class="sr-only">Sort and filter referring domains</legend>
        <div class="control-row">
          <label class="field">
            <span class="sr-only">Sort referring domains by</span>
            <select data-testid="rd-sort" value={choice.sort} onChange={(e) => setChoice({ ...choice, sort: e.currentTarget.value as ReferringDomainSort })}>
              {REFERRING_DOMAIN_SORTS.map((s) => (
                <option key={s} value={s}>
                  {SORT_LABEL[s]}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            data-testid="rd-dir"
            title={choice.dir === 'desc' ? 'Highest first (click for lowest first)' : 'Lowest first (click for highest first)'}
            onClick={() => setChoice({ ...choice, dir: choice.dir === 'desc' ? 'asc' : 'desc' })}
          >
            {choice.dir === 'desc' ? '↓' : '↑'}
          </button>
          <TextFilter testId="rd-text" label="Filter referring domains by name" placeholder="Filter domains…" value={choice.text} onApply={(text) => setChoice({ ...choice, text })} />
          <MinRank value={choice.minRank} onApply={(minRank) => setChoice({ ...choice, minRank })} />
        </div>
      </fieldset>
      <ListFrame
        list={list}
        target={target}
        noun="referring domains"
        emptyText={filtered ? 'No referring domain matches these filters.' : 'No referring domains found for this target.'}
        estimate={58}
        renderRow={(item) => <DomainRow item={item} />}
      />
    </>
  );
}
