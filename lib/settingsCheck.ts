import { PROVIDERS, RANK_SCALES, SETTING_LIMITS, STATUS_TYPES } from './defaults';
import { formatMoney } from './format';
import type { Settings } from './settings';

/**
 * The settings rules without zod, for the options page (which checks what is typed before it
 * sends it) and for sentences about a setting that does not pass. They give exactly what
 * `SettingsSchema` (lib/settings.ts, built from the same SETTING_LIMITS) decides, with the same
 * issue (for an integer past 2^53 zod adds one about the safe range first; the field's own bound
 * is the one named here); lib/settingsCheck.test.ts holds the two side by side.
 */

/** Every setting, in the order of SettingsSchema (problems are reported in this order). */
export const SETTING_FIELDS = [
  'provider',
  'includeSubdomains',
  'statusType',
  'rankScale',
  'excludeInternalBacklinks',
  'includeIndirectLinks',
  'anchorsPageSize',
  'backlinksPageSize',
  'cacheHours',
  'dailyBudget',
  'autoCheckInPanel',
  'aisaPerMinute',
] as const satisfies readonly (keyof Settings)[];

/** How each setting is named in sentences. */
export const FIELD_LABEL: Record<keyof Settings, string> = {
  provider: 'The provider',
  includeSubdomains: 'Include subdomains',
  statusType: 'The backlink status',
  rankScale: 'The rank scale',
  excludeInternalBacklinks: 'Exclude internal backlinks',
  includeIndirectLinks: 'Include indirect links',
  anchorsPageSize: 'Anchors per page',
  backlinksPageSize: 'Backlinks per page',
  cacheHours: 'The cache lifetime',
  dailyBudget: 'The daily budget',
  autoCheckInPanel: 'Automatic checks',
  aisaPerMinute: 'AIsa requests per minute',
};

/** One problem with one setting, in the terms of a zod issue (a zod issue is one of these too). */
export interface SettingIssue {
  code: string;
  path?: readonly PropertyKey[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
  values?: readonly unknown[];
}

const CHOICES: Partial<Record<keyof Settings, readonly string[]>> = {
  provider: PROVIDERS,
  statusType: STATUS_TYPES,
  rankScale: RANK_SCALES,
};

const isLimited = (field: keyof Settings): field is keyof typeof SETTING_LIMITS => field in SETTING_LIMITS;

/** The problem with one setting's value, or null when it is valid. */
export function checkSetting(field: keyof Settings, value: unknown): SettingIssue | null {
  const path = [field];
  const choices = CHOICES[field];
  if (choices) {
    return typeof value === 'string' && choices.includes(value) ? null : { code: 'invalid_value', values: choices, path };
  }
  if (isLimited(field)) {
    const limit = SETTING_LIMITS[field];
    if (value === null && limit.nullable) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) return { code: 'invalid_type', expected: 'number', path };
    if (limit.int && !Number.isInteger(value)) return { code: 'invalid_type', expected: 'int', path };
    // (An integer past the safe range also breaks the field's own bound, which is the one named.)
    if (value < limit.min) return { code: 'too_small', minimum: limit.min, path };
    if (value > limit.max) return { code: 'too_big', maximum: limit.max, path };
    return null;
  }
  return typeof value === 'boolean' ? null : { code: 'invalid_type', expected: 'boolean', path };
}

/** Every problem of a partial settings object (fields left undefined are not checked; unknown keys are ignored). */
export function checkSettingsPatch(patch: Partial<Record<keyof Settings, unknown>>): SettingIssue[] {
  const issues: SettingIssue[] = [];
  for (const field of SETTING_FIELDS) {
    const value = patch[field];
    if (value === undefined) continue;
    const issue = checkSetting(field, value);
    if (issue) issues.push(issue);
  }
  return issues;
}

const UNIT: Partial<Record<keyof Settings, (n: number) => string>> = {
  cacheHours: (n) => `${n} hour${n === 1 ? '' : 's'}`,
  dailyBudget: (n) => (n === 0 ? '$0' : formatMoney(n)),
  anchorsPageSize: (n) => `${n} rows`,
  backlinksPageSize: (n) => `${n} rows`,
};

const show = (field: keyof Settings, n: number | bigint | undefined): string => {
  const v = Number(n);
  return UNIT[field]?.(v) ?? String(v);
};

/** One problem with a setting → one sentence for people. */
export function issueSentence(issue: SettingIssue, fieldName?: keyof Settings): string {
  const field = fieldName ?? issue.path?.[0];
  const known = typeof field === 'string' && field in FIELD_LABEL;
  const label = known ? FIELD_LABEL[field as keyof Settings] : 'This value';
  const key = (known ? field : 'provider') as keyof Settings;
  switch (issue.code) {
    case 'too_small':
      return `${label} must be at least ${show(key, issue.minimum)}.`;
    case 'too_big':
      return `${label} must be at most ${show(key, issue.maximum)}.`;
    case 'invalid_type':
      if (issue.expected === 'int') return `${label} must be a whole number.`;
      if (issue.expected === 'number') return `${label} must be a number.`;
      return `${label} has a value of the wrong kind.`;
    case 'invalid_value':
      return `${label} must be one of: ${(issue.values ?? []).map(String).join(', ')}.`;
    default:
      return `${label} is not valid.`;
  }
}
