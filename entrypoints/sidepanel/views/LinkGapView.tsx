import { Capped } from '@/components/common/text';
import { ListFrame } from '@/entrypoints/sidepanel/components/ListFrame';
import type { ListState } from '@/entrypoints/sidepanel/pagedList';
import { usePagedList } from '@/entrypoints/sidepanel/usePagedList';
import type { ViewProps } from '@/entrypoints/sidepanel/viewProps';
import { useKeptState } from '@/entrypoints/sidepanel/panelStore';
import type { Competitor } from '@/lib/dataforseo/endpoints/competitors.schema';
import { MAX_INTERSECTION_TARGETS } from '@/lib/dataforseo/endpoints/domainIntersection';
import type { DomainIntersectionParams, IntersectionDomain } from '@/lib/dataforseo/endpoints/domainIntersection.schema';
import { formatExact } from '@/lib/format';
import { queryOptionsFrom } from '@/lib/settings/query';
import type { LookupTarget } from '@/lib/lookupTarget';
import { t } from '@/lib/i18n';

/** Rows a page asks for. */
export const LINK_GAP_PAGE = 100;
/** Competitors pre-filled: the user's site is left out, so up to the API's 20 targets less one. */
export const LINK_GAP_COMPETITORS = MAX_INTERSECTION_TARGETS - 1;

/** The top competitors the Competitors view has loaded (kept in the store), as text, one per line. */
export function prefill(kept: unknown): string {
  const list = kept as ListState<Competitor, unknown> | undefined;
  const domains = (list?.items ?? []).map((c) => c.domain).filter((d): d is string => !!d);
  return domains.slice(0, LINK_GAP_COMPETITORS).join('\n');
}

/** The lines of the competitors box → domain targets (blank lines dropped; the builder checks each). */
export function competitorTargets(text: string): LookupTarget[] {
  return text
    .split(/\s*[\n,]\s*/)
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '')
    .map((value) => ({ scope: 'domain' as const, value, display: value }));
}

function GapRow(props: { item: IntersectionDomain }) {
  const d = props.item;
  const linked = d.links.filter((l) => l.backlinks !== null).map((l) => l.target ?? '?');
  return (
    <article class="an" data-testid="gap-row">
      <div class="an-text">{d.domain ? <Capped text={d.domain} /> : <span class="placeholder">{t('panelNoDomainGiven')}</span>}</div>
      <div class="an-metrics">
        <span class="metric" title={t('panelRank')}>
          <span class="metric-label">{t('panelRank')}</span> <span class="num">{formatExact(d.rank)}</span>
        </span>
        <span class="metric" title={t('panelGapLinksTo', linked.join(', '))}>
          <span class="num" data-testid="gap-count">{formatExact(d.intersections)}</span> <span class="metric-label">{t('panelGapOfCompetitors')}</span>
        </span>
      </div>
    </article>
  );
}

/** Domains linking to the competitors but not to the user's site (domain_intersection with exclude_targets). */
export default function LinkGapView(props: ViewProps) {
  const { target, settings } = props;
  const [text, setText] = useKeptState<string>(props.store.keep('linkGap.text'), prefill(props.store.keep('competitors.list').get()));
  const [asked, setAsked] = useKeptState<string | null>(props.store.keep('linkGap.asked'), null);
  const competitors = competitorTargets(asked ?? '');
  const params: DomainIntersectionParams | null =
    competitors.length > 0
      ? {
          target: competitors[0]!,
          moreTargets: competitors.slice(1),
          excludeTargets: [target],
          mode: 'partial',
          options: queryOptionsFrom(settings.settings),
          limit: LINK_GAP_PAGE,
          offset: 0,
        }
      : null;
  const list = usePagedList('domainIntersection', {
    key: params ? `${target.scope}|${target.value}|${competitors.map((c) => c.value).join(',')}` : null,
    params,
    mode: 'normal',
    enabled: props.active && asked !== null,
    onSpend: props.arm,
    keep: props.store.keep('linkGap.list'),
  });
  return (
    <>
      <fieldset class="controls">
        <legend class="sr-only">{t('panelGapLegend')}</legend>
        <label class="field">
          <span class="faint">{t('panelGapHelp', String(LINK_GAP_COMPETITORS), target.display || target.value)}</span>
          <textarea data-testid="gap-competitors" rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <button
          type="button"
          class="primary"
          data-testid="gap-run"
          disabled={competitorTargets(text).length === 0}
          onClick={() => {
            props.arm();
            setAsked(text);
          }}
        >
          {t('panelGapRun')}
        </button>
      </fieldset>
      {asked === null ? (
        <div class="pad faint">{text ? t('panelGapReady') : t('panelGapEmpty')}</div>
      ) : (
        <ListFrame
          list={list}
          target={target}
          nouns={{ total: 'panelGapTotal', noSaved: 'panelGapNoSaved', label: 'panelGapLabel' }}
          emptyText={t('panelGapNone')}
          estimate={48}
          renderRow={(item) => <GapRow item={item} />}
        />
      )}
    </>
  );
}
