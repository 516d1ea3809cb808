/**
 * A local DataForSEO-compatible API server for tests and demos.
 *
 * One port serves HTTP and HTTPS (the first byte of a connection decides), and the Host header
 * decides what answers: api.dataforseo.com / sandbox.dataforseo.com / 127.0.0.1 → the DataForSEO
 * API, api.aisa.one → the AIsa gateway, any other host → a small web page. A control API under
 * /__sandbox/ lets tests from other processes read the recorded requests and inject faults.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import * as engine from './engine';
import { API_VERSION, bareEnvelope, envelope, httpStatusFor, STATUS_MESSAGES, taskId } from './envelope';
import { TaskError, validateTask, type ApiEndpoint } from './query';
import { bulk, isBulkEndpoint, validateBulk, withFastFigures, type BulkEndpoint, type BulkFiguresMode } from './bulk';
import { indexPage, sitePage } from './site';
import type { TrendEndpoint } from './trends';
import { loadRoutes, type SandboxRoute } from './route';
import { labPage } from './linkslab';
import { serpPage } from './serp';
import { certificate } from './tls';

export type Provider = 'dataforseo' | 'sandbox' | 'aisa';
/** Endpoint names of the built-in routes; a route module of ./routes/ adds its own (`string`). */
export type EndpointName = ApiEndpoint | BulkEndpoint | TrendEndpoint | 'referring_domains' | 'domain_intersection' | 'competitors' | 'user_data' | 'errors' | 'unknown' | (string & {});

export interface RecordedRequest {
  /** ISO time the request arrived. */
  at: string;
  method: string;
  host: string;
  path: string;
  provider: Provider;
  endpoint: EndpointName;
  auth: 'basic' | 'bearer' | 'none';
  /** Login of a Basic header, as sent (right or wrong). */
  login?: string;
  /** Target of the first task, when there was one. */
  target?: string;
  /** The parsed JSON body, the raw text when it was not JSON, or null without a body. */
  body: unknown;
  /** DataForSEO status_code answered (top level); 0 while unanswered or when the body had none. */
  statusCode: number;
  /** HTTP status answered; 0 while unanswered (a hanging fault). */
  httpStatus: number;
  cost: number;
  /** Epoch ms (sub-ms) the request arrived and its answer was written (the bench splits a call's time with them). */
  arrivedAtMs?: number;
  answeredAtMs?: number;
}

export interface Fault {
  /** Exact task target this fault applies to; every request when absent. */
  target?: string;
  endpoint?: ApiEndpoint | BulkEndpoint | TrendEndpoint | 'referring_domains' | 'domain_intersection' | 'competitors' | 'user_data' | '*' | (string & {});
  /** DataForSEO code to answer with (HTTP 401 for 40100, 402 for 40200/40210, else 200). */
  statusCode?: number;
  /** HTTP status with an HTML body (e.g. 500, 502). */
  httpStatus?: number;
  /** HTTP 200 with a body that is not valid JSON. */
  badJson?: boolean;
  /** Never answer. */
  hang?: boolean;
  /** Extra delay before the answer. */
  latencyMs?: number;
  /** A 20000 envelope whose task failed (with statusCode, default 50000). */
  taskOnly?: boolean;
  /** Apply this many times, then remove; forever when absent. */
  times?: number;
  /** AIsa's own errors (only for AIsa requests). */
  aisaError?: 401 | 402 | 429;
}

export interface Account {
  login: string;
  password: string;
  /** Total deposited, USD (default 50). */
  total?: number;
  /** Daily money limit set in the dashboard, USD (default 25). */
  dailyLimit?: number;
  /** backlinks_subscription_expiry_date (default null: pay as you go). */
  subscriptionExpiry?: string | null;
}

export interface SandboxOptions {
  /** 0 or absent: a random free port. */
  port?: number;
  latencyMs?: number;
  credentials?: Account[];
  aisaKeys?: string[];
  /** Mixed into every generated data set (same seed → same data). */
  seed?: string;
  /** Interface to listen on (default 127.0.0.1). */
  listenHost?: string;
  /** How bulk figures are made (bulk.ts `BulkFiguresMode`; default `exact`). `fast` also sets the summary's headline figures. */
  bulkFigures?: BulkFiguresMode;
}

export interface SandboxHandle {
  port: number;
  url: string;
  requests: RecordedRequest[];
  apiCalls(filter?: { endpoint?: string; target?: string }): RecordedRequest[];
  setLatency(ms: number): void;
  /** Change the seed from now on: every target's data is generated anew (as if the index had been updated). */
  setSeed(seed: string): void;
  addFault(f: Fault): void;
  clearFaults(): void;
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_CREDENTIALS: Account = { login: 'demo@backlinklens.test', password: 'demo-api-password' };
export const DEFAULT_AISA_KEY = 'sk-aisa-demo';
export const DEFAULT_SEED = 'backlink-lens';

const API_HOSTS: Record<string, Provider> = {
  'api.dataforseo.com': 'dataforseo',
  'sandbox.dataforseo.com': 'sandbox',
  'api.aisa.one': 'aisa',
};
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1', '']);
const AISA_PREFIX = '/apis/v1/dataforseo/';
const MAX_BODY = 2 * 1024 * 1024;

/** Built-in routes; every module of ./routes/ adds one more (./route.ts). */
const ROUTES: Record<string, { endpoint: EndpointName; method: 'GET' | 'POST'; no: number; aisa: boolean; module?: SandboxRoute }> = {
  'backlinks/summary/live': { endpoint: 'summary', method: 'POST', no: 265, aisa: true },
  'backlinks/anchors/live': { endpoint: 'anchors', method: 'POST', no: 272, aisa: true },
  'backlinks/backlinks/live': { endpoint: 'backlinks', method: 'POST', no: 269, aisa: true },
  'backlinks/bulk_ranks/live': { endpoint: 'bulk_ranks', method: 'POST', no: 283, aisa: true },
  'backlinks/bulk_backlinks/live': { endpoint: 'bulk_backlinks', method: 'POST', no: 284, aisa: true },
  'backlinks/bulk_referring_domains/live': { endpoint: 'bulk_referring_domains', method: 'POST', no: 285, aisa: true },
  'backlinks/bulk_spam_score/live': { endpoint: 'bulk_spam_score', method: 'POST', no: 286, aisa: true },
  'backlinks/bulk_pages_summary/live': { endpoint: 'bulk_pages_summary', method: 'POST', no: 287, aisa: true },
  'appendix/user_data': { endpoint: 'user_data', method: 'GET', no: 0, aisa: false },
  'appendix/errors': { endpoint: 'errors', method: 'GET', no: 0, aisa: false },
};

function hostOf(header: string | undefined): string {
  const h = (header ?? '').trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function requestId(): string {
  return `req_${randomBytes(12).toString('hex')}`;
}

function aisaErrorBody(status: number): { body: Record<string, unknown>; headers: Record<string, string> } {
  const id = requestId();
  if (status === 401)
    return { headers: {}, body: { error: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Invalid API key provided.', request_id: id } } };
  if (status === 402)
    return { headers: {}, body: { error: { type: 'billing_error', code: 'insufficient_balance', message: 'Your balance is too low to make this request. Please top up.', request_id: id } } };
  if (status === 429)
    return { headers: { 'Retry-After': '7' }, body: { error: { type: 'rate_limit_error', code: 'rate_limit_exceeded', message: 'Rate limit exceeded: 60 requests per minute.', request_id: id } } };
  return { headers: {}, body: { error: { type: 'invalid_request_error', code: 'not_found', message: 'Unknown endpoint.', request_id: id } } };
}

function errorHtml(status: number): string {
  const text = http.STATUS_CODES[status] ?? 'Error';
  return `<!DOCTYPE html>\n<html><head><title>${status} ${text}</title></head><body><center><h1>${status} ${text}</h1></center><hr><center>nginx</center></body></html>\n`;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  const accounts = opts.credentials?.length ? opts.credentials : [DEFAULT_CREDENTIALS];
  const aisaKeys = opts.aisaKeys?.length ? opts.aisaKeys : [DEFAULT_AISA_KEY];
  let seed = opts.seed ?? DEFAULT_SEED;
  for (const r of await loadRoutes()) ROUTES[r.path] = { endpoint: r.endpoint, method: 'POST', no: r.no, aisa: r.aisa, module: r };
  let latency = opts.latencyMs ?? 0;
  const bulkFigures: BulkFiguresMode = opts.bulkFigures ?? 'exact';
  const requests: RecordedRequest[] = [];
  let faults: { f: Fault; left: number }[] = [];
  const sockets = new Set<net.Socket>();
  let closed = false;
  let port = 0;

  const addFault = (f: Fault) => {
    faults.push({ f: { ...f }, left: typeof f.times === 'number' && f.times > 0 ? Math.floor(f.times) : Infinity });
  };

  const takeFault = (provider: Provider, endpoint: EndpointName, target: string | undefined): Fault | null => {
    for (let i = 0; i < faults.length; i++) {
      const entry = faults[i]!;
      const { f } = entry;
      if (f.endpoint !== undefined && f.endpoint !== '*' && f.endpoint !== endpoint) continue;
      if (f.target !== undefined && f.target !== target) continue;
      const onlyAisa = f.aisaError !== undefined && f.statusCode === undefined && f.httpStatus === undefined && !f.badJson && !f.hang && !f.taskOnly;
      if (onlyAisa && provider !== 'aisa') continue;
      entry.left--;
      if (entry.left <= 0) faults.splice(i, 1);
      return f;
    }
    return null;
  };

  const send = (res: http.ServerResponse, rec: RecordedRequest | null, status: number, body: string, type: string, headers: Record<string, string> = {}) => {
    if (rec) {
      rec.httpStatus = status;
      rec.answeredAtMs = performance.timeOrigin + performance.now();
    }
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };
  const sendJson = (res: http.ServerResponse, rec: RecordedRequest | null, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (rec && body && typeof body === 'object' && 'status_code' in body) {
      const b = body as { status_code: unknown; cost?: unknown };
      rec.statusCode = typeof b.status_code === 'number' ? b.status_code : 0;
      rec.cost = typeof b.cost === 'number' ? b.cost : 0;
    }
    send(res, rec, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
  };

  const userData = (login: string): Record<string, unknown> => {
    const acct = accounts.find((a) => a.login === login) ?? DEFAULT_CREDENTIALS;
    const mine = requests.filter((r) => r.login === login && r.provider !== 'aisa');
    const spent = Math.round(mine.reduce((s, r) => s + r.cost, 0) * 1e5) / 1e5;
    const minuteAgo = Date.now() - 60_000;
    const spentMinute = Math.round(mine.filter((r) => Date.parse(r.at) >= minuteAgo).reduce((s, r) => s + r.cost, 0) * 1e5) / 1e5;
    const calls = (ep: string, since = 0) => mine.filter((r) => r.endpoint === ep && Date.parse(r.at) >= since).length;
    const total = acct.total ?? 50;
    const price = (c: number) => ({ live: { priority_normal: [{ cost_type: 'per_request', cost: 0.02 }, { cost_type: 'per_result', cost: c }] } });
    return {
      login: acct.login,
      timezone: 'UTC',
      rates: {
        limits: {
          day: { total: 0, backlinks: { summary: { live: 0 }, anchors: { live: 0 }, backlinks: { live: 0 } }, total_backlinks: 0, appendix: { user_data: { live: 2000 } } },
          minute: { total: 2000, backlinks: { summary: { live: 2000 }, anchors: { live: 2000 }, backlinks: { live: 2000 } }, total_backlinks: 2000, appendix: { user_data: { live: 6 } } },
        },
        statistics: {
          day: { total: mine.length, backlinks: { summary: { live: calls('summary') }, anchors: { live: calls('anchors') }, backlinks: { live: calls('backlinks') } }, total_backlinks: calls('summary') + calls('anchors') + calls('backlinks') },
          minute: { total: mine.filter((r) => Date.parse(r.at) >= minuteAgo).length, backlinks: { summary: { live: calls('summary', minuteAgo) }, anchors: { live: calls('anchors', minuteAgo) }, backlinks: { live: calls('backlinks', minuteAgo) } } },
        },
      },
      money: {
        total,
        balance: Math.round((total - spent) * 1e5) / 1e5,
        limits: { day: { total: acct.dailyLimit ?? 25 }, minute: { total: 0 } },
        statistics: { day: { total: spent, total_backlinks: spent }, minute: { total: spentMinute, total_backlinks: spentMinute } },
      },
      price: { backlinks: { summary: price(0.00003), anchors: price(0.00003), backlinks: price(0.00003) } },
      backlinks_subscription_expiry_date: acct.subscriptionExpiry ?? null,
    };
  };

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, provider: Provider, host: string, path: string) => {
    const startedAt = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const rel = provider === 'aisa' ? (path.startsWith(AISA_PREFIX) ? path.slice(AISA_PREFIX.length) : null) : path.startsWith('/v3/') ? path.slice(4) : null;
    const routeKey = rel === null ? null : rel.replace(/\/+$/, '');
    const route = routeKey !== null && Object.hasOwn(ROUTES, routeKey) ? ROUTES[routeKey] : undefined;
    const authHeader = req.headers.authorization ?? '';
    const rec: RecordedRequest = {
      at: new Date().toISOString(),
      method,
      host,
      path,
      provider,
      endpoint: route?.endpoint ?? 'unknown',
      auth: /^basic\s/i.test(authHeader) ? 'basic' : /^bearer\s/i.test(authHeader) ? 'bearer' : 'none',
      body: null,
      statusCode: 0,
      httpStatus: 0,
      cost: 0,
      arrivedAtMs: performance.timeOrigin + startedAt,
    };
    let login: string | null = null;
    let password: string | null = null;
    if (rec.auth === 'basic') {
      const decoded = Buffer.from(authHeader.replace(/^basic\s+/i, '').trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      login = colon >= 0 ? decoded.slice(0, colon) : decoded;
      password = colon >= 0 ? decoded.slice(colon + 1) : '';
      rec.login = login;
    }
    requests.push(rec);

    const raw = await readBody(req);
    let parsed: unknown = undefined;
    let jsonOk = false;
    if (raw !== null && raw.trim() !== '') {
      try {
        parsed = JSON.parse(raw);
        jsonOk = true;
      } catch {
        parsed = raw;
      }
    }
    rec.body = parsed === undefined ? null : parsed;
    const firstTask = jsonOk && Array.isArray(parsed) && parsed[0] && typeof parsed[0] === 'object' ? (parsed[0] as Record<string, unknown>) : null;
    if (firstTask && typeof firstTask.target === 'string') rec.target = firstTask.target;

    let delay = latency;
    const reply = async (fn: () => void) => {
      await sleep(delay);
      if (!closed) fn();
    };

    // Authentication.
    if (provider === 'aisa') {
      const key = rec.auth === 'bearer' ? authHeader.replace(/^bearer\s+/i, '').trim() : null;
      if (key === null || !aisaKeys.includes(key)) {
        const e = aisaErrorBody(401);
        return reply(() => sendJson(res, rec, 401, e.body, e.headers));
      }
    } else {
      const ok = login !== null && accounts.some((a) => a.login === login && a.password === password);
      if (!ok) return reply(() => sendJson(res, rec, 401, bareEnvelope(40100, startedAt), { 'WWW-Authenticate': 'Basic realm="DataForSEO API"' }));
    }

    // Unknown path or method.
    if (!route || route.method !== method || (provider === 'aisa' && !route.aisa)) {
      if (provider === 'aisa') {
        const e = aisaErrorBody(404);
        return reply(() => sendJson(res, rec, 404, e.body, e.headers));
      }
      return reply(() => sendJson(res, rec, 404, bareEnvelope(40400, startedAt)));
    }

    const apiPath = ['v3', ...(routeKey as string).split('/')];
    const [api, fn] = (routeKey as string).split('/') as [string, string];
    const data: Record<string, unknown> = { api, function: fn, ...(firstTask ?? {}) };

    // Faults.
    const fault = takeFault(provider, route.endpoint, rec.target);
    if (fault) {
      delay += fault.latencyMs ?? 0;
      if (fault.hang) return; // never answered; close() destroys the socket
      if (fault.aisaError !== undefined && provider === 'aisa') {
        const e = aisaErrorBody(fault.aisaError);
        return reply(() => sendJson(res, rec, fault.aisaError as number, e.body, e.headers));
      }
      if (fault.httpStatus !== undefined) {
        const status = fault.httpStatus;
        return reply(() => send(res, rec, status, errorHtml(status), 'text/html; charset=utf-8'));
      }
      if (fault.badJson) {
        const text = `{"version":"${API_VERSION}","status_code":20000,"status_message":"Ok.","tasks":[{"id":"${taskId(route.no)}","result":[{"target":`;
        return reply(() => send(res, rec, 200, text, 'application/json; charset=utf-8'));
      }
      if (fault.statusCode !== undefined || fault.taskOnly) {
        const code = fault.statusCode ?? 50000;
        const env = envelope(apiPath, route.no, startedAt, { statusCode: code, result: null, rows: 0, data }, fault.taskOnly ? 20000 : undefined);
        const status = fault.taskOnly ? 200 : httpStatusFor(code);
        const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Basic realm="DataForSEO API"' } : {};
        return reply(() => sendJson(res, rec, status, env.body, headers));
      }
    }

    // Free appendix calls.
    if (route.endpoint === 'user_data') {
      const env = envelope(apiPath, route.no, startedAt, { statusCode: 20000, result: [userData(login ?? '')], rows: 0, data });
      env.body.cost = 0;
      (env.body.tasks as { cost: number }[])[0]!.cost = 0;
      return reply(() => sendJson(res, rec, 200, env.body));
    }
    if (route.endpoint === 'errors') {
      const list = Object.entries(STATUS_MESSAGES).map(([code, message]) => ({ status_code: Number(code), status_message: message }));
      const env = envelope(apiPath, route.no, startedAt, { statusCode: 20000, result: list, rows: 0, data });
      env.body.cost = 0;
      (env.body.tasks as { cost: number }[])[0]!.cost = 0;
      return reply(() => sendJson(res, rec, 200, env.body));
    }

    // Paid live endpoints.
    const endpoint = route.endpoint;
    const fail = (code: number, message?: string) => {
      const env = envelope(apiPath, route.no, startedAt, { statusCode: code, statusMessage: message, result: null, rows: 0, data });
      return reply(() => sendJson(res, rec, 200, env.body));
    };
    if (!jsonOk || !Array.isArray(parsed) || parsed.length === 0) return fail(40503);
    if (parsed.length > 1) return fail(40000);
    const task = parsed[0];
    if (task === null || typeof task !== 'object' || Array.isArray(task)) return fail(40503);
    let result: Record<string, unknown>;
    let rows: number;
    try {
      if (route.module || isBulkEndpoint(endpoint)) {
        const t = task as Record<string, unknown>;
        const b = route.module ? route.module.answer(seed, t) : bulk(seed, endpoint as BulkEndpoint, validateBulk(endpoint as BulkEndpoint, t), bulkFigures);
        const env = envelope(apiPath, route.no, startedAt, { statusCode: 20000, result: [b.result], rows: b.rows, data });
        return reply(() => sendJson(res, rec, 200, env.body));
      }
      const o = validateTask(endpoint as ApiEndpoint, task as Record<string, unknown>);
      if (endpoint === 'summary') {
        result = engine.summary(seed, o);
        if (bulkFigures === 'fast') result = withFastFigures(seed, o.target, result, o.scale);
        rows = 1;
      } else {
        result = endpoint === 'anchors' ? engine.anchors(seed, o) : engine.backlinks(seed, o, task as Record<string, unknown>);
        rows = result.items_count as number;
      }
    } catch (e) {
      if (e instanceof TaskError) return fail(e.code, e.message);
      throw e;
    }
    const env = envelope(apiPath, route.no, startedAt, { statusCode: 20000, result: [result], rows, data });
    return reply(() => sendJson(res, rec, 200, env.body));
  };

  const handleControl = async (req: http.IncomingMessage, res: http.ServerResponse, path: string) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS', 'Access-Control-Allow-Headers': 'Content-Type' };
    const json = (status: number, body: unknown) => sendJson(res, null, status, body, cors);
    if (method === 'OPTIONS') {
      res.writeHead(204, cors);
      res.end();
      return;
    }
    const raw = method === 'POST' ? await readBody(req) : null;
    let body: unknown = null;
    if (raw && raw.trim()) {
      try {
        body = JSON.parse(raw);
      } catch {
        return json(400, { ok: false, error: 'body is not JSON' });
      }
    }
    const route = `${method} ${path.replace(/\/+$/, '')}`;
    switch (route) {
      case 'GET /__sandbox/requests':
        return json(200, requests);
      case 'POST /__sandbox/reset':
        requests.length = 0;
        faults = [];
        return json(200, { ok: true });
      case 'GET /__sandbox/faults':
        return json(200, faults.map((x) => ({ ...x.f, remaining: Number.isFinite(x.left) ? x.left : null })));
      case 'POST /__sandbox/faults':
        if (!body || typeof body !== 'object' || Array.isArray(body)) return json(400, { ok: false, error: 'expected a Fault object' });
        addFault(body as Fault);
        return json(200, { ok: true, faults: faults.length });
      case 'DELETE /__sandbox/faults':
        faults = [];
        return json(200, { ok: true });
      case 'POST /__sandbox/latency': {
        const ms = (body as { ms?: unknown } | null)?.ms;
        if (typeof ms !== 'number' || !(ms >= 0)) return json(400, { ok: false, error: 'expected {ms: number}' });
        latency = ms;
        return json(200, { ok: true, latencyMs: latency });
      }
      case 'GET /__sandbox/info':
        return json(200, { port, url: `http://127.0.0.1:${port}`, latencyMs: latency, seed, credentials: accounts.map((a) => ({ login: a.login, password: a.password })), aisaKeys, faults: faults.length, requests: requests.length });
      default:
        return json(404, { ok: false, error: 'unknown control route' });
    }
  };

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const host = hostOf(req.headers.host);
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname;
    const run = async () => {
      if (path === '/__sandbox' || path.startsWith('/__sandbox/')) return handleControl(req, res, path);
      let provider: Provider | null = API_HOSTS[host] ?? null;
      if (!provider && LOCAL_HOSTS.has(host)) {
        if (path.startsWith('/apis/')) provider = 'aisa';
        else if (path !== '/') provider = 'dataforseo';
        else return send(res, null, 200, indexPage(port), 'text/html; charset=utf-8');
      }
      if (provider) return handleApi(req, res, provider, host, path);
      // Any other host: a small web site.
      const method = (req.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'HEAD') return send(res, null, 405, 'Method Not Allowed', 'text/plain', { Allow: 'GET, HEAD' });
      if (path === '/favicon.ico') {
        res.writeHead(204);
        res.end();
        return;
      }
      const html = serpPage(host, path + url.search) ?? labPage(host, path) ?? sitePage(host || 'site.invalid', path + url.search);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), 'Cache-Control': 'no-store' });
      res.end(method === 'HEAD' ? undefined : html);
    };
    run().catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`sandbox error: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  };

  const { key, cert } = await certificate();
  const httpServer = http.createServer(onRequest);
  const httpsServer = https.createServer({ key, cert }, onRequest);
  for (const s of [httpServer, httpsServer]) {
    s.keepAliveTimeout = 5000;
    s.on('clientError', (_err, socket) => socket.destroy());
  }
  httpsServer.on('tlsClientError', () => {});

  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      socket.unshift(chunk);
      (chunk[0] === 0x16 ? httpsServer : httpServer).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });

  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(opts.port ?? 0, opts.listenHost ?? '127.0.0.1', () => {
      tcp.off('error', reject);
      resolve();
    });
  });
  port = (tcp.address() as net.AddressInfo).port;

  const handle: SandboxHandle = {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    apiCalls(filter = {}) {
      return requests.filter((r) => (filter.endpoint === undefined || r.endpoint === filter.endpoint) && (filter.target === undefined || r.target === filter.target));
    },
    setSeed(next) {
      seed = next;
    },
    setLatency(ms) {
      latency = ms;
    },
    addFault,
    clearFaults() {
      faults = [];
    },
    reset() {
      requests.length = 0;
      faults = [];
    },
    close() {
      closed = true;
      return new Promise<void>((resolve) => {
        tcp.close(() => resolve());
        for (const s of sockets) s.destroy();
        httpServer.close();
        httpsServer.close();
      });
    },
  };
  return handle;
}
