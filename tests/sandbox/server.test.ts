import http from 'node:http';
import https from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from './server';

const LOGIN = 'demo@backlinklens.test';
const PASSWORD = 'demo-api-password';
const BASIC = `Basic ${Buffer.from(`${LOGIN}:${PASSWORD}`).toString('base64')}`;
const API = 'api.dataforseo.com';
/** One ordinary target shared by most tests (each distinct target costs a data set to generate). */
const T = 'query-check.com';

let sb: SandboxHandle;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
  ms: number;
}

interface CallOpts {
  tls?: boolean;
  host?: string;
  path: string;
  method?: string;
  body?: unknown;
  /** Raw body text (sent as is). */
  raw?: string;
  auth?: string | null;
  timeoutMs?: number;
}

/** A real request to the sandbox's port with a chosen Host header, over HTTP or HTTPS. */
function call(o: CallOpts): Promise<Reply> {
  const started = performance.now();
  const data = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  const host = o.host ?? API;
  const headers: Record<string, string> = { host, 'content-type': 'application/json' };
  const auth = o.auth === undefined ? BASIC : o.auth;
  if (auth) headers.authorization = auth;
  return new Promise((resolve, reject) => {
    const options = {
      host: '127.0.0.1',
      port: sb.port,
      path: o.path,
      method: o.method ?? (data === undefined ? 'GET' : 'POST'),
      headers,
      agent: false as const,
    };
    const onRes = (res: http.IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let json: unknown = undefined;
        try {
          json = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: performance.now() - started });
      });
    };
    const req = o.tls
      ? https.request({ ...options, servername: /^[\d.]+$/.test(host) ? undefined : host, rejectUnauthorized: false }, onRes)
      : http.request(options, onRes);
    req.on('error', reject);
    if (o.timeoutMs) req.setTimeout(o.timeoutMs, () => req.destroy(new Error('timeout')));
    if (data !== undefined) req.write(data);
    req.end();
  });
}

/** Conditions joined by "and", nested in threes as the API's examples do: [a, "and", [b, "and", …]]. */
const nestAnd = (conds: unknown[]): unknown => (conds.length === 1 ? conds[0] : [conds[0], 'and', nestAnd(conds.slice(1))]);
const post = (endpoint: string, task: unknown, extra: Partial<CallOpts> = {}) => call({ path: `/v3/backlinks/${endpoint}/live`, body: [task], ...extra });

/** Top-level and task status codes of an envelope. */
function codes(r: Reply): [number, number | undefined] {
  return [r.json.status_code, r.json.tasks?.[0]?.status_code];
}
function result(r: Reply) {
  expect(codes(r)).toEqual([20000, 20000]);
  return r.json.tasks[0].result[0];
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => {
  sb.reset();
  sb.setLatency(0);
});

describe('auth and hosts', () => {
  it('refuses missing or wrong Basic credentials with HTTP 401, 40100 and WWW-Authenticate', async () => {
    for (const auth of [null, `Basic ${Buffer.from(`${LOGIN}:nope`).toString('base64')}`, 'Bearer sk-aisa-demo']) {
      const r = await post('summary', { target: 'example.com' }, { auth });
      expect(r.status).toBe(401);
      expect(r.headers['www-authenticate']).toMatch(/^Basic/);
      expect(r.json.status_code).toBe(40100);
      expect(r.json.cost).toBe(0);
    }
    const ok = await post('summary', { target: 'example.com' });
    expect(ok.status).toBe(200);
    expect(codes(ok)).toEqual([20000, 20000]);
  });

  it('accepts configured credentials only', async () => {
    const other = await startSandbox({ credentials: [{ login: 'a@b.c', password: 'pw' }] });
    try {
      const basic = `Basic ${Buffer.from('a@b.c:pw').toString('base64')}`;
      const good = await new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: other.port, path: '/v3/appendix/user_data', headers: { host: API, authorization: basic } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(good).toBe(200);
      expect(other.requests[0]?.login).toBe('a@b.c');
      const def = await new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: other.port, path: '/v3/appendix/user_data', headers: { host: API, authorization: BASIC } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(def).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('answers the sandbox host and 127.0.0.1 like the API, and records the provider', async () => {
    const a = await post('summary', { target: 'example.com' }, { host: 'sandbox.dataforseo.com', tls: true });
    const b = await post('summary', { target: 'example.com' }, { host: `127.0.0.1:${sb.port}` });
    expect(result(a)).toEqual(result(b));
    expect(sb.requests.map((r) => r.provider)).toEqual(['sandbox', 'dataforseo']);
    expect(sb.requests[0]).toMatchObject({ method: 'POST', host: 'sandbox.dataforseo.com', path: '/v3/backlinks/summary/live', endpoint: 'summary', auth: 'basic', login: LOGIN, statusCode: 20000, httpStatus: 200 });
  });

  it('AIsa: Bearer key works and returns the DataForSEO envelope; a bad key gets its own 401 error', async () => {
    const path = '/apis/v1/dataforseo/backlinks/summary/live';
    const ok = await call({ tls: true, host: 'api.aisa.one', path, body: [{ target: 'example.com' }], auth: 'Bearer sk-aisa-demo' });
    expect(ok.status).toBe(200);
    expect(result(ok).target).toBe('example.com');
    for (const auth of ['Bearer sk-aisa-wrong', null, BASIC]) {
      const bad = await call({ tls: true, host: 'api.aisa.one', path, body: [{ target: 'example.com' }], auth });
      expect(bad.status).toBe(401);
      expect(bad.json.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key' });
      expect(typeof bad.json.error.message).toBe('string');
      expect(bad.json.error.request_id).toMatch(/^req_/);
    }
    expect(sb.apiCalls().map((r) => [r.provider, r.auth, r.httpStatus])).toEqual([
      ['aisa', 'bearer', 200],
      ['aisa', 'bearer', 401],
      ['aisa', 'none', 401],
      ['aisa', 'basic', 401],
    ]);
  });

  it('unknown paths get 404', async () => {
    const r = await call({ path: '/v3/backlinks/nothing/live', body: [{ target: 'example.com' }] });
    expect(r.status).toBe(404);
    expect(r.json.status_code).toBe(40400);
    const g = await call({ path: '/v3/backlinks/summary/live', method: 'GET' });
    expect(g.status).toBe(404);
    const aisa = await call({ host: 'api.aisa.one', path: '/apis/v1/dataforseo/appendix/user_data', auth: 'Bearer sk-aisa-demo' });
    expect(aisa.status).toBe(404);
    expect(aisa.json.error.code).toBe('not_found');
  });

  it('serves HTTP and HTTPS on the same port', async () => {
    const a = await call({ path: '/v3/appendix/errors', tls: false });
    const b = await call({ path: '/v3/appendix/errors', tls: true });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.json.tasks[0].result).toEqual(a.json.tasks[0].result);
    expect(a.json.tasks[0].result).toContainEqual({ status_code: 40501, status_message: expect.any(String) });
  });

  it('serves a deterministic web page for any other host', async () => {
    const r = await call({ tls: true, host: 'www.example-shop.com', path: '/blog/post?x=1', auth: null });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.text).toMatch(/<title>www\.example-shop\.com[^<]*<\/title>/);
    expect(r.text).toContain('/blog/post?x=1');
    const hrefs = [...r.text.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '');
    const otherHosts = hrefs.filter((h) => /^https?:\/\//.test(h)).map((h) => new URL(h).hostname);
    expect(otherHosts.length).toBeGreaterThanOrEqual(2);
    expect(otherHosts.every((h) => h !== 'www.example-shop.com')).toBe(true);
    expect(hrefs.some((h) => h.startsWith('mailto:'))).toBe(true);
    const again = await call({ host: 'www.example-shop.com', path: '/blog/post?x=1', auth: null });
    expect(again.text).toBe(r.text);
    const other = await call({ host: 'news.other-site.org', path: '/', auth: null });
    expect(other.text).toContain('<title>news.other-site.org');
    expect(sb.requests).toHaveLength(0); // site pages are not API calls
  });
});

describe('validation', () => {
  const cases: [string, string, unknown, number][] = [
    ['missing target', 'summary', {}, 40501],
    ['empty target', 'summary', { target: '' }, 40501],
    ['target with www.', 'summary', { target: 'www.example.com' }, 40501],
    ['domain target with a path', 'backlinks', { target: 'example.com/page' }, 40501],
    ['domain target with a scheme other than http(s)', 'backlinks', { target: 'ftp://example.com' }, 40501],
    ['target with a space', 'anchors', { target: 'exa mple.com' }, 40501],
    ['target not a string', 'summary', { target: 42 }, 40501],
    ['limit 0', 'backlinks', { target: 'example.com', limit: 0 }, 40501],
    ['limit 1001', 'backlinks', { target: 'example.com', limit: 1001 }, 40501],
    ['limit not an integer', 'anchors', { target: 'example.com', limit: 2.5 }, 40501],
    ['limit as a string', 'anchors', { target: 'example.com', limit: '10' }, 40501],
    ['negative offset', 'backlinks', { target: 'example.com', offset: -1 }, 40501],
    ['offset over 20,000', 'backlinks', { target: 'example.com', offset: 20001 }, 40501],
    ['9 filter conditions', 'backlinks', { target: 'example.com', filters: nestAnd(Array.from({ length: 9 }, (_, i) => ['rank', '>', i])) }, 40501],
    ['a flat top-level filter array of 5 elements', 'backlinks', { target: 'example.com', filters: [['rank', '>', 1], 'and', ['rank', '>', 2], 'and', ['rank', '>', 3]] }, 40501],
    ['unknown filter operator', 'backlinks', { target: 'example.com', filters: ['rank', '~', 5] }, 40501],
    ['unknown filter field', 'backlinks', { target: 'example.com', filters: ['nonsense', '=', 5] }, 40501],
    ['bad filter joiner', 'backlinks', { target: 'example.com', filters: [['rank', '>', 1], 'xor', ['rank', '<', 9]] }, 40501],
    ['in without a list', 'backlinks', { target: 'example.com', filters: ['item_type', 'in', 'image'] }, 40501],
    ['4 order_by rules', 'backlinks', { target: 'example.com', order_by: ['rank,desc', 'first_seen,asc', 'last_seen,asc', 'page_from_rank,desc'] }, 40501],
    ['order_by with a bad direction', 'backlinks', { target: 'example.com', order_by: ['rank,up'] }, 40501],
    ['order_by with an unknown field', 'anchors', { target: 'example.com', order_by: ['nonsense,desc'] }, 40501],
    ['unknown mode', 'backlinks', { target: 'example.com', mode: 'one_per_page' }, 40501],
    ['unknown backlinks_status_type', 'summary', { target: 'example.com', backlinks_status_type: 'dead' }, 40501],
    ['unknown rank_scale', 'anchors', { target: 'example.com', rank_scale: 'one_ten' }, 40501],
    ['boolean as a string', 'summary', { target: 'example.com', include_subdomains: 'true' }, 40501],
    ['internal_list_limit over 1000', 'summary', { target: 'example.com', internal_list_limit: 1001 }, 40501],
    ['tag over 255 characters', 'summary', { target: 'example.com', tag: 'x'.repeat(256) }, 40501],
    ['unknown field', 'summary', { target: 'example.com', colour: 'blue' }, 40506],
    ['field of another endpoint', 'summary', { target: 'example.com', limit: 10 }, 40506],
    ['garbage search_after_token', 'backlinks', { target: 'example.com', search_after_token: 'not-a-token' }, 40501],
  ];
  it.each(cases.map(([name, endpoint, task, code]) => ({ name, endpoint, task, code })))('$name → $code', async ({ endpoint, task, code }) => {
    const r = await post(endpoint, task);
    expect(r.status).toBe(200);
    expect(codes(r)).toEqual([code, code]);
    expect(r.json.tasks_error).toBe(1);
    expect(r.json.cost).toBe(0);
    expect(r.json.tasks[0].cost).toBe(0);
    expect(r.json.tasks[0].result).toBeNull();
  });

  it('accepts the limits themselves', async () => {
    const ok: [string, unknown][] = [
      ['backlinks', { target: 'example.com', limit: 1000, offset: 20000, order_by: ['rank,desc', 'first_seen,asc', 'last_seen,asc'] }],
      ['backlinks', { target: 'example.com', limit: 1, filters: nestAnd(Array.from({ length: 8 }, () => ['rank', '>=', 0])) }],
      ['backlinks', { target: 'https://example.com/page?x=1', mode: 'one_per_anchor', backlinks_status_type: 'all', rank_scale: 'one_hundred', tag: 'x'.repeat(255) }],
      ['summary', { target: 'blog.example.com', internal_list_limit: 1000, include_subdomains: false, include_indirect_links: false, exclude_internal_backlinks: false, backlinks_filters: ['dofollow', '=', true] }],
      ['anchors', { target: 'example.com', filters: ['referring_links_types.anchor', '>', '1'], order_by: ['referring_domains,desc'], backlinks_filters: [['dofollow', '=', true]] }],
    ];
    for (const [endpoint, task] of ok) {
      const r = await post(endpoint, task);
      expect(codes(r), JSON.stringify(task)).toEqual([20000, 20000]);
    }
  });

  it('refuses bodies that are not a JSON array of one task', async () => {
    const path = '/v3/backlinks/summary/live';
    for (const raw of ['{not json', '{"target":"example.com"}', '[]', '["example.com"]', '', '[null]']) {
      const r = await call({ path, raw, method: 'POST' });
      expect(r.status).toBe(200);
      expect(codes(r), raw).toEqual([40503, 40503]);
    }
    const two = await call({ path, body: [{ target: 'a.com' }, { target: 'b.com' }] });
    expect(codes(two)).toEqual([40000, 40000]);
  });
});

describe('data', () => {
  it('is deterministic per target and differs between targets', async () => {
    const a1 = result(await post('backlinks', { target: T, limit: 50 }));
    const a2 = result(await post('backlinks', { target: T, limit: 50 }));
    const b = result(await post('backlinks', { target: 'other-determinism.com', limit: 50 }));
    expect(a2.items).toEqual(a1.items);
    expect(a2.total_count).toBe(a1.total_count);
    expect(b.items.map((i: { url_from: string }) => i.url_from)).not.toEqual(a1.items.map((i: { url_from: string }) => i.url_from));
    const s1 = result(await post('summary', { target: T }));
    const s2 = result(await post('summary', { target: T }));
    expect(s2).toEqual(s1);
    // the three endpoints agree: live backlinks count, referring domains, one per domain
    expect(s1.backlinks).toBe(a1.total_count);
    const perDomain = result(await post('backlinks', { target: T, mode: 'one_per_domain', limit: 1 }));
    expect(perDomain.total_count).toBe(s1.referring_domains);
  });

  it('summary numbers are plausible', async () => {
    const s = result(await post('summary', { target: T, internal_list_limit: 5 }));
    expect(s.backlinks).toBeGreaterThanOrEqual(1000);
    expect(s.backlinks).toBeGreaterThanOrEqual(s.referring_pages);
    expect(s.referring_pages).toBeGreaterThanOrEqual(s.referring_domains);
    expect(s.referring_domains).toBeGreaterThanOrEqual(s.referring_main_domains);
    expect(s.referring_domains).toBeGreaterThan(s.referring_domains_nofollow);
    expect(s.referring_main_domains).toBeGreaterThan(s.referring_main_domains_nofollow);
    expect(s.rank).toBeGreaterThan(0);
    expect(s.rank).toBeLessThanOrEqual(1000);
    expect(s.first_seen).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+00:00$/);
    expect(Object.keys(s.referring_links_tld).length).toBeLessThanOrEqual(5);
    for (const k of ['referring_links_types', 'referring_links_attributes', 'referring_links_platform_types', 'referring_links_semantic_locations', 'referring_links_countries'])
      expect(Object.keys(s[k]).length, k).toBeGreaterThan(0);
    expect(s.info).toMatchObject({ server: expect.any(String), country: expect.anything() });
    const s100 = result(await post('summary', { target: T, rank_scale: 'one_hundred' }));
    expect(s100.rank).toBe(Math.round(s.rank / 10));
  });

  it('backlink items carry every documented field', async () => {
    const r = result(await post('backlinks', { target: T, limit: 200, backlinks_status_type: 'all' }));
    const keys = [
      'type', 'domain_from', 'url_from', 'url_from_https', 'domain_to', 'url_to', 'url_to_https', 'tld_from', 'is_new', 'is_lost',
      'backlink_spam_score', 'rank', 'page_from_rank', 'domain_from_rank', 'domain_from_platform_type', 'domain_from_is_ip',
      'domain_from_ip', 'domain_from_country', 'page_from_external_links', 'page_from_internal_links', 'page_from_size',
      'page_from_encoding', 'page_from_language', 'page_from_title', 'page_from_status_code', 'first_seen', 'prev_seen', 'last_seen',
      'item_type', 'attributes', 'dofollow', 'original', 'alt', 'image_url', 'anchor', 'text_pre', 'text_post', 'semantic_location',
      'links_count', 'group_count', 'is_broken', 'url_to_status_code', 'url_to_spam_score', 'url_to_redirect_target',
      'ranked_keywords_info', 'is_indirect_link', 'indirect_link_path',
    ];
    for (const item of r.items) {
      expect(Object.keys(item).sort()).toEqual([...keys].sort());
      expect(item.type).toBe('backlink');
      expect(item.first_seen <= item.last_seen).toBe(true);
      if (item.attributes?.includes('nofollow')) expect(item.dofollow).toBe(false);
    }
    expect(new Set(r.items.map((i: { item_type: string }) => i.item_type)).size).toBeGreaterThan(1);
    expect(typeof r.search_after_token).toBe('string');
  });

  it('anchors include an empty anchor and an HTML-looking one', async () => {
    const r = result(await post('anchors', { target: T, limit: 1000 }));
    expect(r.total_count).toBeGreaterThanOrEqual(100);
    const texts = r.items.map((i: { anchor: string }) => i.anchor);
    expect(texts).toContain('');
    expect(texts.some((t: string) => /<[a-z]+>/.test(t))).toBe(true);
    for (let i = 1; i < r.items.length; i++) expect(r.items[i - 1].backlinks).toBeGreaterThanOrEqual(r.items[i].backlinks);
  });

  it('rank_scale changes the scale of every rank', async () => {
    const hundred = result(await post('backlinks', { target: T, limit: 300, rank_scale: 'one_hundred' }));
    const thousand = result(await post('backlinks', { target: T, limit: 300 }));
    const max = (items: Record<string, number>[], f: string) => Math.max(...items.map((i) => i[f] ?? 0));
    for (const f of ['rank', 'page_from_rank', 'domain_from_rank']) {
      expect(max(hundred.items, f)).toBeLessThanOrEqual(100);
      expect(max(thousand.items, f)).toBeGreaterThan(100);
    }
  });

  it('backlinks_status_type and the include/exclude options change the set', async () => {
    const t = T;
    const live = result(await post('backlinks', { target: t, limit: 1000 }));
    const lost = result(await post('backlinks', { target: t, limit: 1000, backlinks_status_type: 'lost' }));
    const all = result(await post('backlinks', { target: t, limit: 1 , backlinks_status_type: 'all' }));
    expect(live.items.every((i: { is_lost: boolean }) => !i.is_lost)).toBe(true);
    expect(lost.items.every((i: { is_lost: boolean }) => i.is_lost)).toBe(true);
    expect(all.total_count).toBe(live.total_count + lost.total_count);
    const noSub = result(await post('backlinks', { target: t, limit: 1000, include_subdomains: false }));
    expect(noSub.total_count).toBeLessThan(live.total_count);
    expect(noSub.items.every((i: { domain_to: string }) => i.domain_to === t || i.domain_to === `www.${t}`)).toBe(true);
    const noIndirect = result(await post('backlinks', { target: t, limit: 1000, include_indirect_links: false }));
    expect(noIndirect.total_count).toBeLessThan(live.total_count);
    expect(noIndirect.items.every((i: { is_indirect_link: boolean }) => !i.is_indirect_link)).toBe(true);
    const withInternal = result(await post('backlinks', { target: t, limit: 1, exclude_internal_backlinks: false }));
    expect(withInternal.total_count).toBeGreaterThan(live.total_count);
  });

  it('a page target gets links to that page', async () => {
    const page = `https://www.${T}/blog/post?x=1`;
    const r = result(await post('backlinks', { target: page, limit: 200, backlinks_status_type: 'all' }));
    expect(r.total_count).toBeGreaterThan(0);
    expect(r.items.every((i: { url_to: string; domain_to: string }) => i.url_to === page && i.domain_to === `www.${T}`)).toBe(true);
    expect(result(await post('summary', { target: page })).target).toBe(page);
  });

  it('special targets: hostile text and empty sets', async () => {
    const b = result(await post('backlinks', { target: 'hostile-site.com', limit: 20 }));
    const flat = JSON.stringify(b.items);
    expect(flat).toContain('<img src=x onerror=alert(1)>');
    expect(b.items.some((i: { url_from: string }) => i.url_from === 'javascript:alert(1)')).toBe(true);
    expect(b.items.some((i: { anchor: string }) => i.anchor === '=HYPERLINK("http://evil","x")')).toBe(true);
    expect(b.items.some((i: { page_from_title: string }) => i.page_from_title === '<img src=x onerror=alert(1)>')).toBe(true);
    const a = result(await post('anchors', { target: 'hostile-site.com', limit: 1000 }));
    expect(a.items.map((i: { anchor: string }) => i.anchor)).toEqual(expect.arrayContaining(['<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil","x")']));

    const es = result(await post('summary', { target: 'empty-site.com' }));
    expect(es.target).toBe('empty-site.com');
    expect(es.rank).toBeNull();
    expect(es.first_seen).toBeNull();
    expect(es.referring_links_tld).toBeNull();
    const eb = await post('backlinks', { target: 'empty-site.com' });
    expect(result(eb)).toMatchObject({ total_count: 0, items_count: 0, items: [] });
    expect(eb.json.cost).toBe(0.02);
    expect(result(await post('anchors', { target: 'empty-site.com' }))).toMatchObject({ total_count: 0, items_count: 0, items: [] });
  });
});

describe('querying', () => {
  const key = (i: Record<string, unknown>) => JSON.stringify(i);

  it('offset pages continue without overlap', async () => {
    const whole = result(await post('backlinks', { target: T, limit: 300 }));
    const p1 = result(await post('backlinks', { target: T, limit: 100 }));
    const p2 = result(await post('backlinks', { target: T, limit: 100, offset: 100 }));
    const p3 = result(await post('backlinks', { target: T, limit: 100, offset: 200 }));
    const pages = [...p1.items, ...p2.items, ...p3.items];
    expect(pages.map(key)).toEqual(whole.items.map(key));
    expect(new Set(pages.map(key)).size).toBe(300);
    const a1 = result(await post('anchors', { target: T, limit: 50 }));
    const a2 = result(await post('anchors', { target: T, limit: 50, offset: 50 }));
    const aw = result(await post('anchors', { target: T, limit: 100 }));
    expect([...a1.items, ...a2.items].map((i: { anchor: string }) => i.anchor)).toEqual(aw.items.map((i: { anchor: string }) => i.anchor));
  });

  it('order_by really sorts, with several rules', async () => {
    const desc = result(await post('backlinks', { target: T, limit: 500, order_by: ['domain_from_rank,desc', 'first_seen,asc'] }));
    for (let i = 1; i < desc.items.length; i++) {
      const [a, b] = [desc.items[i - 1], desc.items[i]];
      expect(a.domain_from_rank).toBeGreaterThanOrEqual(b.domain_from_rank);
      if (a.domain_from_rank === b.domain_from_rank) expect(a.first_seen <= b.first_seen).toBe(true);
    }
    const asc = result(await post('backlinks', { target: T, limit: 500, order_by: ['last_seen,asc'] }));
    for (let i = 1; i < asc.items.length; i++) expect(asc.items[i - 1].last_seen <= asc.items[i].last_seen).toBe(true);
    const defaultOrder = result(await post('backlinks', { target: T, limit: 500 }));
    for (let i = 1; i < defaultOrder.items.length; i++) expect(defaultOrder.items[i - 1].rank).toBeGreaterThanOrEqual(defaultOrder.items[i].rank);
    const anchors = result(await post('anchors', { target: T, limit: 300, order_by: ['referring_domains,asc'] }));
    for (let i = 1; i < anchors.items.length; i++) expect(anchors.items[i - 1].referring_domains).toBeLessThanOrEqual(anchors.items[i].referring_domains);
    const byFirstSeen = result(await post('anchors', { target: T, limit: 300, order_by: ['first_seen,desc'] }));
    for (let i = 1; i < byFirstSeen.items.length; i++) expect(byFirstSeen.items[i - 1].first_seen >= byFirstSeen.items[i].first_seen).toBe(true);
  });

  it('filters: booleans, text, nested and/or, numbers given as strings', async () => {
    const all = result(await post('backlinks', { target: T, limit: 1000 }));
    const dof = result(await post('backlinks', { target: T, limit: 1000, filters: ['dofollow', '=', true] }));
    expect(dof.items.length).toBeGreaterThan(0);
    expect(dof.items.every((i: { dofollow: boolean }) => i.dofollow)).toBe(true);
    expect(dof.total_count).toBeLessThan(all.total_count);
    expect(dof.total_count).toBe(all.total_count - result(await post('backlinks', { target: T, limit: 1, filters: ['dofollow', '=', false] })).total_count);

    const text = result(await post('backlinks', { target: T, limit: 1000, filters: [['anchor', 'ilike', '%GUIDE%'], 'or', ['domain_from', 'ilike', '%GUIDE%']] }));
    expect(text.items.length).toBeGreaterThan(0);
    expect(text.items.every((i: { anchor: string | null; domain_from: string }) => /guide/i.test(i.anchor ?? '') || /guide/i.test(i.domain_from))).toBe(true);
    const caseSensitive = result(await post('backlinks', { target: T, limit: 1, filters: ['anchor', 'like', '%GUIDE%'] }));
    expect(caseSensitive.total_count).toBeLessThan(text.total_count);

    const nested = result(
      await post('backlinks', {
        target: T,
        limit: 1000,
        filters: [['rank', '>', '300'], 'and', [[['item_type', '=', 'image'], 'or', ['item_type', 'in', ['redirect', 'canonical']]], 'and', ['is_broken', '=', false]]],
      }),
    );
    expect(nested.items.length).toBeGreaterThan(0);
    for (const i of nested.items) {
      expect(i.rank).toBeGreaterThan(300);
      expect(['image', 'redirect', 'canonical']).toContain(i.item_type);
      expect(i.is_broken).toBe(false);
    }
    const dated = result(await post('backlinks', { target: T, limit: 1000, filters: [['first_seen', '>=', '2024-01-01 00:00:00 +00:00'], 'and', ['domain_from_rank', '<=', 200]] }));
    expect(dated.items.every((i: { first_seen: string; domain_from_rank: number }) => i.first_seen >= '2024-01-01' && i.domain_from_rank <= 200)).toBe(true);
    const notLike = result(await post('backlinks', { target: T, limit: 1000, filters: ['domain_from', 'not_like', 'www.%'] }));
    expect(notLike.items.every((i: { domain_from: string }) => !i.domain_from.startsWith('www.'))).toBe(true);

    // "and" binds tighter than "or": image OR (redirect AND nofollow); redirects are never nofollow
    const precedence = result(await post('backlinks', { target: T, limit: 1000, filters: [['rank', '>=', 0], 'and', [['item_type', '=', 'image'], 'or', ['item_type', '=', 'redirect'], 'and', ['dofollow', '=', false]]] }));
    expect(precedence.items.length).toBeGreaterThan(0);
    expect(precedence.items.every((i: { item_type: string }) => i.item_type === 'image')).toBe(true);
    expect(precedence.items.some((i: { dofollow: boolean }) => i.dofollow)).toBe(true);

    const anchors = result(await post('anchors', { target: T, limit: 1000, filters: ['anchor', 'ilike', '%best%'] }));
    expect(anchors.items.length).toBeGreaterThan(0);
    expect(anchors.items.every((i: { anchor: string }) => /best/i.test(i.anchor))).toBe(true);
  });

  it('one_per_domain gives unique domains with group_count; one_per_anchor unique anchors', async () => {
    const r = result(await post('backlinks', { target: T, limit: 1000, mode: 'one_per_domain' }));
    expect(r.mode).toBe('one_per_domain');
    const domains = r.items.map((i: { domain_from: string }) => i.domain_from);
    expect(new Set(domains).size).toBe(domains.length);
    expect(r.items.every((i: { group_count: number }) => i.group_count >= 1)).toBe(true);
    expect(r.items.some((i: { group_count: number }) => i.group_count > 1)).toBe(true);
    // group_count is the number of links from that domain
    const first = r.items[0];
    const fromFirst = result(await post('backlinks', { target: T, limit: 1, filters: ['domain_from', '=', first.domain_from] }));
    expect(fromFirst.total_count).toBe(first.group_count);
    const asIs = result(await post('backlinks', { target: T, limit: 5 }));
    expect(asIs.items.every((i: { group_count: number }) => i.group_count === 0)).toBe(true);

    const custom = result(await post('backlinks', { target: T, limit: 1000, custom_mode: { field: 'domain_from', value: 2 } }));
    expect(custom.custom_mode).toEqual({ field: 'domain_from', value: 2 });
    const perDomain = new Map<string, number>();
    for (const i of custom.items) perDomain.set(i.domain_from, (perDomain.get(i.domain_from) ?? 0) + 1);
    expect(Math.max(...perDomain.values())).toBe(2);
    expect(custom.total_count).toBeGreaterThan(r.total_count);

    const pa = result(await post('backlinks', { target: T, limit: 1000, mode: 'one_per_anchor' }));
    const anchors = pa.items.map((i: { anchor: string | null }) => i.anchor);
    expect(new Set(anchors).size).toBe(anchors.length);
  });

  it('search_after_token continues past offset 20,000 and refuses changed parameters', async () => {
    const t = 'big-token-check.com';
    const task = { target: t, limit: 1000, offset: 20000 };
    const first = result(await post('backlinks', task));
    expect(first.total_count).toBeGreaterThan(21000);
    expect(first.items_count).toBe(1000);
    const seen = new Set<string>(first.items.map(key));
    let last = first.items[first.items.length - 1];
    let token: string = first.search_after_token;
    let collected = first.items_count;
    let guard = 0;
    while (token && guard++ < 20) {
      const next = result(await post('backlinks', { ...task, search_after_token: token }));
      if (next.items_count === 0) break;
      expect(next.items[0].rank).toBeLessThanOrEqual(last.rank);
      for (const i of next.items) {
        expect(seen.has(key(i))).toBe(false);
        seen.add(key(i));
      }
      collected += next.items_count;
      last = next.items[next.items.length - 1];
      token = next.search_after_token;
    }
    expect(collected).toBe(first.total_count - 20000);

    for (const changed of [{ limit: 999 }, { offset: 0 }, { filters: ['dofollow', '=', true] }, { target: 'big-other.com' }, { order_by: ['rank,asc'] }]) {
      const r = await post('backlinks', { ...task, ...changed, search_after_token: first.search_after_token });
      expect(codes(r), JSON.stringify(changed)).toEqual([40501, 40501]);
    }
    // the tag is not a parameter of the data
    const tagged = await post('backlinks', { ...task, tag: 'page-2', search_after_token: first.search_after_token });
    expect(codes(tagged)).toEqual([20000, 20000]);
  }, 30_000);
});

describe('cost', () => {
  it('is 0.02 + 0.00003 × rows at envelope and task level; free calls and errors cost 0', async () => {
    const expected = (rows: number) => Math.round((0.02 + 0.00003 * rows) * 1e5) / 1e5;
    const b = await post('backlinks', { target: T, limit: 7 });
    expect(b.json.cost).toBe(expected(7));
    expect(b.json.cost).toBe(0.02021);
    expect(b.json.tasks[0].cost).toBe(b.json.cost);
    const a = await post('anchors', { target: T, limit: 4 });
    expect(a.json.cost).toBe(0.02012);
    const s = await post('summary', { target: T });
    expect(s.json.cost).toBe(0.02003);
    const big = await post('backlinks', { target: T, limit: 1000 });
    expect(big.json.cost).toBe(expected(result(big).items_count));
    const err = await post('backlinks', { target: T, limit: 0 });
    expect(err.json.cost).toBe(0);
    const free = await call({ path: '/v3/appendix/user_data' });
    expect(free.json.cost).toBe(0);
    expect(sb.apiCalls({ target: T }).map((r) => r.cost)).toEqual([0.02021, 0.02012, 0.02003, big.json.cost, 0]);
  });

  it('user_data: login, balance after spending, limits, subscription date; free', async () => {
    const before = (await call({ path: '/v3/appendix/user_data' })).json.tasks[0].result[0];
    expect(before.login).toBe(LOGIN);
    expect(typeof before.timezone).toBe('string');
    expect(before.money.limits.day.total).toEqual(expect.any(Number));
    expect(before).toHaveProperty('backlinks_subscription_expiry_date');
    expect(before.rates.limits.minute.total).toBe(2000);
    await post('backlinks', { target: T, limit: 10 });
    const after = (await call({ path: '/v3/appendix/user_data', tls: true })).json.tasks[0].result[0];
    expect(after.money.balance).toBeCloseTo(before.money.balance - 0.0203, 5);
    expect(after.money.statistics.day.total).toBeCloseTo(before.money.statistics.day.total + 0.0203, 5);
    expect(sb.apiCalls({ endpoint: 'user_data' }).every((r) => r.cost === 0)).toBe(true);
  });
});

describe('faults', () => {
  it('statusCode faults answer with the code and the matching HTTP status', async () => {
    sb.addFault({ endpoint: 'summary', statusCode: 40210 });
    const pay = await post('summary', { target: 'empty-fault.com' });
    expect(pay.status).toBe(402);
    expect(codes(pay)).toEqual([40210, 40210]);
    sb.clearFaults();
    sb.addFault({ statusCode: 40100 });
    const auth = await post('anchors', { target: 'empty-fault.com' });
    expect(auth.status).toBe(401);
    expect(auth.headers['www-authenticate']).toMatch(/^Basic/);
    sb.clearFaults();
    sb.addFault({ endpoint: '*', statusCode: 40202 });
    const rate = await post('backlinks', { target: 'empty-fault.com' });
    expect(rate.status).toBe(200);
    expect(codes(rate)).toEqual([40202, 40202]);
    expect(rate.headers['retry-after']).toBeUndefined();
    sb.clearFaults();
    sb.addFault({ taskOnly: true, statusCode: 40501 });
    const task = await post('backlinks', { target: 'empty-fault.com' });
    expect(codes(task)).toEqual([20000, 40501]);
    expect(task.json.tasks_error).toBe(1);
    sb.clearFaults();
    expect(codes(await post('backlinks', { target: 'empty-fault.com' }))).toEqual([20000, 20000]);
  });

  it('HTTP 500 with HTML, bad JSON, AIsa errors', async () => {
    sb.addFault({ httpStatus: 500, times: 1 });
    const r = await post('summary', { target: 'empty-fault.com' });
    expect(r.status).toBe(500);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.json).toBeUndefined();
    sb.addFault({ badJson: true, times: 1 });
    const bad = await post('summary', { target: 'empty-fault.com' });
    expect(bad.status).toBe(200);
    expect(bad.headers['content-type']).toMatch(/application\/json/);
    expect(() => JSON.parse(bad.text)).toThrow();
    sb.addFault({ aisaError: 429, times: 1 });
    // an AIsa-only fault leaves DataForSEO requests alone
    expect(codes(await post('summary', { target: 'empty-fault.com' }))).toEqual([20000, 20000]);
    const aisa = await call({ host: 'api.aisa.one', path: '/apis/v1/dataforseo/backlinks/summary/live', body: [{ target: 'empty-fault.com' }], auth: 'Bearer sk-aisa-demo' });
    expect(aisa.status).toBe(429);
    expect(aisa.json.error.code).toBe('rate_limit_exceeded');
    expect(Number(aisa.headers['retry-after'])).toBeGreaterThan(0);
    sb.addFault({ aisaError: 402, times: 1 });
    const pay = await call({ host: 'api.aisa.one', path: '/apis/v1/dataforseo/backlinks/anchors/live', body: [{ target: 'empty-fault.com' }], auth: 'Bearer sk-aisa-demo' });
    expect(pay.status).toBe(402);
  });

  it('applies per target, a given number of times', async () => {
    sb.addFault({ target: 'empty-flaky.com', statusCode: 50000, times: 2 });
    expect(codes(await post('backlinks', { target: 'empty-steady.com' }))).toEqual([20000, 20000]);
    expect(codes(await post('backlinks', { target: 'empty-flaky.com' }))[0]).toBe(50000);
    expect(codes(await post('summary', { target: 'empty-flaky.com' }))[0]).toBe(50000);
    expect(codes(await post('backlinks', { target: 'empty-flaky.com' }))[0]).toBe(20000);
  });

  it('latency: global and per fault', async () => {
    sb.setLatency(150);
    const slow = await call({ path: '/v3/appendix/errors' });
    expect(slow.ms).toBeGreaterThanOrEqual(145);
    sb.setLatency(0);
    sb.addFault({ endpoint: 'summary', latencyMs: 250, times: 1 });
    const f = await post('summary', { target: 'empty-slow.com' });
    expect(f.ms).toBeGreaterThanOrEqual(245);
    expect(codes(f)).toEqual([20000, 20000]);
    const fast = await post('summary', { target: 'empty-slow.com' });
    expect(fast.ms).toBeLessThan(245);
  });

  it('hang never answers (until the client gives up)', async () => {
    sb.addFault({ endpoint: 'backlinks', hang: true, times: 1 });
    await expect(post('backlinks', { target: 'empty-hang.com' }, { timeoutMs: 300 })).rejects.toThrow(/timeout/);
    expect(sb.apiCalls({ endpoint: 'backlinks' })[0]).toMatchObject({ target: 'empty-hang.com', httpStatus: 0 });
    expect(codes(await post('backlinks', { target: 'empty-hang.com' }))).toEqual([20000, 20000]);
  });
});

describe('control API over HTTP', () => {
  const control = (method: string, path: string, body?: unknown) =>
    call({ host: `127.0.0.1:${sb.port}`, method, path: `/__sandbox/${path}`, body, auth: null, raw: body === undefined ? undefined : JSON.stringify(body) });

  it('records requests, takes faults and latency, resets', async () => {
    await post('summary', { target: 'empty-control.com' });
    const list = await control('GET', 'requests');
    expect(list.status).toBe(200);
    expect(list.json).toHaveLength(1);
    expect(list.json[0]).toMatchObject({ endpoint: 'summary', target: 'empty-control.com', provider: 'dataforseo', statusCode: 20000, httpStatus: 200, cost: 0.02003, body: [{ target: 'empty-control.com' }] });

    expect((await control('POST', 'faults', { target: 'empty-control.com', statusCode: 40204 })).json.ok).toBe(true);
    expect(codes(await post('summary', { target: 'empty-control.com' }))).toEqual([40204, 40204]);
    expect((await control('DELETE', 'faults')).status).toBe(200);
    expect(codes(await post('summary', { target: 'empty-control.com' }))).toEqual([20000, 20000]);

    expect((await control('POST', 'latency', { ms: 120 })).status).toBe(200);
    expect((await post('summary', { target: 'empty-control.com' })).ms).toBeGreaterThanOrEqual(115);
    expect((await control('POST', 'latency', { ms: 'x' })).status).toBe(400);
    await control('POST', 'latency', { ms: 0 });

    expect((await control('POST', 'faults', [1, 2])).status).toBe(400);
    await control('POST', 'faults', { statusCode: 50000 });
    await control('POST', 'reset');
    expect((await control('GET', 'requests')).json).toEqual([]);
    expect(codes(await post('summary', { target: 'empty-control.com' }))).toEqual([20000, 20000]);
  });
});
