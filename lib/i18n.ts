/**
 * Translated UI strings: `t(key, ...subs)` is the browser's `i18n.getMessage` over the built
 * `_locales/<lang>/messages.json` (sources: lib/messages/<lang>/<area>.json, see lib/messages/catalog.ts).
 * Pages carry only the keys, never the catalog: where the browser has no i18n API (the unit tests'
 * fake browser) the English catalog is installed with `setFallbackMessages` (tests/unit/setup.ts).
 *
 * Adding a string: a key in the area file of lib/messages/en/ (with a description for translators)
 * and the same key in every other language's area file (lib/i18n.test.ts checks that), then call `t`
 * with the key where the text is shown.
 */

/**
 * The browser's i18n API, read directly: `getMessage` is synchronous in every browser, so the promise
 * polyfill (wxt/browser) has nothing to add here, and the content scripts that show text (the overlays)
 * do not carry it for this.
 */
interface I18nApi {
  getMessage(name: string, substitutions?: string[]): string;
}
function i18nApi(): I18nApi | undefined {
  const g = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  return g.browser?.i18n ?? g.chrome?.i18n;
}

type English = typeof import('./messages/en/manifest.json') &
  typeof import('./messages/en/options.json') &
  typeof import('./messages/en/popup.json') &
  typeof import('./messages/en/panel.json') &
  typeof import('./messages/en/bulk.json') &
  typeof import('./messages/en/overlay.json') &
  typeof import('./messages/en/common.json') &
  typeof import('./messages/en/errors.json');

export type MessageKey = Exclude<keyof English, 'default'> & string;

interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

let fallback: Record<string, Entry> | null = null;

/** The messages to use where the browser has none (tests; see the file's comment). */
export function setFallbackMessages(messages: Record<string, Entry> | null): void {
  fallback = messages;
}

/**
 * Chrome's substitution rules: `$NAME$` becomes the entry's placeholder content, then, in one pass,
 * `$1`…`$9` become `subs` and `$$` is `$` (so an argument such as "$0.12" is never read again).
 */
export function substitute(entry: Entry, subs: readonly string[]): string {
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? whole);
  return named.replace(/\$(\$|\d)/g, (_, c: string) => (c === '$' ? '$' : (subs[Number(c) - 1] ?? '')));
}

export function t(key: MessageKey, ...subs: string[]): string {
  try {
    const got = i18nApi()?.getMessage(key, subs);
    if (got) return got;
  } catch {
    /* no i18n API here: the fallback catalog */
  }
  const entry = fallback?.[key];
  return entry ? substitute(entry, subs) : key;
}

/** Stand-ins passed to `t` for the parts of a sentence that are not text (private-use characters). */
const MARKS = ['\uE000', '\uE001', '\uE002', '\uE003', '\uE004', '\uE005', '\uE006', '\uE007', '\uE008'];

/**
 * A translated sentence with parts in it (a link, a bold figure): the message places each part
 * (`$LINK$` …), so the word order is the translation's. The text stays text; each part comes back as
 * given, for the page to render (an element, never markup made from the message).
 */
export function tParts<P>(key: MessageKey, ...parts: P[]): (string | P)[] {
  return t(key, ...MARKS.slice(0, parts.length))
    .split(/([\uE000-\uE008])/)
    .filter((s) => s !== '')
    .map((s) => {
      const i = MARKS.indexOf(s);
      return i < 0 ? s : (parts[i] as P);
    });
}

/** The pages' `lang`: the catalog's language (a browser in French reads the English catalog, so the page is `en`). */
export function setDocumentLanguage(doc: Document = document): void {
  doc.documentElement.lang = t('commonLang');
}
