import { describe, expect, it } from 'vitest';
import type { ErrorKind } from '@/lib/errors';
import { AppErrorSchema } from '@/lib/errors.schema';
import { EnvelopeSchema } from './envelope.schema';
import { checkEnvelope, errorForCode, errorForGateway, errorForHttp, isOkCode, parseRetryAfter } from './status';
import { fixture } from '@/tests/helpers/dataforseo';

/** Every code in the API notes' table, with the kind and retry advice the user should get. */
const CODE_TABLE: [code: number, kind: ErrorKind, retryable: boolean][] = [
  [40000, 'invalid-request', false],
  [40100, 'auth', false],
  [40104, 'account', false],
  [40200, 'payment', false],
  [40210, 'payment', false],
  [40201, 'account', false],
  [40202, 'rate-limit', true],
  [40203, 'cost-limit', false],
  [40204, 'no-access', false],
  [40205, 'duplicate-limit', false],
  [40206, 'duplicate-limit', false],
  [40207, 'no-access', false],
  [40209, 'concurrency', true],
  [40400, 'not-found', false],
  [40401, 'not-found', false],
  [40402, 'not-found', false],
  [40403, 'not-found', false],
  [40404, 'not-found', false],
  [40405, 'not-found', false],
  [40406, 'not-found', false],
  [40407, 'not-found', false],
  [40408, 'not-found', false],
  [40501, 'invalid-request', false],
  [40503, 'invalid-request', false],
  [40506, 'invalid-request', false],
  [50000, 'server', true],
  [50001, 'server', true],
  [50301, 'server', true],
  [50303, 'server', true],
  [50304, 'server', true],
  [50401, 'timeout', true],
  // Unknown codes, mapped by range.
  [40150, 'auth', false],
  [40299, 'account', false],
  [40499, 'not-found', false],
  [40600, 'invalid-request', false],
  [50999, 'server', true],
  [12345, 'bad-response', false],
];

describe('errorForCode', () => {
  it.each(CODE_TABLE)('%i → %s (retryable %s)', (code, kind, retryable) => {
    const e = errorForCode(code, 'Some API message.', 200);
    expect(AppErrorSchema.parse(e)).toEqual(e);
    expect(e.kind).toBe(kind);
    expect(e.retryable).toBe(retryable);
    expect(e.statusCode).toBe(code);
    expect(e.httpStatus).toBe(200);
    expect(e.message.trim().length).toBeGreaterThan(20);
    expect(e.message).toMatch(/[.!]$/);
  });

  it('says where the API password is for 40100', () => {
    expect(errorForCode(40100).message).toContain('app.dataforseo.com/api-access');
    expect(errorForCode(40100).message).toContain('not your account password');
  });

  it('says which field was refused for 4050x', () => {
    expect(errorForCode(40501, "Invalid Field: 'target'.").message).toContain("Invalid Field: 'target'.");
  });

  it('20000 and other 2xxxx codes are success', () => {
    expect(isOkCode(20000)).toBe(true);
    expect(isOkCode(20100)).toBe(true);
    expect(isOkCode(40000)).toBe(false);
    expect(isOkCode(10000)).toBe(false);
  });
});

describe('errorForHttp', () => {
  it.each([
    [401, 'dataforseo', 'auth', false],
    [401, 'aisa', 'auth', false],
    [402, 'dataforseo', 'payment', false],
    [402, 'aisa', 'payment', false],
    [403, 'sandbox', 'no-access', false],
    [404, 'dataforseo', 'not-found', false],
    [408, 'dataforseo', 'timeout', true],
    [429, 'aisa', 'rate-limit', true],
    [400, 'dataforseo', 'invalid-request', false],
    [500, 'dataforseo', 'server', true],
    [502, 'aisa', 'server', true],
    [503, 'sandbox', 'server', true],
  ] as const)('HTTP %i from %s → %s', (status, provider, kind, retryable) => {
    const e = errorForHttp(status, provider);
    expect(e.kind).toBe(kind);
    expect(e.retryable).toBe(retryable);
    expect(e.httpStatus).toBe(status);
    expect(e.message.length).toBeGreaterThan(20);
  });

  it('AIsa 401 talks about the key, DataForSEO 401 about the API password', () => {
    expect(errorForHttp(401, 'aisa').message).toContain('key');
    expect(errorForHttp(401, 'dataforseo').message).toContain('API password');
  });
});

describe('AIsa gateway error bodies', () => {
  const body = (code: string, type: string) => ({
    error: { type, code, message: 'upstream message', request_id: 'req_123' },
  });

  it('401 invalid_api_key → auth', () => {
    const e = errorForGateway(body('invalid_api_key', 'authentication_error'), 401);
    expect(e).toMatchObject({ kind: 'auth', retryable: false, httpStatus: 401 });
    expect(e.message).toContain('sk-aisa-');
  });

  it('402 low balance → payment', () => {
    const e = errorForGateway(body('insufficient_balance', 'billing_error'), 402);
    expect(e).toMatchObject({ kind: 'payment', retryable: false, httpStatus: 402 });
  });

  it('429 rate_limit_exceeded with Retry-After → rate-limit with retryAfter', () => {
    const e = errorForGateway(body('rate_limit_exceeded', 'rate_limit_error'), 429, 17);
    expect(e).toMatchObject({ kind: 'rate-limit', retryable: true, httpStatus: 429, retryAfter: 17 });
    expect(e.message).toContain('17 seconds');
  });

  it('an unknown gateway error on 503 → server', () => {
    expect(errorForGateway(body('overloaded', 'server_error'), 503)).toMatchObject({ kind: 'server', retryable: true });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter('1.2')).toBe(2);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:45 GMT', now)).toBe(45);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('checkEnvelope', () => {
  it('accepts the documented success', () => {
    const r = checkEnvelope(EnvelopeSchema.parse(fixture('summary')), 200, 'dataforseo');
    expect(r.ok).toBe(true);
  });

  it('a 20000 envelope holding a failed task is an error with the task’s code', () => {
    const json = fixture('summary');
    json.tasks_error = 1;
    json.tasks[0].status_code = 40501;
    json.tasks[0].status_message = "Invalid Field: 'target'.";
    json.tasks[0].result = null;
    const r = checkEnvelope(EnvelopeSchema.parse(json), 200, 'dataforseo');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('invalid-request');
      expect(r.error.statusCode).toBe(40501);
      expect(r.error.message).toContain("Invalid Field: 'target'.");
    }
  });

  it('a failed top-level code wins', () => {
    const r = checkEnvelope(
      EnvelopeSchema.parse({ status_code: 40100, status_message: 'You are not authorized.', tasks: null }),
      401,
      'dataforseo',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'auth', statusCode: 40100, httpStatus: 401 });
  });

  it('no task at all is a bad response', () => {
    const r = checkEnvelope(EnvelopeSchema.parse({ status_code: 20000, tasks: [] }), 200, 'dataforseo');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('bad-response');
  });

  it('a non-2xx HTTP status with codes that say nothing is an error by HTTP status', () => {
    const r = checkEnvelope(EnvelopeSchema.parse({ status_code: null, tasks: [{ status_code: null }] }), 500, 'dataforseo');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'server', httpStatus: 500 });
  });
});
