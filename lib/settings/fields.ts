import { t, type MessageKey } from '@/lib/i18n';
import { PROVIDERS } from '@/lib/providers';

/**
 * Every setting, once: its kind, default, bounds, labels, unit and help text (the texts as message
 * keys of lib/messages/<lang>/options.json, read with `t`). No zod here, so the pages can read it. Derived from this table: the `Settings` type and DEFAULT_SETTINGS (below),
 * the zod schema the worker stores and checks with (settings.schema.ts), the zod-free checks and
 * sentences the pages use (check.ts), and the options form's fields, bounds and hints
 * (entrypoints/options/components). The order of the rows is the order problems are reported in.
 */

export const STATUS_TYPES = ['live', 'all', 'lost'] as const;
export const RANK_SCALES = ['one_hundred', 'one_thousand'] as const;
export const SERP_MODES = ['ask', 'auto'] as const;

/** How a number is shown in a sentence about its bounds. */
export type SettingUnit = 'hours' | 'usd' | 'rows';

interface FieldBase {
  /** How the setting is named in sentences ("The cache lifetime must be …"). */
  labelKey: MessageKey;
  /** Its label in the options form; the sentence label when absent. */
  formLabelKey?: MessageKey;
  /** The help line under it in the options form (and what it means, for readers of this file). */
  helpKey: MessageKey;
  /** Its `data-testid` in the options form. */
  testId?: string;
}
export interface ChoiceSpec extends FieldBase {
  kind: 'choice';
  choices: readonly string[];
  default: string;
  /** How each choice reads in the form's select (pages that show one). */
  choiceLabels?: Readonly<Record<string, MessageKey>>;
}
export interface BooleanSpec extends FieldBase {
  kind: 'boolean';
  default: boolean;
}
export interface NumberSpec extends FieldBase {
  kind: 'number';
  default: number | null;
  min: number;
  max: number;
  /** Whole numbers only. */
  int: boolean;
  /** null is a value ("no cap"). */
  nullable: boolean;
  unit?: SettingUnit;
  /** Step of the form's number field; 1 when absent. */
  step?: number;
  placeholderKey?: MessageKey;
}
export type FieldSpec = ChoiceSpec | BooleanSpec | NumberSpec;

export const SETTINGS_TABLE = {
  // Where checks are sent.
  provider: { kind: 'choice', choices: PROVIDERS, default: 'dataforseo', labelKey: 'optionsLabelProvider', helpKey: 'optionsHelpProvider' },
  includeSubdomains: {
    kind: 'boolean', default: true, labelKey: 'optionsLabelIncludeSubdomains', testId: 'include-subdomains',
    // Links to blog.example.com count for example.com.
    helpKey: 'optionsHelpIncludeSubdomains',
  },
  statusType: {
    kind: 'choice', choices: STATUS_TYPES, default: 'live', labelKey: 'optionsLabelStatusType', formLabelKey: 'optionsFormStatusType', testId: 'status-type',
    // Which links count: live, all or lost.
    helpKey: 'optionsHelpStatusType',
    choiceLabels: { live: 'optionsStatusLive', all: 'optionsStatusAll', lost: 'optionsStatusLost' },
  },
  rankScale: {
    kind: 'choice', choices: RANK_SCALES, default: 'one_hundred', labelKey: 'optionsLabelRankScale', formLabelKey: 'optionsFormRankScale', testId: 'rank-scale',
    // The scale ranks are shown on.
    helpKey: 'optionsHelpRankScale',
    choiceLabels: { one_hundred: 'optionsRankScale100', one_thousand: 'optionsRankScale1000' },
  },
  excludeInternalBacklinks: {
    kind: 'boolean', default: true, labelKey: 'optionsLabelExcludeInternal', testId: 'exclude-internal',
    // Ignore links between subdomains of the same site.
    helpKey: 'optionsHelpExcludeInternal',
  },
  includeIndirectLinks: {
    kind: 'boolean', default: true, labelKey: 'optionsLabelIncludeIndirect', testId: 'include-indirect',
    // Count links that reach the site through redirects or canonical tags.
    helpKey: 'optionsHelpIncludeIndirect',
  },
  anchorsPageSize: {
    kind: 'number', default: 100, min: 10, max: 1000, int: true, nullable: false, unit: 'rows',
    labelKey: 'optionsLabelAnchorsPageSize', testId: 'anchors-page-size',
    // Rows per anchors request (10–1000). The popup shows the top 10; the side panel's anchors tab pages by this.
    helpKey: 'optionsHelpAnchorsPageSize',
  },
  backlinksPageSize: {
    kind: 'number', default: 100, min: 10, max: 1000, int: true, nullable: false, unit: 'rows',
    labelKey: 'optionsLabelBacklinksPageSize', testId: 'backlinks-page-size',
    // Rows per backlinks request (10–1000).
    helpKey: 'optionsHelpBacklinksPageSize',
  },
  cacheHours: {
    kind: 'number', default: 24, min: 0, max: 24 * 30, int: false, nullable: false, unit: 'hours',
    labelKey: 'optionsLabelCacheHours', formLabelKey: 'optionsFormCacheHours', testId: 'cache-hours',
    // Repeat checks within this time are answered from the cache for free. 0 = always ask the API.
    helpKey: 'optionsHelpCacheHours',
  },
  dailyBudget: {
    kind: 'number', default: null, min: 0, max: 10000, int: false, nullable: true, unit: 'usd', step: 0.01, placeholderKey: 'optionsNoCap',
    labelKey: 'optionsLabelDailyBudget', formLabelKey: 'optionsFormDailyBudget', testId: 'daily-budget',
    // Checks that would cross it are refused. Leave empty for no cap.
    helpKey: 'optionsHelpDailyBudget',
  },
  autoCheckInPanel: {
    kind: 'boolean', default: false, labelKey: 'optionsLabelAutoCheck', formLabelKey: 'optionsFormAutoCheck', testId: 'auto-check',
    // While the side panel is open, check each new site you visit (paid, within the daily budget) instead of offering a button.
    helpKey: 'optionsHelpAutoCheck',
  },
  includeTrendInChecks: {
    kind: 'boolean', default: false, labelKey: 'optionsLabelIncludeTrend', testId: 'include-trend',
    // Popup checks also draw a year of referring domains (one more paid call):
    // backlinks/timeseries_summary, a year by month (13 rows).
    helpKey: 'optionsHelpIncludeTrend',
  },
  serpFigures: {
    kind: 'boolean', default: false, labelKey: 'optionsLabelSerpFigures', formLabelKey: 'optionsFormSerpFigures', testId: 'serp-figures',
    // Asks for access to Google's results pages when turned on; each results page's domains go to the provider in one call per figure.
    helpKey: 'optionsHelpSerpFigures',
  },
  serpMode: {
    kind: 'choice', choices: SERP_MODES, default: 'ask', labelKey: 'optionsLabelSerpMode', testId: 'serp-mode',
    // Ask on every results page (a button with the price), or fetch them automatically within the daily budget.
    helpKey: 'optionsHelpSerpMode',
    choiceLabels: { ask: 'optionsSerpModeAsk', auto: 'optionsSerpModeAuto' },
  },
  aisaPerMinute: {
    kind: 'number', default: 60, min: 1, max: 2000, int: true, nullable: false,
    labelKey: 'optionsLabelAisaPerMinute', testId: 'aisa-per-minute',
    // Only for the AIsa gateway; its free tier allows 60.
    helpKey: 'optionsHelpAisaPerMinute',
  },
} as const satisfies Record<string, FieldSpec>;

type Table = typeof SETTINGS_TABLE;
type ValueOf<F> = F extends { kind: 'choice'; choices: readonly (infer C)[] }
  ? C
  : F extends { kind: 'boolean' }
    ? boolean
    : F extends { nullable: true }
      ? number | null
      : number;

/** Everything the user sets, except credentials (those live in their own item, read only by the worker). */
export type Settings = { -readonly [K in keyof Table]: ValueOf<Table[K]> };
export type SettingKey = keyof Settings;

/** Every setting, in the order of the table (and of SettingsSchema). */
export const SETTING_FIELDS = Object.keys(SETTINGS_TABLE) as SettingKey[];

/** The spec of one setting, typed as the general shape. */
export const fieldSpec = (key: SettingKey): FieldSpec => SETTINGS_TABLE[key];

/** Settings typed as numbers. */
export type NumberSettingKey = { [K in SettingKey]: Table[K] extends { kind: 'number' } ? K : never }[SettingKey];
/** The spec of one number setting. */
export const numberSpec = (key: NumberSettingKey): NumberSpec => SETTINGS_TABLE[key];
export const NUMBER_SETTINGS = SETTING_FIELDS.filter((k) => SETTINGS_TABLE[k].kind === 'number') as NumberSettingKey[];

export const DEFAULT_SETTINGS: Settings = Object.fromEntries(SETTING_FIELDS.map((k) => [k, SETTINGS_TABLE[k].default])) as Settings;

/** How each setting is named in sentences: its message key (see fieldLabel). */
export const FIELD_LABEL = Object.fromEntries(SETTING_FIELDS.map((k) => [k, SETTINGS_TABLE[k].labelKey])) as Record<SettingKey, MessageKey>;

/** A setting's name in sentences ("The cache lifetime"). */
export const fieldLabel = (key: SettingKey): string => t(FIELD_LABEL[key]);
/** A setting's label in the options form. */
export const fieldFormLabel = (key: SettingKey): string => t(fieldSpec(key).formLabelKey ?? FIELD_LABEL[key]);
/** The help line under a setting in the options form. */
export const fieldHelp = (key: SettingKey): string => t(fieldSpec(key).helpKey);

/** The options page's cards that hold settings (each also holds other things: spend, cache, credentials). */
export type FormCard = 'connection' | 'spend' | 'defaults' | 'cache';

/**
 * Where the options page shows each setting: in which card, under which heading, in order (the
 * provider is chosen in the Connection card's credentials). `provider`: shown only while that
 * provider is chosen. A new setting that the user sets goes into one of these lists.
 */
export const FORM_SECTIONS: readonly { card: FormCard; titleKey: MessageKey; fields: readonly SettingKey[]; provider?: (typeof PROVIDERS)[number] }[] = [
  { card: 'connection', titleKey: 'optionsProviderAisa', fields: ['aisaPerMinute'], provider: 'aisa' },
  { card: 'spend', titleKey: 'optionsSectionLimits', fields: ['dailyBudget', 'autoCheckInPanel', 'includeTrendInChecks'] },
  { card: 'spend', titleKey: 'optionsSectionSerp', fields: ['serpFigures', 'serpMode'] },
  { card: 'defaults', titleKey: 'optionsSectionCounts', fields: ['includeSubdomains', 'statusType', 'excludeInternalBacklinks', 'includeIndirectLinks', 'rankScale'] },
  { card: 'defaults', titleKey: 'optionsSectionLists', fields: ['anchorsPageSize', 'backlinksPageSize'] },
  { card: 'cache', titleKey: 'optionsSectionLifetime', fields: ['cacheHours'] },
];
