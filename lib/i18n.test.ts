import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { substitute, t, tParts, type MessageKey } from './i18n';
import { areaMessages, areas, catalog, DEFAULT_LANGUAGE, inlinePlaceholders, languages, localeFile } from './messages/catalog';

const en = catalog(DEFAULT_LANGUAGE);
const langs = languages();

/** Every file that may call t(): the extension's own sources. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('translations', () => {
  it('has English and German', () => {
    expect(langs).toEqual(['de', 'en']);
  });

  it.each(langs)('%s has the same area files as English, each with exactly its English keys, a message and the same placeholders', (lang) => {
    expect(areas(lang)).toEqual(areas(DEFAULT_LANGUAGE));
    for (const area of areas(lang)) {
      expect(Object.keys(areaMessages(lang, area)).sort(), `${lang}/${area}.json`).toEqual(Object.keys(areaMessages(DEFAULT_LANGUAGE, area)).sort());
    }
    for (const [key, entry] of Object.entries(catalog(lang))) {
      expect(entry.message.trim(), `${lang}.${key}`).not.toBe('');
      const english = en[key]!;
      expect(Object.keys(entry.placeholders ?? {}).sort(), `${lang}.${key} placeholders`).toEqual(Object.keys(english.placeholders ?? {}).sort());
      for (const m of entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)) {
        expect(entry.placeholders?.[m[1]!.toLowerCase()], `${lang}.${key} uses $${m[1]}$`).toBeDefined();
      }
    }
  });

  it('every English message says what it is for (a description for translators)', () => {
    for (const [key, entry] of Object.entries(en)) expect(entry.description?.trim(), key).toBeTruthy();
  });

  it('the built messages.json holds each message with its placeholders written in, and nothing for translators', () => {
    for (const lang of languages()) {
      const source = catalog(lang);
      const built = JSON.parse(localeFile(lang)) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
      expect(Object.keys(built).sort()).toEqual(Object.keys(source).sort());
      for (const [key, e] of Object.entries(built)) {
        // A message alone has no "$…$" left, which the browser would read as an undefined placeholder and
        // refuse the whole file ("$1$2"); such a message keeps its placeholders.
        if (e.placeholders) expect(/\$[A-Za-z0-9_@]+\$/.test(inlinePlaceholders(e.message, e.placeholders)), key).toBe(true);
        else expect(e.message, key).not.toMatch(/\$[A-Za-z0-9_@]+\$/);
        expect(Object.keys(e).filter((k) => k !== 'message' && k !== 'placeholders'), key).toEqual([]);
      }
      // The browser answers the same from the built file as from the source entry, whatever the arguments.
      const subs = ['A', '$0.12', 'C', 'D', 'E', 'F', 'G', 'H', 'I'];
      for (const [key, entry] of Object.entries(source)) expect(substitute(built[key]!, subs), `${lang} ${key}`).toBe(substitute(entry, subs));
    }
    const builtEn = JSON.parse(localeFile('en')) as Record<string, { message: string; placeholders?: object }>;
    expect(en.optionsWelcomeTitle!.placeholders!.name).toMatchObject({ content: '$1', example: 'Backlink Lens' });
    expect(builtEn.optionsWelcomeTitle!.message).toBe(en.optionsWelcomeTitle!.message.replace(/\$NAME\$/, '$1'));
    expect(builtEn.errSpendSandbox!.message).toContain('$$0');
    expect(builtEn.errOddStatus!.placeholders).toEqual({ code: { content: '$1' }, detail: { content: '$2' } });
  });

  it('every manifest string and every t() key in the sources exists', () => {
    const config = readFileSync(join(__dirname, '..', 'wxt.config.ts'), 'utf8');
    const used = new Set<string>([...config.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThanOrEqual(4);
    for (const dir of ['components', 'entrypoints', 'lib']) {
      for (const file of sources(join(__dirname, '..', dir))) {
        for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('(\w+)'/g)) used.add(m[1]!);
      }
    }
    expect(used.has('optionsCredentialsTitle')).toBe(true);
    for (const key of used) expect(Object.keys(en), key).toContain(key);
  });

  it('the manifest name and the short description fit the stores’ limits', () => {
    for (const lang of langs) {
      const msgs = catalog(lang);
      expect(msgs.extName!.message.length, `${lang} name`).toBeLessThanOrEqual(75);
      expect(msgs.extDescription!.message.length, `${lang} description`).toBeLessThanOrEqual(132);
    }
  });

  it('answers from the fallback catalog with substitutions where the browser has no message', () => {
    expect(t('optionsSpendTitle')).toBe('Spend');
    expect(t('optionsWelcomeTitle', 'Backlink Lens')).toBe('Welcome to Backlink Lens');
    expect(substitute({ message: 'Cost $$$1 for $WHO$', placeholders: { who: { content: '$2' } } }, ['3', 'you'])).toBe('Cost $3 for you');
    // An argument is inserted once and never read again: money such as "$0.12" or "$1.04" stays as it is.
    expect(substitute({ message: 'Today $SPENT$', placeholders: { spent: { content: '$1' } } }, ['$0.12'])).toBe('Today $0.12');
    expect(substitute({ message: 'Refresh ≈ $1 ($2)' }, ['$1.04', '$$'])).toBe('Refresh ≈ $1.04 ($$)');
    const keys: MessageKey[] = ['extName'];
    expect(t(keys[0]!)).toBe('Backlink Lens');
  });

  it('tParts puts each part where the message places it, in the message\'s order, text around it as text', () => {
    const bold = { el: 'strong' };
    expect(tParts('panelDomainsNoSaved', bold)).toEqual([expect.stringMatching(/^No saved referring domains for $/), bold, ' yet.']);
    const many = tParts('optionsAtLeast', 'Label', '$1.00');
    expect(many.join('')).toBe(t('optionsAtLeast', 'Label', '$1.00'));
    expect(many).toContain('$1.00');
  });
});
