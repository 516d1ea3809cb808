import { useEffect, useRef, useState } from 'preact/hooks';
import type { AnchorsParams, BacklinkFilters } from '@/lib/params.schema';
import type { BacklinksView } from '@/entrypoints/sidepanel/panelState';
import { t, type MessageKey } from '@/lib/i18n';

/** Pause after typing before a text filter is applied (Enter applies at once). */
export const TEXT_FILTER_DELAY_MS = 600;

/** A text filter applied on Enter or after a pause in typing, never on every key. */
export function TextFilter(props: { value: string; onApply: (text: string) => void; placeholder: string; label: string; testId: string }) {
  const [text, setText] = useState(props.value);
  const apply = useRef(props.onApply);
  apply.current = props.onApply;
  const applied = useRef(props.value);

  useEffect(() => {
    applied.current = props.value;
    setText(props.value);
  }, [props.value]);

  useEffect(() => {
    if (text.trim() === applied.current.trim()) return;
    const timer = setTimeout(() => {
      applied.current = text.trim();
      apply.current(text.trim());
    }, TEXT_FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <input
      type="search"
      class="text-filter"
      data-testid={props.testId}
      aria-label={props.label}
      placeholder={props.placeholder}
      maxLength={200}
      value={text}
      onInput={(e) => setText(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          applied.current = text.trim();
          apply.current(text.trim());
        }
      }}
    />
  );
}

/* The option tables keep message keys; the text is looked up where the options are drawn. */
const SORTS: { value: BacklinksView['sort']; label: MessageKey }[] = [
  { value: 'rank', label: 'panelBacklinkRank' },
  { value: 'domainRank', label: 'panelSortDomainRank' },
  { value: 'pageRank', label: 'panelSortPageRank' },
  { value: 'firstSeen', label: 'panelFirstSeen' },
  { value: 'lastSeen', label: 'panelLastSeen' },
];

const MODES: { value: BacklinksView['mode']; label: MessageKey }[] = [
  { value: 'as_is', label: 'panelModeAll' },
  { value: 'one_per_domain', label: 'panelModePerDomain' },
  { value: 'one_per_anchor', label: 'panelModePerAnchor' },
];

const TYPES: { value: BacklinkFilters['itemType']; label: MessageKey }[] = [
  { value: 'any', label: 'panelTypeAny' },
  { value: 'anchor', label: 'panelTypeText' },
  { value: 'image', label: 'panelTypeImage' },
  { value: 'redirect', label: 'panelTypeRedirect' },
  { value: 'canonical', label: 'panelTypeCanonical' },
  { value: 'meta', label: 'panelTypeMeta' },
  { value: 'alternate', label: 'panelTypeAlternate' },
];

function dirLabels(sort: BacklinksView['sort']): { desc: string; asc: string } {
  return sort === 'firstSeen' || sort === 'lastSeen'
    ? { desc: t('panelNewestFirst'), asc: t('panelOldestFirst') }
    : { desc: t('panelHighestFirst'), asc: t('panelLowestFirst') };
}

function Check(props: { testId: string; label: string; checked: boolean; onChange: (v: boolean) => void; title?: string }) {
  return (
    <label class="check" title={props.title}>
      <input type="checkbox" data-testid={props.testId} checked={props.checked} onChange={(e) => props.onChange(e.currentTarget.checked)} />
      {props.label}
    </label>
  );
}


/** Sort, grouping and filters of the backlinks list. Every change is a new request for page 1. */
export function BacklinksControls(props: { view: BacklinksView; onChange: (view: BacklinksView) => void; disabled?: boolean }) {
  const { view } = props;
  const dirs = dirLabels(view.sort);
  const setFilter = (patch: Partial<BacklinkFilters>) => props.onChange({ ...view, filters: { ...view.filters, ...patch } });
  return (
    <fieldset class="controls" disabled={props.disabled}>
      <legend class="sr-only">{t('panelBacklinksControls')}</legend>
      <div class="control-row">
        <label class="field">
          <span class="sr-only">{t('panelSortBy')}</span>
          <select data-testid="sort" value={view.sort} onChange={(e) => props.onChange({ ...view, sort: e.currentTarget.value as BacklinksView['sort'] })}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {t(s.label)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="sr-only">{t('panelDirection')}</span>
          <select data-testid="dir" value={view.dir} onChange={(e) => props.onChange({ ...view, dir: e.currentTarget.value as BacklinksView['dir'] })}>
            <option value="desc">{dirs.desc}</option>
            <option value="asc">{dirs.asc}</option>
          </select>
        </label>
        <label class="field">
          <span class="sr-only">{t('panelShow')}</span>
          <select data-testid="mode" value={view.mode} onChange={(e) => props.onChange({ ...view, mode: e.currentTarget.value as BacklinksView['mode'] })}>
            {MODES.map((m) => (
              <option key={m.value} value={m.value}>
                {t(m.label)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="control-row checks">
        <Check testId="f-dofollow" label={t('panelFilterDofollow')} checked={view.filters.dofollowOnly} onChange={(v) => setFilter({ dofollowOnly: v })} title={t('panelFilterDofollowTitle')} />
        {/* A link is never both new and lost: ticking one unticks the other. */}
        <Check testId="f-new" label={t('panelFilterNew')} checked={view.filters.newOnly} onChange={(v) => setFilter(v ? { newOnly: true, lostOnly: false } : { newOnly: false })} title={t('panelFilterNewTitle')} />
        <Check testId="f-lost" label={t('panelFilterLost')} checked={view.filters.lostOnly} onChange={(v) => setFilter(v ? { lostOnly: true, newOnly: false } : { lostOnly: false })} title={t('panelFilterLostTitle')} />
        <Check testId="f-broken" label={t('panelFilterBroken')} checked={view.filters.brokenOnly} onChange={(v) => setFilter({ brokenOnly: v })} title={t('panelFilterBrokenTitle')} />
        <label class="field">
          <span class="sr-only">{t('panelLinkType')}</span>
          <select data-testid="f-type" value={view.filters.itemType} onChange={(e) => setFilter({ itemType: e.currentTarget.value as BacklinkFilters['itemType'] })}>
            {TYPES.map((type) => (
              <option key={type.value} value={type.value}>
                {t(type.label)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {/* While "Lost" is ticked the list is asked with the link status "lost", whatever the options say. */}
      {view.filters.lostOnly && (
        <p class="note" data-testid="lost-note">
          {t('panelLostNote')}
        </p>
      )}
      <div class="control-row">
        <TextFilter
          testId="f-text"
          label={t('panelFilterTextLabel')}
          placeholder={t('panelFilterTextHint')}
          value={view.filters.text}
          onApply={(text) => setFilter({ text })}
        />
      </div>
    </fieldset>
  );
}

const ANCHOR_SORTS: { value: AnchorsParams['sort']; label: MessageKey }[] = [
  { value: 'backlinks', label: 'panelSortMostBacklinks' },
  { value: 'referringDomains', label: 'panelSortMostDomains' },
  { value: 'rank', label: 'panelSortHighestRank' },
  { value: 'firstSeen', label: 'panelSortNewest' },
];

export interface AnchorsView {
  sort: AnchorsParams['sort'];
  text: string;
}

export function AnchorsControls(props: { view: AnchorsView; onChange: (view: AnchorsView) => void; disabled?: boolean }) {
  return (
    <fieldset class="controls" disabled={props.disabled}>
      <legend class="sr-only">{t('panelAnchorsControls')}</legend>
      <div class="control-row">
        <label class="field">
          <span class="sr-only">{t('panelSortAnchorsBy')}</span>
          <select
            data-testid="sort"
            value={props.view.sort}
            onChange={(e) => props.onChange({ ...props.view, sort: e.currentTarget.value as AnchorsParams['sort'] })}
          >
            {ANCHOR_SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {t(s.label)}
              </option>
            ))}
          </select>
        </label>
        <TextFilter
          testId="f-text"
          label={t('panelFilterAnchorsLabel')}
          placeholder={t('panelFilterAnchorsHint')}
          value={props.view.text}
          onApply={(text) => props.onChange({ ...props.view, text })}
        />
      </div>
    </fieldset>
  );
}
