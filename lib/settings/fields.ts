import { PROVIDERS } from '@/lib/providers';

/**
 * Every setting, once: its kind, default, bounds, labels, unit and help text. No zod here, so the
 * pages can read it. Derived from this table: the `Settings` type and DEFAULT_SETTINGS (below),
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
  label: string;
  /** Its label in the options form; the sentence label when absent. */
  formLabel?: string;
  /** The help line under it in the options form (and what it means, for readers of this file). */
  help: string;
  /** Its `data-testid` in the options form. */
  testId?: string;
}
export interface ChoiceSpec extends FieldBase {
  kind: 'choice';
  choices: readonly string[];
  default: string;
  /** How each choice reads in the form's select (pages that show one). */
  choiceLabels?: Readonly<Record<string, string>>;
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
  placeholder?: string;
}
export type FieldSpec = ChoiceSpec | BooleanSpec | NumberSpec;

export const SETTINGS_TABLE = {
  provider: { kind: 'choice', choices: PROVIDERS, default: 'dataforseo', label: 'The provider', help: 'Where checks are sent.' },
  includeSubdomains: {
    kind: 'boolean', default: true, label: 'Include subdomains', testId: 'include-subdomains',
    help: 'Links to blog.example.com count for example.com.',
  },
  statusType: {
    kind: 'choice', choices: STATUS_TYPES, default: 'live', label: 'The backlink status', formLabel: 'Backlink status', testId: 'status-type',
    help: 'Which links count: live, all or lost.',
    choiceLabels: { live: 'Live — links found on the last crawl', all: 'All — live and lost', lost: 'Lost — links that disappeared' },
  },
  rankScale: {
    kind: 'choice', choices: RANK_SCALES, default: 'one_hundred', label: 'The rank scale', formLabel: 'Rank scale', testId: 'rank-scale',
    help: 'The scale ranks are shown on.',
    choiceLabels: { one_hundred: '0–100', one_thousand: '0–1000' },
  },
  excludeInternalBacklinks: {
    kind: 'boolean', default: true, label: 'Exclude internal backlinks', testId: 'exclude-internal',
    help: 'Ignore links between subdomains of the same site.',
  },
  includeIndirectLinks: {
    kind: 'boolean', default: true, label: 'Include indirect links', testId: 'include-indirect',
    help: 'Count links that reach the site through redirects or canonical tags.',
  },
  anchorsPageSize: {
    kind: 'number', default: 100, min: 10, max: 1000, int: true, nullable: false, unit: 'rows',
    label: 'Anchors per page', testId: 'anchors-page-size',
    // The popup shows the top 10; the side panel's anchors tab pages by this.
    help: 'Rows per anchors request (10–1000).',
  },
  backlinksPageSize: {
    kind: 'number', default: 100, min: 10, max: 1000, int: true, nullable: false, unit: 'rows',
    label: 'Backlinks per page', testId: 'backlinks-page-size',
    help: 'Rows per backlinks request (10–1000).',
  },
  cacheHours: {
    kind: 'number', default: 24, min: 0, max: 24 * 30, int: false, nullable: false, unit: 'hours',
    label: 'The cache lifetime', formLabel: 'Cache lifetime (hours)', testId: 'cache-hours',
    help: 'Repeat checks within this time are answered from the cache for free. 0 = always ask the API.',
  },
  dailyBudget: {
    kind: 'number', default: null, min: 0, max: 10000, int: false, nullable: true, unit: 'usd', step: 0.01, placeholder: 'No cap',
    label: 'The daily budget', formLabel: 'Daily budget (USD)', testId: 'daily-budget',
    help: 'Checks that would cross it are refused. Leave empty for no cap.',
  },
  autoCheckInPanel: {
    kind: 'boolean', default: false, label: 'Automatic checks', formLabel: 'Automatic checks in the side panel', testId: 'auto-check',
    help: 'While the side panel is open, check each new site you visit (paid, within the daily budget) instead of offering a button.',
  },
  includeTrendInChecks: {
    kind: 'boolean', default: false, label: 'Include trend in checks', testId: 'include-trend',
    // One more paid call per check: backlinks/timeseries_summary, a year by month (13 rows).
    help: 'Popup checks also draw a year of referring domains (one more paid call).',
  },
  serpFigures: {
    kind: 'boolean', default: false, label: 'Backlink figures on Google results', formLabel: 'Show backlink figures on Google results', testId: 'serp-figures',
    help: 'Asks for access to Google’s results pages (google.com and a few country domains) when you turn it on; each results page’s domains go to your provider in one call per figure.',
  },
  serpMode: {
    kind: 'choice', choices: SERP_MODES, default: 'ask', label: 'Figures on results pages', formLabel: 'Figures on results pages', testId: 'serp-mode',
    help: 'Ask on every results page (a button with the price), or fetch them automatically within the daily budget.',
    choiceLabels: { ask: 'Ask every page', auto: 'Automatically, within the daily budget' },
  },
  aisaPerMinute: {
    kind: 'number', default: 60, min: 1, max: 2000, int: true, nullable: false,
    label: 'AIsa requests per minute', testId: 'aisa-per-minute',
    help: 'Only for the AIsa gateway; its free tier allows 60.',
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

/** How each setting is named in sentences. */
export const FIELD_LABEL = Object.fromEntries(SETTING_FIELDS.map((k) => [k, SETTINGS_TABLE[k].label])) as Record<SettingKey, string>;

/** The options page's cards that hold settings (each also holds other things: spend, cache, credentials). */
export type FormCard = 'connection' | 'spend' | 'defaults' | 'cache';

/**
 * Where the options page shows each setting: in which card, under which heading, in order (the
 * provider is chosen in the Connection card's credentials). `provider`: shown only while that
 * provider is chosen. A new setting that the user sets goes into one of these lists.
 */
export const FORM_SECTIONS: readonly { card: FormCard; title: string; fields: readonly SettingKey[]; provider?: (typeof PROVIDERS)[number] }[] = [
  { card: 'connection', title: 'AIsa gateway', fields: ['aisaPerMinute'], provider: 'aisa' },
  { card: 'spend', title: 'Limits', fields: ['dailyBudget', 'autoCheckInPanel', 'includeTrendInChecks'] },
  { card: 'spend', title: 'Google results', fields: ['serpFigures', 'serpMode'] },
  { card: 'defaults', title: 'What counts as a backlink', fields: ['includeSubdomains', 'statusType', 'excludeInternalBacklinks', 'includeIndirectLinks', 'rankScale'] },
  { card: 'defaults', title: 'Lists', fields: ['anchorsPageSize', 'backlinksPageSize'] },
  { card: 'cache', title: 'Lifetime', fields: ['cacheHours'] },
];
