import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { DEFAULT_SETTINGS, SETTING_FIELDS, type Settings } from './fields';
import { SettingsSchema } from './settings.schema';
import { checkSetting, checkSettingsPatch, issueSentence } from './check';

/** Values of every kind, valid and invalid for some field. */
const SAMPLES: unknown[] = [
  null, true, false, '', 'live', 'lost', 'nope', 'one_thousand', 'sandbox', 'aisa', 'dataforseo', '5',
  -1, 0, 0.5, 1, 9, 10, 10.5, 24, 100, 720, 720.5, 721, 999, 1000, 1001, 2000, 2001, 10000, 10000.01, 1e20, 2 ** 53,
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, {}, [], [1],
];

/** A zod issue without the parts the sentences do not use. */
const outline = (i: { code: string; path?: readonly PropertyKey[]; minimum?: unknown; maximum?: unknown; expected?: unknown; values?: unknown }) => ({
  code: i.code,
  path: i.path,
  ...(i.minimum !== undefined ? { minimum: Number(i.minimum) } : {}),
  ...(i.maximum !== undefined ? { maximum: Number(i.maximum) } : {}),
  ...(i.expected !== undefined ? { expected: i.expected } : {}),
  ...(i.values !== undefined ? { values: i.values } : {}),
});

describe('the settings rules without zod', () => {
  it('name every field of SettingsSchema, in its order', () => {
    expect([...SETTING_FIELDS]).toEqual(Object.keys(SettingsSchema.shape));
  });

  it('decide each field and value exactly as SettingsSchema does, with the same issue', () => {
    let invalid = 0;
    for (const field of SETTING_FIELDS) {
      for (const value of SAMPLES) {
        const zod = SettingsSchema.shape[field].safeParse(value);
        const mine = checkSetting(field, value);
        expect({ field, value, valid: mine === null }).toEqual({ field, value, valid: zod.success });
        if (!zod.success) {
          invalid++;
          // zod reports an integer past the safe range twice (safe range, then the field's bound): the bound is ours.
          const unsafeInt = typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);
          expect(zod.error.issues).toHaveLength(unsafeInt && ['anchorsPageSize', 'backlinksPageSize', 'aisaPerMinute'].includes(field) ? 2 : 1);
          const issue = zod.error.issues.at(-1)!;
          expect(outline(mine!)).toEqual(outline({ ...issue, path: [field] }));
          expect(issueSentence(mine!, field)).toBe(issueSentence(issue, field));
        }
      }
    }
    // The samples do reach every kind of problem.
    expect(invalid).toBeGreaterThan(100);
  });

  it('report the problems of a patch like SettingsSchema.partial(), in order', () => {
    const patches: Partial<Record<keyof Settings, unknown>>[] = [
      {},
      { rankScale: 'one_thousand', dailyBudget: null },
      { cacheHours: -1, statusType: 'nope' },
      { aisaPerMinute: 0.5, provider: 'other', autoCheckInPanel: 'yes', anchorsPageSize: 5, backlinksPageSize: 5000 },
      { ...DEFAULT_SETTINGS },
      { ...DEFAULT_SETTINGS, dailyBudget: -2, includeSubdomains: null },
    ];
    for (const patch of patches) {
      const zod = z.partial(SettingsSchema).safeParse(patch);
      const mine = checkSettingsPatch(patch);
      expect(mine.map(outline)).toEqual(zod.success ? [] : zod.error.issues.map(outline));
    }
  });

  it('sentences name the field and its bound', () => {
    expect(issueSentence(checkSetting('dailyBudget', 20000)!)).toBe('The daily budget must be at most $10000.00.');
    expect(issueSentence(checkSetting('anchorsPageSize', 5)!)).toBe('Anchors per page must be at least 10 rows.');
    expect(issueSentence(checkSetting('statusType', 'x')!)).toBe('The backlink status must be one of: live, all, lost.');
  });
});
