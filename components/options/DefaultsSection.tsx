import type { ComponentChildren } from 'preact';
import { estimateCost } from '../../lib/dataforseo/cost';
import { formatMoney } from '../../lib/format';
import type { Settings } from '../../lib/settings';
import { fieldText, type NumberField } from './form';

export type SaveStatus = { phase: 'idle' } | { phase: 'pending' } | { phase: 'saving' } | { phase: 'saved' } | { phase: 'error'; message: string };

/** Settings that are not typed as text (checkboxes and selects). */
export type ChoiceField = 'includeSubdomains' | 'statusType' | 'rankScale' | 'excludeInternalBacklinks' | 'includeIndirectLinks' | 'autoCheckInPanel';

export interface DefaultsSectionProps {
  settings: Settings;
  /** What the user typed in number fields, while it differs from the saved value. */
  drafts: Partial<Record<NumberField, string>>;
  /** One sentence per number field that cannot be saved as typed. */
  fieldErrors: Partial<Record<NumberField, string>>;
  status: SaveStatus;
  onChoice: <K extends ChoiceField>(field: K, value: Settings[K]) => void;
  onText: (field: NumberField, text: string) => void;
  /** Leaving a number field: save at once instead of waiting. */
  onCommit: () => void;
}

const testIds: Partial<Record<keyof Settings, string>> = {
  includeSubdomains: 'include-subdomains',
  statusType: 'status-type',
  rankScale: 'rank-scale',
  excludeInternalBacklinks: 'exclude-internal',
  includeIndirectLinks: 'include-indirect',
  autoCheckInPanel: 'auto-check',
  anchorsPageSize: 'anchors-page-size',
  backlinksPageSize: 'backlinks-page-size',
  cacheHours: 'cache-hours',
  dailyBudget: 'daily-budget',
  aisaPerMinute: 'aisa-per-minute',
};

/** Query defaults, cache, budget and rate: every change is saved by itself (debounced). */
export function DefaultsSection(props: DefaultsSectionProps) {
  const { settings } = props;

  const check = (field: ChoiceField & keyof Settings, label: string, hint: string) => (
    <div class="field check">
      <input
        id={field}
        type="checkbox"
        data-testid={testIds[field]}
        checked={settings[field] as boolean}
        aria-describedby={`${field}-hint`}
        onChange={(e) => props.onChoice(field, e.currentTarget.checked as never)}
      />
      <label for={field}>{label}</label>
      <div class="hint" id={`${field}-hint`}>
        {hint}
      </div>
    </div>
  );

  const number = (field: NumberField, label: string, hint: ComponentChildren, attrs: { min: number; max: number; step: number; placeholder?: string }) => {
    const error = props.fieldErrors[field];
    return (
      <div class="field">
        <label for={field}>{label}</label>
        <input
          id={field}
          type="text"
          inputMode={attrs.step < 1 ? 'decimal' : 'numeric'}
          class="short"
          data-testid={testIds[field]}
          placeholder={attrs.placeholder}
          value={props.drafts[field] ?? fieldText(field, settings)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${field}-hint${error ? ` ${field}-error` : ''}`}
          onInput={(e) => props.onText(field, e.currentTarget.value)}
          onBlur={props.onCommit}
        />
        <div class="hint" id={`${field}-hint`}>
          {hint}
        </div>
        {error && (
          <div class="field-error" id={`${field}-error`} role="alert" data-testid={`${testIds[field]}-error`}>
            {error}
          </div>
        )}
      </div>
    );
  };

  const pageCost = (rows: number) => formatMoney(estimateCost('backlinks', rows));

  return (
    <section class="card" aria-labelledby="defaults-title">
      <div class="card-head">
        <h2 id="defaults-title">Defaults</h2>
        <SaveIndicator status={props.status} />
      </div>
      <p class="muted">Used by every new check. Changes are saved as you make them; checks already cached keep their own settings.</p>
      {props.status.phase === 'error' && (
        <div class="field-error" role="alert" data-testid="defaults-error">
          {props.status.message}
        </div>
      )}

      <h3>What counts as a backlink</h3>
      {check('includeSubdomains', 'Include subdomains', 'Links to blog.example.com count for example.com.')}
      <div class="field">
        <label for="statusType">Backlink status</label>
        <select
          id="statusType"
          data-testid="status-type"
          value={settings.statusType}
          onChange={(e) => props.onChoice('statusType', e.currentTarget.value as Settings['statusType'])}
        >
          <option value="live">Live — links found on the last crawl</option>
          <option value="all">All — live and lost</option>
          <option value="lost">Lost — links that disappeared</option>
        </select>
      </div>
      {check('excludeInternalBacklinks', 'Exclude internal backlinks', 'Ignore links between subdomains of the same site.')}
      {check('includeIndirectLinks', 'Include indirect links', 'Count links that reach the site through redirects or canonical tags.')}
      <div class="field">
        <label for="rankScale">Rank scale</label>
        <select
          id="rankScale"
          data-testid="rank-scale"
          value={settings.rankScale}
          onChange={(e) => props.onChoice('rankScale', e.currentTarget.value as Settings['rankScale'])}
        >
          <option value="one_hundred">0–100</option>
          <option value="one_thousand">0–1000</option>
        </select>
      </div>

      <h3>Lists</h3>
      {number('anchorsPageSize', 'Anchors per page', 'Rows per anchors request (10–1000).', { min: 10, max: 1000, step: 1 })}
      {number(
        'backlinksPageSize',
        'Backlinks per page',
        <>
          Rows per backlinks request (10–1000). Each row adds to the cost: 100 rows ≈ {pageCost(100)}, 1000 rows ≈ {pageCost(1000)} per page.
        </>,
        { min: 10, max: 1000, step: 1 },
      )}

      <h3>Cache and spending</h3>
      {number('cacheHours', 'Cache lifetime (hours)', 'Repeat checks within this time are answered from the cache for free. 0 = always ask the API.', {
        min: 0,
        max: 720,
        step: 1,
      })}
      {number('dailyBudget', 'Daily budget (USD)', 'Checks that would cross it are refused. Leave empty for no cap.', {
        min: 0,
        max: 10000,
        step: 0.01,
        placeholder: 'No cap',
      })}
      {check(
        'autoCheckInPanel',
        'Automatic checks in the side panel',
        'While the side panel is open, check each new site you visit (paid, within the daily budget) instead of offering a button.',
      )}
      {number('aisaPerMinute', 'AIsa requests per minute', 'Only for the AIsa gateway; its free tier allows 60.', { min: 1, max: 2000, step: 1 })}
    </section>
  );
}

function SaveIndicator(props: { status: SaveStatus }) {
  const s = props.status;
  const text = s.phase === 'saving' || s.phase === 'pending' ? 'Saving…' : s.phase === 'saved' ? 'Saved' : s.phase === 'error' ? 'Not saved' : '';
  return (
    <span class={`save-status ${s.phase}`} role="status" data-testid="saved-status" data-phase={s.phase}>
      {text}
    </span>
  );
}
