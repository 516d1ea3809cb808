import type { PublicSettings } from '@/lib/messages';
import { Fragment, type ComponentChildren } from 'preact';
import { formatMoney } from '@/lib/format';
import { fieldFormLabel, fieldHelp, fieldSpec, FORM_SECTIONS, numberSpec, type FormCard, type SettingKey, type Settings } from '@/lib/settings/fields';
import type { Provider } from '@/lib/providers';
import { t } from '@/lib/i18n';
import { fieldText, type NumberField } from './form';

export type SaveStatus = { phase: 'idle' } | { phase: 'pending' } | { phase: 'saving' } | { phase: 'saved' } | { phase: 'error'; message: string };

/** Settings that are not typed as text (checkboxes and selects); the provider is set in the Credentials card. */
export type ChoiceField = Exclude<SettingKey, NumberField | 'provider'>;

export interface SettingFieldsProps {
  settings: Settings;
  /** Prices the worker quoted (the page prices nothing itself). */
  quotes: PublicSettings['quotes'];
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

const testId = (field: SettingKey): string | undefined => fieldSpec(field).testId;

/** What a help line adds that depends on more than the table (the price of a page of rows, as the worker quoted it). */
const EXTRA_HINT: Partial<Record<NumberField, (quotes: PublicSettings['quotes']) => ComponentChildren>> = {
  backlinksPageSize: (q) => [' ', t(q.free ? 'optionsBacklinksCostFree' : 'optionsBacklinksCost', formatMoney(q.backlinks100), formatMoney(q.backlinks1000))],
};

/**
 * The settings one card of the options page shows (FORM_SECTIONS), each saved by itself (debounced).
 * A section tied to a provider is shown only while that provider is chosen in the form.
 */
export function SettingFields(props: SettingFieldsProps & { card: FormCard; provider?: Provider; headings?: boolean }) {
  const { settings } = props;

  const check = (field: ChoiceField) => (
    <div class="field check">
      <input
        id={field}
        type="checkbox"
        data-testid={testId(field)}
        checked={settings[field] as boolean}
        aria-describedby={`${field}-hint`}
        onChange={(e) => props.onChoice(field, e.currentTarget.checked as never)}
      />
      <label for={field}>{fieldFormLabel(field)}</label>
      <div class="hint" id={`${field}-hint`}>
        {fieldHelp(field)}
      </div>
    </div>
  );

  const select = (field: ChoiceField) => {
    const spec = fieldSpec(field);
    const labels = spec.kind === 'choice' ? (spec.choiceLabels ?? {}) : {};
    return (
      <div class="field">
        <label for={field}>{fieldFormLabel(field)}</label>
        <select id={field} data-testid={testId(field)} value={String(settings[field])} onChange={(e) => props.onChoice(field, e.currentTarget.value as never)}>
          {spec.kind === 'choice' &&
            spec.choices.map((c) => (
              <option key={c} value={c}>
                {labels[c] ? t(labels[c]) : c}
              </option>
            ))}
        </select>
      </div>
    );
  };

  const number = (field: NumberField) => {
    const error = props.fieldErrors[field];
    const spec = numberSpec(field);
    const step = spec.step ?? 1;
    return (
      <div class="field">
        <label for={field}>{fieldFormLabel(field)}</label>
        <input
          id={field}
          type="text"
          inputMode={step < 1 ? 'decimal' : 'numeric'}
          class="short"
          data-testid={testId(field)}
          placeholder={spec.placeholderKey && t(spec.placeholderKey)}
          value={props.drafts[field] ?? fieldText(field, settings)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${field}-hint${error ? ` ${field}-error` : ''}`}
          onInput={(e) => props.onText(field, e.currentTarget.value)}
          onBlur={props.onCommit}
        />
        <div class="hint" id={`${field}-hint`}>
          {fieldHelp(field)}
          {EXTRA_HINT[field]?.(props.quotes)}
        </div>
        {error && (
          <div class="field-error" id={`${field}-error`} role="alert" data-testid={`${testId(field)}-error`}>
            {error}
          </div>
        )}
      </div>
    );
  };


  const sections = FORM_SECTIONS.filter((s) => s.card === props.card && (!s.provider || s.provider === props.provider));
  return (
    <>
      {sections.map((section) => (
        <Fragment key={section.titleKey}>
          {props.headings !== false && <h3>{t(section.titleKey)}</h3>}
          {section.fields.map((field) => {
            const kind = fieldSpec(field).kind;
            if (kind === 'number') return number(field as NumberField);
            return kind === 'boolean' ? check(field as ChoiceField) : select(field as ChoiceField);
          })}
        </Fragment>
      ))}
    </>
  );
}

/** What counts as a backlink and the list sizes: the defaults of every new check. */
export function DefaultsSection(props: SettingFieldsProps) {
  return (
    <section class="card" id="defaults" aria-labelledby="defaults-title">
      <h2 id="defaults-title">{t('optionsDefaultsTitle')}</h2>
      <p class="muted">{t('optionsDefaultsNote')}</p>
      <SettingFields {...props} card="defaults" />
    </section>
  );
}

/** Where saving stands (one for the whole page: settings are saved wherever they are shown). */
export function SaveStatusLine(props: { status: SaveStatus }) {
  return (
    <>
      <SaveIndicator status={props.status} />
      {props.status.phase === 'error' && (
        <div class="field-error" role="alert" data-testid="defaults-error">
          {props.status.message}
        </div>
      )}
    </>
  );
}

function SaveIndicator(props: { status: SaveStatus }) {
  const s = props.status;
  const text =
    s.phase === 'saving' || s.phase === 'pending' ? t('optionsSaving') : s.phase === 'saved' ? t('optionsSaved') : s.phase === 'error' ? t('optionsNotSaved') : '';
  return (
    <span class={`save-status ${s.phase}`} role="status" data-testid="saved-status" data-phase={s.phase}>
      {text}
    </span>
  );
}
