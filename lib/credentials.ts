import { z } from 'zod/mini';
import { browser } from 'wxt/browser';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { storageMemo } from './storageMemo';
import type { PublicSettings } from './messages';
import type { Credentials, Provider } from './providers';
import { KEY_NAMES, LOCAL } from './storage/registry';
import { saveSettingsWith } from './settings/store';

/**
 * The API login/password or key. Read and written only by the background worker; kept in
 * storage.local (never sync: it must not travel to other devices). Pages see `publicCredentials()`.
 */
export const CredentialsSchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.enum(['dataforseo', 'sandbox']), login: z.string().check(z.minLength(1)), password: z.string().check(z.minLength(1)) }),
  z.object({ provider: z.literal('aisa'), key: z.string().check(z.minLength(1)) }),
]);

let itemInstance: WxtStorageItem<Credentials | null, {}> | null = null;

/** `local:credentials`, version 1. */
export function credentialsItem(): WxtStorageItem<Credentials | null, {}> {
  itemInstance ??= storage.defineItem<Credentials | null>(LOCAL.credentials, { fallback: null, version: 1 });
  return itemInstance;
}

/** The stored credentials, or null when none (or when what is stored is unusable). */
export async function loadCredentials(): Promise<Credentials | null> {
  return memo.get();
}

/** Held in memory by the worker until the stored credentials change (lib/storageMemo.ts). */
const memo = storageMemo([KEY_NAMES.credentials], async () => {
  // One read of the raw value (version 1 has no migration to run first).
  const got = await browser.storage.local.get(KEY_NAMES.credentials);
  const parsed = CredentialsSchema.safeParse(got[KEY_NAMES.credentials]);
  return parsed.success ? parsed.data : null;
});

/**
 * Store credentials, replacing any previous ones. The login and the key are trimmed. With
 * `useProvider`, the provider in use (settings) is switched in the same storage write: an
 * interrupted save leaves both as they were, never the new key with the old provider.
 */
export async function storeCredentials(creds: Credentials, opts: { useProvider?: Provider } = {}): Promise<Credentials> {
  const clean: Credentials =
    creds.provider === 'aisa'
      ? { provider: 'aisa', key: creds.key.trim() }
      : { provider: creds.provider, login: creds.login.trim(), password: creds.password };
  const value = CredentialsSchema.parse(clean);
  memo.clear();
  if (opts.useProvider) await saveSettingsWith({ provider: opts.useProvider }, [{ key: LOCAL.credentials, value }]);
  else await credentialsItem().setValue(value);
  memo.set(value);
  return clean;
}

export async function forgetCredentials(): Promise<void> {
  memo.clear();
  await credentialsItem().removeValue();
  memo.set(null);
}

/**
 * The credentials to use for `provider`. DataForSEO and its sandbox take the same login and API
 * password, so either stored kind serves both; an AIsa key serves only AIsa.
 */
export function credentialsFor(stored: Credentials | null, provider: Provider): Credentials | null {
  if (!stored) return null;
  if (provider === 'aisa') return stored.provider === 'aisa' ? stored : null;
  if (stored.provider === 'aisa') return null;
  return { provider, login: stored.login, password: stored.password };
}

/**
 * "••••" plus the last characters of the secret, only when the secret is long enough that they
 * give nothing useful away (an API password is 16 characters; an AIsa key longer).
 */
export function secretHint(secret: string): string {
  const dots = '••••';
  if (secret.length >= 12) return dots + secret.slice(-4);
  if (secret.length >= 8) return dots + secret.slice(-2);
  return dots;
}

/** What pages may know about the stored credentials. */
export function publicCredentials(stored: Credentials | null): PublicSettings['credentials'] {
  if (!stored) return { provider: null, login: null, secretHint: null, present: false };
  if (stored.provider === 'aisa') return { provider: 'aisa', login: null, secretHint: secretHint(stored.key), present: true };
  return { provider: stored.provider, login: stored.login, secretHint: secretHint(stored.password), present: true };
}

const fingerprints = new Map<string, string>();

/**
 * A short one-way name of the account (SHA-256 of the login, or of the key, first 16 hex digits):
 * part of the cache key so two accounts in one browser do not share answers, without storing the
 * login or any part of a secret next to the cached data.
 */
export async function accountFingerprint(creds: Credentials): Promise<string> {
  const material = creds.provider === 'aisa' ? `key:${creds.key}` : `login:${creds.login}`;
  const known = fingerprints.get(material);
  if (known) return known;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(material));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 16);
  if (fingerprints.size > 16) fingerprints.clear();
  fingerprints.set(material, hex);
  return hex;
}
