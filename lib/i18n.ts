/**
 * Translated UI strings: `t(key, ...subs)` is the browser's `i18n.getMessage` over
 * public/_locales/<lang>/messages.json, with the English text as the fallback where the browser has none
 * (a key it does not know, a page outside the extension, the unit tests' fake browser).
 *
 * Adding a string: a key in public/_locales/en/messages.json (with a description) and in every other
 * language there (lib/i18n.test.ts checks that), then call `t` with the key where the text is shown.
 */
import { browser } from 'wxt/browser';
import en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** Chrome's substitution rules: `$NAME$` from the entry's placeholders, `$1`…`$9` from `subs`, `$$` is `$`. */
export function substitute(entry: Entry, subs: readonly string[]): string {
  const sub = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const p = entry.placeholders?.[name.toLowerCase()];
    return p ? sub(p.content) : whole;
  });
  return sub(named.replace(/\$\$/g, '\u0000')).replace(/\u0000/g, '$');
}

export function t(key: MessageKey, ...subs: string[]): string {
  try {
    const got = browser.i18n.getMessage(key, subs);
    if (got) return got;
  } catch {
    /* no i18n API here: the English text */
  }
  return substitute(en[key] as Entry, subs);
}
