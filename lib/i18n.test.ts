import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../public/_locales/en/messages.json';
import { substitute, t, type MessageKey } from './i18n';

const LOCALES = join(__dirname, '..', 'public', '_locales');
type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (lang: string) => JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as Messages;
const languages = readdirSync(LOCALES);

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
    expect(languages.sort()).toEqual(['de', 'en']);
  });

  it.each(languages)('%s has exactly the English keys, each with a message and the same placeholders', (lang) => {
    const msgs = load(lang);
    expect(Object.keys(msgs).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries(msgs)) {
      expect(entry.message.trim(), `${lang}.${key}`).not.toBe('');
      const english = (en as Messages)[key]!;
      expect(Object.keys(entry.placeholders ?? {}).sort(), `${lang}.${key} placeholders`).toEqual(Object.keys(english.placeholders ?? {}).sort());
      for (const m of entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)) {
        expect(entry.placeholders?.[m[1]!.toLowerCase()], `${lang}.${key} uses $${m[1]}$`).toBeDefined();
      }
    }
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
    for (const lang of languages) {
      const msgs = load(lang);
      expect(msgs.extName!.message.length, `${lang} name`).toBeLessThanOrEqual(75);
      expect(msgs.extDescription!.message.length, `${lang} description`).toBeLessThanOrEqual(132);
    }
  });

  it('falls back to English with substitutions where the browser has no message', () => {
    expect(t('optionsSpendTitle')).toBe('Spend');
    expect(t('optionsWelcomeTitle', 'Backlink Lens')).toBe('Welcome to Backlink Lens');
    expect(substitute({ message: 'Cost $$$1 for $WHO$', placeholders: { who: { content: '$2' } } }, ['3', 'you'])).toBe('Cost $3 for you');
    const keys: MessageKey[] = ['extName'];
    expect(t(keys[0]!)).toBe('Backlink Lens');
  });
});
