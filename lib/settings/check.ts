import { formatMoney } from '@/lib/format';
import { t } from '@/lib/i18n';
import { FIELD_LABEL, fieldLabel, fieldSpec, SETTING_FIELDS, type SettingKey, type SettingUnit } from './fields';

/**
 * The settings rules without zod, read from the field table (fields.ts), for the options page
 * (which checks what is typed before it sends it) and for sentences about a setting that does not
 * pass. They give exactly what `SettingsSchema` (settings.schema.ts, built from the same table)
 * decides, with the same issue (for an integer past 2^53 zod adds one about the safe range first;
 * the field's own bound is the one named here); check.test.ts holds the two side by side.
 */

/** One problem with one setting, in the terms of a zod issue (a zod issue is one of these too). */
export interface SettingIssue {
  code: string;
  path?: readonly PropertyKey[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
  values?: readonly unknown[];
}

/** The problem with one setting's value, or null when it is valid. */
export function checkSetting(field: SettingKey, value: unknown): SettingIssue | null {
  const path = [field];
  const spec = fieldSpec(field);
  if (spec.kind === 'choice') {
    return typeof value === 'string' && spec.choices.includes(value) ? null : { code: 'invalid_value', values: spec.choices, path };
  }
  if (spec.kind === 'number') {
    if (value === null && spec.nullable) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) return { code: 'invalid_type', expected: 'number', path };
    if (spec.int && !Number.isInteger(value)) return { code: 'invalid_type', expected: 'int', path };
    // (An integer past the safe range also breaks the field's own bound, which is the one named.)
    if (value < spec.min) return { code: 'too_small', minimum: spec.min, path };
    if (value > spec.max) return { code: 'too_big', maximum: spec.max, path };
    return null;
  }
  return typeof value === 'boolean' ? null : { code: 'invalid_type', expected: 'boolean', path };
}

/** Every problem of a partial settings object (fields left undefined are not checked; unknown keys are ignored). */
export function checkSettingsPatch(patch: Partial<Record<SettingKey, unknown>>): SettingIssue[] {
  const issues: SettingIssue[] = [];
  for (const field of SETTING_FIELDS) {
    const value = patch[field];
    if (value === undefined) continue;
    const issue = checkSetting(field, value);
    if (issue) issues.push(issue);
  }
  return issues;
}

const UNIT: Record<SettingUnit, (n: number) => string> = {
  hours: (n) => t(n === 1 ? 'optionsHoursOne' : 'optionsHoursOther', String(n)),
  usd: (n) => (n === 0 ? '$0' : formatMoney(n)),
  rows: (n) => t('optionsRows', String(n)),
};

const show = (field: SettingKey, n: number | bigint | undefined): string => {
  const v = Number(n);
  const spec = fieldSpec(field);
  const unit = spec.kind === 'number' ? spec.unit : undefined;
  return unit ? UNIT[unit](v) : String(v);
};

/** One problem with a setting → one sentence for people. */
export function issueSentence(issue: SettingIssue, fieldName?: SettingKey): string {
  const field = fieldName ?? issue.path?.[0];
  const known = typeof field === 'string' && field in FIELD_LABEL;
  const label = known ? fieldLabel(field as SettingKey) : t('optionsThisValue');
  const key = (known ? field : 'provider') as SettingKey;
  switch (issue.code) {
    case 'too_small':
      return t('optionsAtLeast', label, show(key, issue.minimum));
    case 'too_big':
      return t('optionsAtMost', label, show(key, issue.maximum));
    case 'invalid_type':
      if (issue.expected === 'int') return t('optionsWholeNumber', label);
      if (issue.expected === 'number') return t('optionsMustBeNumber', label);
      return t('optionsWrongKind', label);
    case 'invalid_value':
      return t('optionsOneOf', label, (issue.values ?? []).map(String).join(', '));
    default:
      return t('optionsNotValid', label);
  }
}
