import { useEffect, useState } from 'preact/hooks';
import { Capped } from '@/components/common/text';
import { Count } from '@/components/common/Count';
import { ListFrame } from '@/entrypoints/sidepanel/components/ListFrame';
import { TextFilter } from '@/entrypoints/sidepanel/components/Controls';
import { usePagedList } from '@/entrypoints/sidepanel/usePagedList';
import type { ViewProps } from '@/entrypoints/sidepanel/viewProps';
import { useKeptState } from '@/entrypoints/sidepanel/panelStore';
import { dofollowBacklinks, REFERRING_DOMAIN_SORTS, type ReferringDomainSort } from '@/lib/dataforseo/endpoints/referringDomains';
import type { ReferringDomain, ReferringDomainsParams } from '@/lib/dataforseo/endpoints/referringDomains.schema';
import { formatDate, formatExact } from '@/lib/format';
import { queryOptionsFrom } from '@/lib/settings/query';
import { t, type MessageKey } from '@/lib/i18n';

/** Rows a page asks for. */
export const REFERRING_DOMAINS_PAGE = 100;

/** The sort options' labels (message keys, looked up where the options are drawn). */
const SORT_LABEL: Record<ReferringDomainSort, MessageKey> = {
  rank: 'panelRank',
  backlinks: 'panelSortBacklinks',
  firstSeen: 'panelFirstSeen',
  referringPages: 'panelSortLinkingPages',
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
        {d.domain ? <Capped text={d.domain} /> : <span class="placeholder">{t('panelNoDomainGiven')}</span>}
      </div>
      <div class="an-metrics">
        <span class="metric" title={t('panelRank')}>
          <span class="metric-label">{t('panelRank')}</span> <span class="num" data-testid="rd-rank">{formatExact(d.rank)}</span>
        </span>
        <span class="metric" title={t('panelTitleBacklinks', formatExact(d.backlinks))}>
          <Count value={d.backlinks} /> <span class="metric-label">{t('panelMetricLinks')}</span>
        </span>
        <span class="metric" title={t('panelShareTitle')}>
          <span class="num" data-testid="rd-dofollow">{dofollowShare(d)}</span> <span class="metric-label">{t('panelDofollow')}</span>
        </span>
        {d.country && <span class="faint" title={t('panelCountryTitle')}>{d.country}</span>}
        <span class="faint" title={t('panelFirstSeen')}>
          {t('panelSince', formatDate(d.firstSeen))}
        </span>
        {d.lostDate && <span class="badge warn">{t('panelLostOn', formatDate(d.lostDate))}</span>}
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
      <span class="sr-only">{t('panelMinRank')}</span>
      <input
        data-testid="rd-min-rank"
        type="number"
        min={0}
        placeholder={t('panelMinRankHint')}
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
        <legend class="sr-only">{t('panelDomainsControls')}</legend>
        <div class="control-row">
          <label class="field">
            <span class="sr-only">{t('panelSortDomainsBy')}</span>
            <select data-testid="rd-sort" value={choice.sort} onChange={(e) => setChoice({ ...choice, sort: e.currentTarget.value as ReferringDomainSort })}>
              {REFERRING_DOMAIN_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(SORT_LABEL[s])}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            data-testid="rd-dir"
            title={choice.dir === 'desc' ? t('panelDirDescTitle') : t('panelDirAscTitle')}
            onClick={() => setChoice({ ...choice, dir: choice.dir === 'desc' ? 'asc' : 'desc' })}
          >
            {choice.dir === 'desc' ? '↓' : '↑'}
          </button>
          <TextFilter
            testId="rd-text"
            label={t('panelFilterDomainsLabel')}
            placeholder={t('panelFilterDomainsHint')}
            value={choice.text}
            onApply={(text) => setChoice({ ...choice, text })}
          />
          <MinRank value={choice.minRank} onApply={(minRank) => setChoice({ ...choice, minRank })} />
        </div>
      </fieldset>
      <ListFrame
        list={list}
        target={target}
        nouns={{ total: 'panelDomainsTotal', noSaved: 'panelDomainsNoSaved', label: 'panelTabReferringDomains' }}
        emptyText={filtered ? t('panelDomainsNoMatch') : t('panelDomainsNone')}
        estimate={58}
        renderRow={(item) => <DomainRow item={item} />}
      />
    </>
  );
}
