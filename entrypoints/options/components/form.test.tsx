import { describe, expect, it } from 'vitest';
import type { PublicSettings } from '@/lib/messages';
import { DEFAULT_SETTINGS } from '@/lib/settings/fields';
import { draftFromSaved, formatApprox, formatKb, historyHref, parseNumberField, planCredentialSave, validatePatch, type CredentialsDraft } from './form';

const none: PublicSettings['credentials'] = { provider: null, login: null, secretHint: null, present: false };
const dfs: PublicSettings['credentials'] = { provider: 'dataforseo', login: 'me@example.com', secretHint: '••••word', present: true };
const aisa: PublicSettings['credentials'] = { provider: 'aisa', login: null, secretHint: '••••3f2a', present: true };
const draft = (d: Partial<CredentialsDraft>): CredentialsDraft => ({ provider: 'dataforseo', login: '', password: '', key: '', ...d });

describe('planCredentialSave', () => {
  const cases: [string, CredentialsDraft, PublicSettings['credentials'], string, unknown][] = [
    ['new login + password', draft({ login: ' me@example.com ', password: 'pw' }), none, 'dataforseo',
      { kind: 'save', request: { type: 'saveCredentials', credentials: { provider: 'dataforseo', login: 'me@example.com', password: 'pw' } } }],
    ['sandbox with a password', draft({ provider: 'sandbox', login: 'a', password: 'p' }), dfs, 'dataforseo',
      { kind: 'save', request: { type: 'saveCredentials', credentials: { provider: 'sandbox', login: 'a', password: 'p' } } }],
    ['no login', draft({ password: 'pw' }), none, 'dataforseo', { kind: 'invalid', field: 'login' }],
    ['no password, nothing saved', draft({ login: 'me' }), none, 'dataforseo', { kind: 'invalid', field: 'password' }],
    ['no password, an AIsa key saved', draft({ login: 'me' }), aisa, 'aisa', { kind: 'invalid', field: 'password' }],
    ['same login, empty password', draft({ login: 'me@example.com' }), dfs, 'dataforseo', { kind: 'unchanged' }],
    ['same login, switch to sandbox', draft({ provider: 'sandbox', login: 'me@example.com' }), dfs, 'dataforseo', { kind: 'provider', provider: 'sandbox' }],
    ['new login keeps the password', draft({ login: 'other@example.com' }), dfs, 'dataforseo', { kind: 'login', provider: 'dataforseo', login: 'other@example.com' }],
    ['AIsa key', draft({ provider: 'aisa', key: ' sk-aisa-1 ' }), none, 'dataforseo',
      { kind: 'save', request: { type: 'saveCredentials', credentials: { provider: 'aisa', key: 'sk-aisa-1' } } }],
    ['AIsa empty key, nothing saved', draft({ provider: 'aisa' }), dfs, 'dataforseo', { kind: 'invalid', field: 'key' }],
    ['AIsa empty key, key saved', draft({ provider: 'aisa' }), aisa, 'aisa', { kind: 'unchanged' }],
    ['AIsa empty key, key saved, other provider active', draft({ provider: 'aisa' }), aisa, 'sandbox', { kind: 'provider', provider: 'aisa' }],
  ];
  it.each(cases)('%s', (_name, d, saved, active, expected) => {
    expect(planCredentialSave(d, saved, active as never)).toMatchObject(expected as object);
  });

  it('a password is sent as typed (not trimmed)', () => {
    const plan = planCredentialSave(draft({ login: 'me', password: ' pw ' }), none, 'dataforseo');
    expect(plan.kind === 'save' && plan.request.credentials.provider !== 'aisa' && plan.request.credentials.password).toBe(' pw ');
  });
});

describe('draftFromSaved', () => {
  it('never carries a secret and prefers the credentials provider', () => {
    const d = draftFromSaved({ settings: { ...DEFAULT_SETTINGS, provider: 'dataforseo' }, credentials: { ...dfs, provider: 'sandbox' } });
    expect(d).toEqual({ provider: 'sandbox', login: 'me@example.com', password: '', key: '' });
  });
});

describe('parseNumberField', () => {
  it.each([
    ['dailyBudget', '', { ok: true, value: null }],
    ['dailyBudget', ' $5.50 ', { ok: true, value: 5.5 }],
    ['cacheHours', '0', { ok: true, value: 0 }],
    ['anchorsPageSize', '1,000', { ok: true, value: 1000 }],
  ] as const)('%s "%s" → value', (field, text, expected) => {
    expect(parseNumberField(field, text)).toEqual(expected);
  });
  it.each([
    ['cacheHours', '', 'The cache lifetime needs a number.'],
    ['cacheHours', 'abc', 'The cache lifetime must be a number.'],
    ['cacheHours', '721', 'The cache lifetime must be at most 720 hours.'],
    ['anchorsPageSize', '5', 'Anchors per page must be at least 10 rows.'],
    ['backlinksPageSize', '50.5', 'Backlinks per page must be a whole number.'],
    ['dailyBudget', '-1', 'The daily budget must be at least $0.'],
    ['dailyBudget', '20000', 'The daily budget must be at most $10000.00.'],
    ['aisaPerMinute', '0', 'AIsa requests per minute must be at least 1.'],
  ] as const)('%s "%s" → sentence', (field, text, sentence) => {
    expect(parseNumberField(field, text)).toEqual({ ok: false, message: sentence });
  });
});

describe('validatePatch', () => {
  it('is empty for a valid patch and one sentence per problem otherwise', () => {
    expect(validatePatch({ rankScale: 'one_thousand', dailyBudget: null })).toEqual([]);
    expect(validatePatch({ statusType: 'nope' as never, cacheHours: -1 })).toEqual([
      'The backlink status must be one of: live, all, lost.',
      'The cache lifetime must be at least 0 hours.',
    ]);
  });
});

describe('small formats', () => {
  it('KB and approximate money', () => {
    expect(formatKb(0)).toBe('0 KB');
    expect(formatKb(2048)).toBe('2.0 KB');
    expect(formatKb(300)).toBe('0.3 KB');
    expect(formatKb(5 * 1024 * 1024)).toBe('5,120 KB');
    expect(formatApprox(0.02003)).toBe('$0.02');
    expect(formatApprox(0.003)).toBe('$0.0030');
  });
});

describe('historyHref', () => {
  it.each([
    ['domain', 'example.com', 'https://example.com/'],
    ['host', 'blog.xn--bcher-kva.example', 'https://blog.xn--bcher-kva.example/'],
    ['page', 'https://example.com/a/b?q=1', 'https://example.com/a/b?q=1'],
    ['page', 'http://example.com/', 'http://example.com/'],
  ] as const)('%s %s → %s', (scope, value, href) => {
    expect(historyHref({ scope, value })).toBe(href);
  });
  it.each([
    ['domain', 'example.com/@evil.test'],
    ['host', 'javascript:alert(1)'],
    ['domain', 'exa mple.com'],
    ['domain', '-bad.example'],
    ['page', 'javascript:alert(1)'],
    ['page', 'ftp://example.com/file'],
    ['page', 'example.com/no-scheme'],
  ] as const)('%s %s → no link', (scope, value) => {
    expect(historyHref({ scope, value })).toBeNull();
  });
});
