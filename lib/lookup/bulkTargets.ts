import type { BulkRefusal } from '@/lib/bulk';
import { t } from '@/lib/i18n';
import { parseTarget } from '@/lib/target';

/**
 * A list of sites as texts → the targets a bulk run asks for, with the single lookup's rules
 * (lib/target.ts); the Google results overlay checks its hosts the same way (lib/serp/guard.ts).
 */

/** What one text of the list becomes: the target as the API takes it, or the sentence why not. */
export function bulkTargetOf(text: string): { ok: true; target: string } | { ok: false; reason: string } {
  const parsed = parseTarget(text);
  if (!parsed.ok) return { ok: false, reason: parsed.refusal.message };
  // A bare name (or a site's root address) is checked as that host, without `www.`; an address
  // with a path or a query is checked as that page.
  let isPage = false;
  try {
    const input = text.trim();
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(input) ? input : `https://${input.replace(/^\/\//, '')}`);
    isPage = url.pathname !== '/' || url.search !== '';
  } catch {
    return { ok: false, reason: t('errNotWebAddress') };
  }
  return { ok: true, target: isPage ? parsed.site.page.value : parsed.site.host.value };
}

/** The list's texts → accepted targets (first-seen order, no duplicates) and refusals. */
export function readTargets(texts: readonly string[]): { targets: string[]; refused: BulkRefusal[] } {
  const seen = new Set<string>();
  const targets: string[] = [];
  const refused: BulkRefusal[] = [];
  for (const text of texts) {
    if (text.trim() === '') continue;
    const t = bulkTargetOf(text);
    if (!t.ok) refused.push({ text, reason: t.reason });
    else if (!seen.has(t.target)) {
      seen.add(t.target);
      targets.push(t.target);
    }
  }
  return { targets, refused };
}
