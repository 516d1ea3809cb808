import { describe, expect, it } from 'vitest';
import { checkSetting } from './check';
import { DEFAULT_SETTINGS, fieldHelp, fieldSpec, FORM_SECTIONS, NUMBER_SETTINGS, numberSpec, SETTING_FIELDS } from './fields';

describe('the settings field table', () => {
  it('every default passes its own row', () => {
    for (const field of SETTING_FIELDS) expect({ field, issue: checkSetting(field, DEFAULT_SETTINGS[field]) }).toEqual({ field, issue: null });
  });

  it('a range written in a help line is the row’s bounds', () => {
    for (const field of NUMBER_SETTINGS) {
      const range = /\((\d+)–(\d+)\)/.exec(fieldHelp(field));
      if (range) expect({ field, min: Number(range[1]), max: Number(range[2]) }).toEqual({ field, min: numberSpec(field).min, max: numberSpec(field).max });
    }
  });

  it('the options form shows every setting but the provider once, and each has a test id', () => {
    const shown = FORM_SECTIONS.flatMap((s) => s.fields);
    expect([...shown].sort()).toEqual(SETTING_FIELDS.filter((f) => f !== 'provider').sort());
    for (const f of shown) expect({ f, id: fieldSpec(f).testId }).toEqual({ f, id: expect.any(String) });
  });
});
