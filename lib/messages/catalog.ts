/**
 * The translation catalog, at build time and in tests (Node only; pages never import this file).
 *
 * Sources: lib/messages/<lang>/<area>.json, one file per part of the UI (manifest, options, popup,
 * panel, bulk, overlay, common), each `{ key: { message, description?, placeholders? } }` in Chrome's
 * messages.json format. The build (the `build:publicAssets` hook in wxt.config.ts) merges a language's
 * areas into the `_locales/<lang>/messages.json` the browser reads, without the translators'
 * descriptions. A key is defined once across all areas (a duplicate fails the build).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalog = Record<string, MessageEntry>;

export const MESSAGES_DIR = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_LANGUAGE = 'en';

export function languages(): string[] {
  return readdirSync(MESSAGES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export function areas(lang: string): string[] {
  return readdirSync(join(MESSAGES_DIR, lang))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export function areaMessages(lang: string, area: string): Catalog {
  return JSON.parse(readFileSync(join(MESSAGES_DIR, lang, `${area}.json`), 'utf8')) as Catalog;
}

/** Every message of a language, merged over its areas; throws on a key defined in two areas. */
export function catalog(lang: string): Catalog {
  const out: Catalog = {};
  const where = new Map<string, string>();
  for (const area of areas(lang)) {
    for (const [key, entry] of Object.entries(areaMessages(lang, area))) {
      const first = where.get(key);
      if (first) throw new Error(`lib/messages/${lang}: "${key}" is defined in ${first}.json and ${area}.json`);
      where.set(key, area);
      out[key] = entry;
    }
  }
  return out;
}

/**
 * The `_locales/<lang>/messages.json` the browser reads: each message alone, its named placeholders
 * (`$COUNT$` → `$1`) written into it, as the browser itself does when it loads the file (so `getMessage`
 * answers the same; about 2 KB less per language in the zip). Descriptions and examples are for translators.
 */
export function localeFile(lang: string): string {
  const out: Record<string, Omit<MessageEntry, 'description'>> = {};
  for (const [key, { message, placeholders }] of Object.entries(catalog(lang))) {
    const inlined = inlinePlaceholders(message, placeholders);
    // "$1$2" would read as a placeholder named "1" (the browser refuses the file): such a message keeps its placeholders.
    out[key] = !NAMED.test(inlined)
      ? { message: inlined }
      : { message, placeholders: Object.fromEntries(Object.entries(placeholders ?? {}).map(([n, p]) => [n, { content: p.content }])) };
  }
  return `${JSON.stringify(out)}\n`;
}

/** A named placeholder as the browser reads one in a message. */
const NAMED = /\$[A-Za-z0-9_@]+\$/;

/** `$NAME$` → the placeholder's content (names are case-insensitive); `$1`, `$$` and unknown names stay. */
export function inlinePlaceholders(message: string, placeholders: MessageEntry['placeholders']): string {
  return message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => placeholders?.[name.toLowerCase()]?.content ?? whole);
}
