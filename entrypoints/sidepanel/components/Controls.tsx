import { useEffect, useRef, useState } from 'preact/hooks';
import type { AnchorsParams, BacklinkFilters } from '@/lib/params.schema';
import type { BacklinksView } from '@/entrypoints/sidepanel/panelState';

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

const SORTS: { value: BacklinksView['sort']; label: string }[] = [
  { value: 'rank', label: 'Backlink rank' },
  { value: 'domainRank', label: 'Domain rank' },
  { value: 'pageRank', label: 'Page rank' },
  { value: 'firstSeen', label: 'First seen' },
  { value: 'lastSeen', label: 'Last seen' },
];

const MODES: { value: BacklinksView['mode']; label: string }[] = [
  { value: 'as_is', label: 'All links' },
  { value: 'one_per_domain', label: 'One per domain' },
  { value: 'one_per_anchor', label: 'One per anchor' },
];

const TYPES: { value: BacklinkFilters['itemType']; label: string }[] = [
  { value: 'any', label: 'Any type' },
  { value: 'anchor', label: 'Text links' },
  { value: 'image', label: 'Image links' },
  { value: 'redirect', label: 'Redirects' },
  { value: 'canonical', label: 'Canonical' },
  { value: 'meta', label: 'Meta' },
  { value: 'alternate', label: 'Alternate' },
];

function dirLabels(sort: BacklinksView['sort']): { desc: string; asc: string } {
  return sort === 'firstSeen' || sort === 'lastSeen' ? { desc: 'Newest first', asc: 'Oldest first' } : { desc: 'Highest first', asc: 'Lowest first' };
}

function Check(props: { testId: string; label: string; checked: boolean; onChange: (v: boolean) => void; title?: string }) {
  return (
    <label class="check" title={props.title}>
      <input type="checkbox" data-testid={props.testId} checked={props.checked} onChange={(e) => props.onChange(e.currentTarget.checked)} />
      {props.label}
    </label>
  );
}

/** Shown while "Lost" is ticked: the list is asked with the link status "lost", whatever the options say. */
export const LOST_NOTE = 'Lost links: showing backlinks with status lost.';

/** Sort, grouping and filters of the backlinks list. Every change is a new request for page 1. */
export function BacklinksControls(props: { view: BacklinksView; onChange: (view: BacklinksView) => void; disabled?: boolean }) {
  const { view } = props;
  const dirs = dirLabels(view.sort);
  const setFilter = (patch: Partial<BacklinkFilters>) => props.onChange({ ...view, filters: { ...view.filters, ...patch } });
  return (
    <fieldset class="controls" disabled={props.disabled}>
      <legend class="sr-only">Sort and filter backlinks</legend>
      <div class="control-row">
        <label class="field">
          <span class="sr-only">Sort by</span>
          <select data-testid="sort" value={view.sort} onChange={(e) => props.onChange({ ...view, sort: e.currentTarget.value as BacklinksView['sort'] })}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="sr-only">Direction</span>
          <select data-testid="dir" value={view.dir} onChange={(e) => props.onChange({ ...view, dir: e.currentTarget.value as BacklinksView['dir'] })}>
            <option value="desc">{dirs.desc}</option>
            <option value="asc">{dirs.asc}</option>
          </select>
        </label>
        <label class="field">
          <span class="sr-only">Show</span>
          <select data-testid="mode" value={view.mode} onChange={(e) => props.onChange({ ...view, mode: e.currentTarget.value as BacklinksView['mode'] })}>
            {MODES.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="control-row checks">
        <Check testId="f-dofollow" label="Dofollow" checked={view.filters.dofollowOnly} onChange={(v) => setFilter({ dofollowOnly: v })} title="Only links that pass link value" />
        {/* A link is never both new and lost: ticking one unticks the other. */}
        <Check testId="f-new" label="New" checked={view.filters.newOnly} onChange={(v) => setFilter(v ? { newOnly: true, lostOnly: false } : { newOnly: false })} title="Only links found since the last crawl" />
        <Check testId="f-lost" label="Lost" checked={view.filters.lostOnly} onChange={(v) => setFilter(v ? { lostOnly: true, newOnly: false } : { lostOnly: false })} title="Only links that disappeared (asks for the link status “lost”)" />
        <Check testId="f-broken" label="Broken" checked={view.filters.brokenOnly} onChange={(v) => setFilter({ brokenOnly: v })} title="Only links to pages that answer with an error" />
        <label class="field">
          <span class="sr-only">Link type</span>
          <select data-testid="f-type" value={view.filters.itemType} onChange={(e) => setFilter({ itemType: e.currentTarget.value as BacklinkFilters['itemType'] })}>
            {TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {view.filters.lostOnly && (
        <p class="note" data-testid="lost-note">
          {LOST_NOTE}
        </p>
      )}
      <div class="control-row">
        <TextFilter
          testId="f-text"
          label="Filter by anchor text or referring domain"
          placeholder="Filter anchor or domain…"
          value={view.filters.text}
          onApply={(text) => setFilter({ text })}
        />
      </div>
    </fieldset>
  );
}

const ANCHOR_SORTS: { value: AnchorsParams['sort']; label: string }[] = [
  { value: 'backlinks', label: 'Most backlinks' },
  { value: 'referringDomains', label: 'Most referring domains' },
  { value: 'rank', label: 'Highest rank' },
  { value: 'firstSeen', label: 'Newest first seen' },
];

export interface AnchorsView {
  sort: AnchorsParams['sort'];
  text: string;
}

export function AnchorsControls(props: { view: AnchorsView; onChange: (view: AnchorsView) => void; disabled?: boolean }) {
  return (
    <fieldset class="controls" disabled={props.disabled}>
      <legend class="sr-only">Sort and filter anchors</legend>
      <div class="control-row">
        <label class="field">
          <span class="sr-only">Sort anchors by</span>
          <select
            data-testid="sort"
            value={props.view.sort}
            onChange={(e) => props.onChange({ ...props.view, sort: e.currentTarget.value as AnchorsParams['sort'] })}
          >
            {ANCHOR_SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <TextFilter
          testId="f-text"
          label="Filter anchors by text"
          placeholder="Filter anchor text…"
          value={props.view.text}
          onApply={(text) => props.onChange({ ...props.view, text })}
        />
      </div>
    </fieldset>
  );
}
