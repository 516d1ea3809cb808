import { describe, expect, it, vi } from 'vitest';
import type { AnchorsParams, BacklinksParams, ProfileParams, QueryOptions } from '@/lib/params.schema';
import { DEFAULT_FILTERS } from '@/lib/defaults';
import type { Credentials } from '@/lib/providers';
import { base64Utf8, createClient } from './client';
import { buildProfileBody } from './requests/profile';
import { buildAnchorsBody } from './requests/anchors';
import { buildBacklinksBody } from './requests/backlinks';
import { fixture, nullEverything } from '@/tests/helpers/dataforseo';

const options: QueryOptions = {
  includeSubdomains: true,
  includeIndirectLinks: true,
  excludeInternalBacklinks: true,
  statusType: 'live',
  rankScale: 'one_thousand',
};
const profileParams: ProfileParams = {
  target: { scope: 'domain', value: 'explodingtopics.com', display: 'explodingtopics.com' },
  options,
};
const anchorsParams: AnchorsParams = {
  target: { scope: 'domain', value: 'forbes.com', display: 'forbes.com' },
  options,
  limit: 4,
  offset: 0,
  sort: 'backlinks',
  text: 'news',
};
const backlinksParams: BacklinksParams = {
  target: { scope: 'domain', value: 'forbes.com', display: 'forbes.com' },
  options,
  limit: 5,
  offset: 0,
  searchAfterToken: null,
  sort: 'rank',
  dir: 'desc',
  mode: 'as_is',
  filters: { ...DEFAULT_FILTERS, dofollowOnly: true },
};

const dfs: Credentials = { provider: 'dataforseo', login: 'me@example.com', password: 'pässwörd✓' };
const sandbox: Credentials = { provider: 'sandbox', login: 'me@example.com', password: 'secret' };
const aisa: Credentials = { provider: 'aisa', key: 'sk-aisa-test123' };

interface Seen {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

/** A fake fetch answering one fixed reply, recording what was sent. */
function fakeFetch(reply: { status?: number; body: unknown; headers?: Record<string, string> }) {
  const seen: Seen[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
      credentials: init?.credentials,
    });
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    return new Response(text, { status: reply.status ?? 200, headers: reply.headers ?? {} });
  });
  return { fetch: fn as unknown as typeof fetch, seen, calls: fn };
}

function expectOk<T>(o: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!o.ok) throw new Error(`expected ok, got ${JSON.stringify(o.error)}`);
  return o.value;
}

function expectError(o: { ok: boolean; error?: unknown; value?: unknown }) {
  if (o.ok) throw new Error(`expected an error, got ${JSON.stringify(o.value)}`);
  return o.error as { kind: string; message: string; retryable: boolean; statusCode?: number; httpStatus?: number; retryAfter?: number };
}

describe('requests per provider', () => {
  it('DataForSEO: POST JSON array to api.dataforseo.com with Basic auth (UTF-8 safe)', async () => {
    const f = fakeFetch({ body: fixture('summary') });
    const client = createClient(dfs, { fetch: f.fetch });
    const answer = expectOk(await client.profile(profileParams));
    expect(f.seen).toHaveLength(1);
    const req = f.seen[0]!;
    expect(req.url).toBe('https://api.dataforseo.com/v3/backlinks/summary/live');
    expect(req.method).toBe('POST');
    expect(req.headers.get('Authorization')).toBe(
      `Basic ${Buffer.from('me@example.com:pässwörd✓', 'utf8').toString('base64')}`,
    );
    expect(req.headers.get('Content-Type')).toBe('application/json');
    // A 401 with WWW-Authenticate must not wait on the browser's login prompt.
    expect(req.credentials).toBe('omit');
    expect(req.body).toEqual(expectOk(buildProfileBody(profileParams)));
    expect(Array.isArray(req.body) && req.body.length).toBe(1);

    expect(answer.data.rank).toBe(371);
    expect(answer.data.backlinks).toBe(41245);
    expect(answer.cost).toBe(0.02003);
    expect(answer.rows).toBe(1);
  });

  it('sandbox: same paths on sandbox.dataforseo.com', async () => {
    const f = fakeFetch({ body: fixture('anchors') });
    const answer = expectOk(await createClient(sandbox, { fetch: f.fetch }).anchors(anchorsParams));
    expect(f.seen[0]!.url).toBe('https://sandbox.dataforseo.com/v3/backlinks/anchors/live');
    expect(f.seen[0]!.headers.get('Authorization')).toBe(`Basic ${btoa('me@example.com:secret')}`);
    expect(f.seen[0]!.body).toEqual(expectOk(buildAnchorsBody(anchorsParams)));
    expect(answer.data.items[0]).toMatchObject({ anchor: 'news', backlinks: 4186 });
    expect(answer.data.totalCount).toBe(83736);
    expect(answer.rows).toBe(4);
    expect(answer.cost).toBe(0.02012);
  });

  it('AIsa: Bearer key, path without v3/', async () => {
    const f = fakeFetch({ body: fixture('backlinks') });
    const answer = expectOk(await createClient(aisa, { fetch: f.fetch }).backlinks(backlinksParams));
    const req = f.seen[0]!;
    expect(req.url).toBe('https://api.aisa.one/apis/v1/dataforseo/backlinks/backlinks/live');
    expect(req.method).toBe('POST');
    expect(req.headers.get('Authorization')).toBe('Bearer sk-aisa-test123');
    expect(req.headers.get('Content-Type')).toBe('application/json');
    expect(req.body).toEqual(expectOk(buildBacklinksBody(backlinksParams)));
    expect(answer.data.items[0]?.domainFrom).toBe('www.opencart.com');
    expect(answer.data.searchAfterToken).toBeTruthy();
    expect(answer.rows).toBe(5);
    expect(answer.cost).toBe(0.02015);
  });

  it('baseUrl overrides a provider’s host (with or without trailing slash)', async () => {
    const f = fakeFetch({ body: fixture('summary') });
    await createClient(dfs, { fetch: f.fetch, baseUrl: { dataforseo: 'http://127.0.0.1:9999/v3' } }).profile(profileParams);
    expect(f.seen[0]!.url).toBe('http://127.0.0.1:9999/v3/backlinks/summary/live');
  });

  it('account: free GET appendix/user_data without a body', async () => {
    const userData = {
      status_code: 20000,
      cost: 0,
      tasks: [
        {
          status_code: 20000,
          cost: 0,
          result: [{ login: 'me@example.com', timezone: 'UTC', money: { balance: 12.5, total: 50 }, backlinks_subscription_expiry_date: null }],
        },
      ],
    };
    const f = fakeFetch({ body: userData });
    const answer = expectOk(await createClient(dfs, { fetch: f.fetch }).account());
    expect(f.seen[0]!.url).toBe('https://api.dataforseo.com/v3/appendix/user_data');
    expect(f.seen[0]!.method).toBe('GET');
    expect(f.seen[0]!.body).toBeUndefined();
    expect(f.seen[0]!.headers.get('Authorization')).toMatch(/^Basic /);
    expect(answer.data).toMatchObject({ login: 'me@example.com', balance: 12.5, totalDeposited: 50 });
    expect(answer.cost).toBe(0);
    expect(answer.rows).toBe(0);
  });

  it('AIsa has no free account check, and nothing is sent', async () => {
    const f = fakeFetch({ body: {} });
    const e = expectError(await createClient(aisa, { fetch: f.fetch }).account());
    expect(e.kind).toBe('invalid-request');
    expect(e.message).toContain('The AIsa gateway has no free account check');
    expect(f.calls).not.toHaveBeenCalled();
  });

  it('invalid params are refused before any network call', async () => {
    const f = fakeFetch({ body: fixture('backlinks') });
    const e = expectError(await createClient(dfs, { fetch: f.fetch }).backlinks({ ...backlinksParams, limit: 5000 }));
    expect(e.kind).toBe('invalid-request');
    expect(f.calls).not.toHaveBeenCalled();
  });
});

describe('cost', () => {
  it('task cost first, else envelope cost, else 0', async () => {
    const both = fixture('summary');
    both.cost = 0.5;
    both.tasks[0].cost = 0.02003;
    expect(expectOk(await createClient(dfs, { fetch: fakeFetch({ body: both }).fetch }).profile(profileParams)).cost).toBe(0.02003);

    const envOnly = fixture('summary');
    envOnly.cost = 0.04;
    envOnly.tasks[0].cost = null;
    expect(expectOk(await createClient(dfs, { fetch: fakeFetch({ body: envOnly }).fetch }).profile(profileParams)).cost).toBe(0.04);

    const none = fixture('summary');
    delete none.cost;
    none.tasks[0].cost = 'free';
    expect(expectOk(await createClient(dfs, { fetch: fakeFetch({ body: none }).fetch }).profile(profileParams)).cost).toBe(0);
  });
});

describe('cost fallback', () => {
  it('a task without any cost field is charged the envelope cost', async () => {
    const noTaskCost = fixture('summary');
    noTaskCost.cost = 0.03;
    delete noTaskCost.tasks[0].cost;
    expect('cost' in noTaskCost.tasks[0]).toBe(false);
    expect(expectOk(await createClient(dfs, { fetch: fakeFetch({ body: noTaskCost }).fetch }).anchors(anchorsParams)).cost).toBe(0.03);
  });
});

describe('failures', () => {
  it('times out with a fetch that never resolves', async () => {
    const never = vi.fn(() => new Promise<Response>(() => {}));
    const started = Date.now();
    const e = expectError(await createClient(dfs, { fetch: never as unknown as typeof fetch, timeoutMs: 30 }).profile(profileParams));
    expect(e.kind).toBe('timeout');
    expect(e.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('aborts the request’s own signal on timeout', async () => {
    let signal: AbortSignal | undefined;
    const listening = vi.fn(
      (_: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_, reject) => {
          signal = init?.signal ?? undefined;
          signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const e = expectError(await createClient(dfs, { fetch: listening as unknown as typeof fetch, timeoutMs: 20 }).anchors(anchorsParams));
    expect(e.kind).toBe('timeout');
    expect(signal?.aborted).toBe(true);
  });

  it('a caller abort is “Cancelled.”, not a timeout', async () => {
    const never = vi.fn(() => new Promise<Response>(() => {}));
    const controller = new AbortController();
    const pending = createClient(dfs, { fetch: never as unknown as typeof fetch, timeoutMs: 5000 }).profile(profileParams, controller.signal);
    setTimeout(() => controller.abort(), 10);
    const e = expectError(await pending);
    expect(e).toMatchObject({ kind: 'network', message: 'Cancelled.', retryable: true });
  });

  it('an already aborted signal sends nothing', async () => {
    const f = fakeFetch({ body: fixture('summary') });
    const controller = new AbortController();
    controller.abort();
    const e = expectError(await createClient(dfs, { fetch: f.fetch }).profile(profileParams, controller.signal));
    expect(e.message).toBe('Cancelled.');
    expect(f.calls).not.toHaveBeenCalled();
  });

  it('a rejected fetch is a network error', async () => {
    const failing = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const e = expectError(await createClient(dfs, { fetch: failing as unknown as typeof fetch }).profile(profileParams));
    expect(e).toMatchObject({ kind: 'network', retryable: true });
    expect(e.message).toContain('DataForSEO');
  });

  it('invalid JSON with HTTP 200 is a bad response', async () => {
    const e = expectError(await createClient(dfs, { fetch: fakeFetch({ body: '{"version": "0.1", ' }).fetch }).profile(profileParams));
    expect(e).toMatchObject({ kind: 'bad-response', httpStatus: 200 });
  });

  it('an HTML error page with HTTP 502 is a server error', async () => {
    const e = expectError(
      await createClient(aisa, { fetch: fakeFetch({ status: 502, body: '<html>Bad gateway</html>' }).fetch }).profile(profileParams),
    );
    expect(e).toMatchObject({ kind: 'server', httpStatus: 502, retryable: true });
  });

  it.each([[{ hello: 'world' }], [[1, 2, 3]], ['"just a string"'], [null]])('JSON that is not an envelope (%j) is a bad response', async (body) => {
    const e = expectError(
      await createClient(dfs, { fetch: fakeFetch({ body: body === null ? 'null' : body }).fetch }).profile(profileParams),
    );
    expect(e.kind).toBe('bad-response');
  });

  it('HTTP 401 with a 40100 body → auth', async () => {
    const body = { version: '0.1', status_code: 40100, status_message: 'You are not authorized to access this resource.', tasks: null };
    const e = expectError(
      await createClient(dfs, { fetch: fakeFetch({ status: 401, body, headers: { 'WWW-Authenticate': 'Basic' } }).fetch }).profile(profileParams),
    );
    expect(e).toMatchObject({ kind: 'auth', statusCode: 40100, httpStatus: 401, retryable: false });
    expect(e.message).toContain('app.dataforseo.com/api-access');
  });

  it('a 20000 envelope with a failed task is an error', async () => {
    const json = fixture('backlinks');
    json.tasks_error = 1;
    json.tasks[0].status_code = 40204;
    json.tasks[0].status_message = 'Access denied.';
    json.tasks[0].result = null;
    const e = expectError(await createClient(dfs, { fetch: fakeFetch({ body: json }).fetch }).backlinks(backlinksParams));
    expect(e).toMatchObject({ kind: 'no-access', statusCode: 40204 });
  });

  it('40202 rate limit arrives with HTTP 200', async () => {
    const json = { status_code: 40202, status_message: 'Rate limit per minute exceeded.', tasks: [] };
    const e = expectError(await createClient(dfs, { fetch: fakeFetch({ body: json }).fetch }).anchors(anchorsParams));
    expect(e).toMatchObject({ kind: 'rate-limit', retryable: true, statusCode: 40202 });
  });

  it('AIsa 401 / 402 / 429 bodies', async () => {
    const err = (code: string, type: string) => ({ error: { type, code, message: 'm', request_id: 'r1' } });
    const e401 = expectError(
      await createClient(aisa, { fetch: fakeFetch({ status: 401, body: err('invalid_api_key', 'authentication_error') }).fetch }).profile(profileParams),
    );
    expect(e401).toMatchObject({ kind: 'auth', httpStatus: 401 });
    const e402 = expectError(
      await createClient(aisa, { fetch: fakeFetch({ status: 402, body: err('insufficient_balance', 'payment_required') }).fetch }).profile(profileParams),
    );
    expect(e402).toMatchObject({ kind: 'payment', httpStatus: 402 });
    const e429 = expectError(
      await createClient(aisa, {
        fetch: fakeFetch({ status: 429, body: err('rate_limit_exceeded', 'rate_limit_error'), headers: { 'Retry-After': '42' } }).fetch,
      }).profile(profileParams),
    );
    expect(e429).toMatchObject({ kind: 'rate-limit', httpStatus: 429, retryAfter: 42, retryable: true });
  });
});

describe('empty and all-null answers', () => {
  it('summary with every field null at every level → a Profile of nulls', async () => {
    const body = nullEverything(fixture('summary'));
    const answer = expectOk(await createClient(dfs, { fetch: fakeFetch({ body }).fetch }).profile(profileParams));
    expect(answer.data.rank).toBeNull();
    expect(answer.data.tlds).toEqual([]);
    expect(answer.cost).toBe(0);
  });

  it('summary without any result row → not-found “no data for this target”', async () => {
    const body = fixture('summary');
    body.tasks[0].result = null;
    body.tasks[0].result_count = 0;
    const e = expectError(await createClient(dfs, { fetch: fakeFetch({ body }).fetch }).profile(profileParams));
    expect(e.kind).toBe('not-found');
    expect(e.message).toContain('explodingtopics.com');
  });

  it('anchors without a result row → an empty page, not an error', async () => {
    const body = fixture('anchors');
    body.tasks[0].result = [];
    const answer = expectOk(await createClient(dfs, { fetch: fakeFetch({ body }).fetch }).anchors(anchorsParams));
    expect(answer.data).toEqual({ totalCount: null, items: [] });
    expect(answer.rows).toBe(0);
  });
});

describe('base64Utf8', () => {
  it('matches Node’s encoder for non-ASCII text', () => {
    for (const s of ['', 'a:b', 'üser:pä$$', '登录:密码', '😀:x'.repeat(5000)]) {
      expect(base64Utf8(s)).toBe(Buffer.from(s, 'utf8').toString('base64'));
    }
  });
});
