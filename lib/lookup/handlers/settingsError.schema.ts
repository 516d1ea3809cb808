/**
 * A settings save the settings schema refused (lib/settings/store.ts throws zod's error): the
 * sentence naming each invalid setting. Kept apart so the settings handlers import no zod.
 */
import { z } from 'zod/mini';
import { issueSentence } from '@/lib/settings/check';

/** The invalid settings named, one sentence each; null when `e` is not the schema's refusal. */
export function invalidSettingsNamed(e: unknown): string | null {
  if (!(e instanceof z.core.$ZodError)) return null;
  return e.issues.map((issue) => issueSentence(issue)).join(' ');
}
