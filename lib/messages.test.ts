import { describe, expect, test } from 'vitest';
import { parseRequest, REQUEST_TYPES, replySchema } from './messages';

describe('parseRequest: only the schema of the message’s own type', () => {
  test('each request type’s schema takes its own type and refuses any other', () => {
    for (const type of REQUEST_TYPES) {
      const result = parseRequest({ type });
      // A request without its fields is refused, never for its type: the schema looked up is the type's own.
      if (!result.success) expect(result.error.issues.some((i) => i.path.length === 1 && i.path[0] === 'type'), type).toBe(false);
    }
    expect(REQUEST_TYPES).toContain('checkTab');
    expect(new Set(REQUEST_TYPES).size).toBe(REQUEST_TYPES.length);
  });

  test('a known type with its fields passes, with keys outside the contract left behind', () => {
    const result = parseRequest({ type: 'checkTab', url: 'https://example.com/', extra: 1 });
    expect(result).toEqual({ success: true, data: { type: 'checkTab', url: 'https://example.com/' } });
  });

  test('a known type with a wrong field names the field', () => {
    const result = parseRequest({ type: 'scanLinks', tabId: -1 });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => i.path.join('.'))).toEqual(['tabId']);
  });

  test.each([
    ['an unknown type', { type: 'nope' }, ['type']],
    ['a type of the object prototype', { type: 'toString' }, ['type']],
    ['no type', { url: 'https://example.com/' }, ['type']],
    ['not an object', 'checkTab', ['']],
    ['null', null, ['']],
  ])('%s is refused at its type', (_, message, paths) => {
    const result = parseRequest(message);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => i.path.join('.'))).toEqual(paths);
  });
});

describe('replySchema', () => {
  test('is built once per type and checks the reply of that type', () => {
    expect(replySchema('spend')).toBe(replySchema('spend'));
    expect(replySchema('spend')).not.toBe(replySchema('history'));
    expect(replySchema('history').safeParse({ ok: true, data: [], meta: { cost: 0, fetchedAt: 1, fromCache: false, spentToday: 0 } }).success).toBe(true);
    expect(replySchema('history').safeParse({ ok: true, data: {}, meta: { cost: 0, fetchedAt: 1, fromCache: false, spentToday: 0 } }).success).toBe(false);
  });
});
