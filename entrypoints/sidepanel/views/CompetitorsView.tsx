import { Count } from '@/components/common/Count';
import { ListFrame } from '@/entrypoints/sidepanel/components/ListFrame';
import { usePagedList } from '@/entrypoints/sidepanel/usePagedList';
import type { ViewProps } from '@/entrypoints/sidepanel/viewProps';
import { useKeptState } from '@/entrypoints/sidepanel/panelStore';
import type { Competitor, CompetitorsParams } from '@/lib/dataforseo/endpoints/competitors.schema';
import { formatExact } from '@/lib/format';
import { readLookupTarget, type LookupTarget } from '@/lib/lookupTarget';
import { t } from '@/lib/i18n';

/** Rows a page asks for. */
export const COMPETITORS_PAGE = 100;

/** A competitor's domain as a target to check, or null when it is not a usable domain. */
export function competitorTarget(domain: string | null): LookupTarget | null {
  if (!domain) return null;
  return readLookupTarget({ scope: 'domain', value: domain, display: domain });
}

function CompetitorRow(props: { item: Competitor; onCheck: (t: LookupTarget) => void }) {
  const c = props.item;
  const target = competitorTarget(c.domain);
  return (
    <article class="an" data-testid="co-row">
      <div class="an-text">
        {target ? (
          <button type="button" class="link-button" data-testid="co-check" title={t('panelCheckSite', target.display)} onClick={() => props.onCheck(target)}>
            {target.display}
          </button>
        ) : (
          <span class="placeholder">{c.domain ?? t('panelNoDomainGiven')}</span>
        )}
      </div>
      <div class="an-metrics">
        <span class="metric" title={t('panelSharedTitle')}>
          <Count value={c.intersections} /> <span class="metric-label">{t('panelSharedDomains')}</span>
        </span>
        <span class="metric" title={t('panelRank')}>
          <span class="metric-label">{t('panelRank')}</span> <span class="num" data-testid="co-rank">{formatExact(c.rank)}</span>
        </span>
      </div>
    </article>
  );
}

/** Sites sharing referring domains with the target; clicking one checks it. */
export default function CompetitorsView(props: ViewProps) {
  const [sort, setSort] = useKeptState<CompetitorsParams['sort']>(props.store.keep('competitors.sort'), 'intersections');
  const { target, settings } = props;
  const params: CompetitorsParams = {
    target,
    excludeInternalBacklinks: settings.settings.excludeInternalBacklinks,
    rankScale: settings.settings.rankScale,
    limit: COMPETITORS_PAGE,
    offset: 0,
    sort,
  };
  const list = usePagedList('competitors', {
    key: `${target.scope}|${target.value}|${sort}`,
    params,
    mode: props.armed ? 'normal' : 'cacheOnly',
    enabled: props.active,
    onSpend: props.arm,
    keep: props.store.keep('competitors.list'),
  });
  return (
    <>
      <fieldset class="controls">
        <legend class="sr-only">{t('panelSortCompetitors')}</legend>
        <div class="control-row">
          <label class="field">
            <span class="sr-only">{t('panelSortCompetitorsBy')}</span>
            <select data-testid="co-sort" value={sort} onChange={(e) => setSort(e.currentTarget.value as CompetitorsParams['sort'])}>
              <option value="intersections">{t('panelSortMostShared')}</option>
              <option value="rank">{t('panelSortHighestRank')}</option>
            </select>
          </label>
        </div>
      </fieldset>
      <ListFrame
        list={list}
        target={target}
        nouns={{ total: 'panelCompetitorsTotal', noSaved: 'panelCompetitorsNoSaved', label: 'panelTabCompetitors' }}
        emptyText={t('panelCompetitorsNone')}
        estimate={48}
        renderRow={(item) => <CompetitorRow item={item} onCheck={(next) => props.store.showTarget(next, { armed: true, site: null })} />}
      />
    </>
  );
}
