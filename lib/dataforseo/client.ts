import { appError, type AppError, type Outcome } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { PROVIDER_BASE, type Credentials, type Provider } from '@/lib/providers';
import type { ApiAnswer, BacklinksClient, EndpointCall } from './api';
import { ENDPOINTS, PAID_ENDPOINTS, type Endpoint, type EndpointModel, type EndpointParams, type PaidEndpoint } from './endpoints';
import { ENDPOINT_SCHEMAS, type EndpointSchemaRow } from './endpoints.schema';
import { EnvelopeSchema, GatewayErrorSchema, type Task } from './envelope.schema';
import { checkEnvelope, errorForGateway, errorForHttp, parseRetryAfter } from './status';

/*
 * The client for the three providers, driven by the endpoint table (./endpoints.ts, ./endpoints.schema.ts).
 * Every call answers an Outcome, never throws:
 * - params are built and checked first (requests/): a refusal costs nothing and sends nothing;
 * - one POST (GET for the free account check) with a per-request timeout combined with the caller's
 *   signal: our timeout → `timeout`, the caller's abort → `network` "Cancelled.", a failed fetch → `network`;
 * - the body is read as text; not JSON or not an envelope → `bad-response` (or the HTTP status's error);
 * - codes are checked top-level then per task (status.ts); the cost is the task's, else the envelope's (a task without a
 *   numeric `cost`), else 0.
 *
 * Empty answers: a summary without any result row is a `not-found` error ("no backlink data for
 * <target> yet"), so the UI never shows a profile of dashes as if it were data; a row whose fields
 * are all null maps to a Profile of nulls. Anchors and backlinks without a row are an empty page.
 */

export interface ClientOptions {
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Per-request timeout in milliseconds (default 30,000). */
  timeoutMs?: number;
  /** Override a provider's base URL (e.g. a local test server). */
  baseUrl?: Partial<Record<Provider, string>>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** UTF-8 safe base64 without Buffer (not available in the extension). */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function authorizationHeader(credentials: Credentials): string {
  if (credentials.provider === 'aisa') return `Bearer ${credentials.key}`;
  return `Basic ${base64Utf8(`${credentials.login}:${credentials.password}`)}`;
}

/** Full URL of an endpoint for a provider; the base keeps or gains its trailing slash. */
export function endpointUrl(provider: Provider, endpoint: Endpoint, baseUrl?: Partial<Record<Provider, string>>): string {
  const base = baseUrl?.[provider] ?? PROVIDER_BASE[provider];
  return `${base.endsWith('/') ? base : `${base}/`}${ENDPOINTS[endpoint].path}`;
}

const CANCELLED = (): AppError => appError('network', t('errCancelled'), true);

function isOkResult<T>(o: Outcome<T>): o is { ok: true; value: T } {
  return o.ok;
}

/** What came back from one HTTP exchange, before interpretation. */
interface RawReply {
  status: number;
  retryAfter: number | undefined;
  text: string;
}

/** The provider's name at the start of a sentence. */
function providerName(provider: Provider): string {
  return provider === 'aisa' ? t('errAisaGateway') : 'DataForSEO';
}

export function createClient(credentials: Credentials, opts: ClientOptions = {}): BacklinksClient {
  const provider = credentials.provider;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  /**
   * One HTTP exchange with our timeout and the caller's signal. The race against the abort
   * promise bounds the wait even for a fetch that ignores its signal.
   */
  async function exchange(endpoint: Endpoint, body: unknown, signal?: AbortSignal): Promise<Outcome<RawReply>> {
    if (signal?.aborted) return { ok: false, error: CANCELLED() };
    const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
    const controller = new AbortController();
    let reason: 'timeout' | 'cancelled' | null = null;
    let rejectAbort: (e: unknown) => void = () => {};
    const aborted = new Promise<never>((_, reject) => {
      rejectAbort = reject;
    });
    aborted.catch(() => {});
    const abort = (why: 'timeout' | 'cancelled') => {
      if (reason) return;
      reason = why;
      controller.abort();
      rejectAbort(new Error(why));
    };
    const onCallerAbort = () => abort('cancelled');
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    const timer = setTimeout(() => abort('timeout'), timeoutMs);

    const headers: Record<string, string> = {
      Authorization: authorizationHeader(credentials),
      Accept: 'application/json',
    };
    // credentials 'omit': a 401 with `WWW-Authenticate: Basic` must come back as a response, not
    // wait on the browser's own login prompt (which never answers in a service worker). No cookies
    // either: the Authorization header is the only credential sent.
    const init: RequestInit = {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
    };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }

    const failure = (): AppError =>
      reason === 'timeout'
        ? appError('timeout', t('errNoAnswerWithin', providerName(provider), String(Math.max(1, Math.round(timeoutMs / 1000)))), true)
        : reason === 'cancelled'
          ? CANCELLED()
          : appError('network', provider === 'aisa' ? t('errUnreachableAisa') : t('errUnreachableDfs'), true);

    try {
      let res: Response;
      try {
        res = await Promise.race([doFetch(endpointUrl(provider, endpoint, opts.baseUrl), init), aborted]);
      } catch {
        return { ok: false, error: failure() };
      }
      let text: string;
      try {
        text = await Promise.race([res.text(), aborted]);
      } catch {
        if (reason) return { ok: false, error: failure() };
        return {
          ok: false,
          error: appError('network', provider === 'aisa' ? t('errBrokeOffAisa') : t('errBrokeOffDfs'), true, {
            httpStatus: res.status,
          }),
        };
      }
      return { ok: true, value: { status: res.status, retryAfter: parseRetryAfter(res.headers.get('Retry-After')), text } };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** HTTP reply → the task that succeeded, or the one AppError that explains why not. */
  function interpret(reply: RawReply): Outcome<{ task: Task; envelopeCost: number | null }> {
    const { status, retryAfter } = reply;
    let json: unknown;
    try {
      json = JSON.parse(reply.text);
    } catch {
      if (status < 200 || status >= 300) return { ok: false, error: errorForHttp(status, provider, retryAfter) };
      return {
        ok: false,
        error: appError('bad-response', t('errNotJson', providerName(provider)), false, {
          httpStatus: status,
        }),
      };
    }
    const gateway = GatewayErrorSchema.safeParse(json);
    if (gateway.success) return { ok: false, error: errorForGateway(gateway.data, status, retryAfter) };
    const envelope = EnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      if (status < 200 || status >= 300) return { ok: false, error: errorForHttp(status, provider, retryAfter) };
      return {
        ok: false,
        error: appError('bad-response', t('errNotUnderstood', providerName(provider)), false, {
          httpStatus: status,
        }),
      };
    }
    const checked = checkEnvelope(envelope.data, status, provider, retryAfter);
    if (!checked.ok) return checked;
    return { ok: true, value: { task: checked.task, envelopeCost: envelope.data.cost ?? null } };
  }

  async function call<T>(
    endpoint: Endpoint,
    body: unknown,
    signal: AbortSignal | undefined,
    toData: (task: Task) => Outcome<{ data: T; rows: number }>,
  ): Promise<Outcome<ApiAnswer<T>>> {
    const reply = await exchange(endpoint, body, signal);
    if (!reply.ok) return reply;
    const interpreted = interpret(reply.value);
    if (!interpreted.ok) return interpreted;
    const { task, envelopeCost } = interpreted.value;
    let mapped: Outcome<{ data: T; rows: number }>;
    try {
      mapped = toData(task);
    } catch {
      mapped = {
        ok: false,
        error: appError('bad-response', t('errUnexpectedShape'), false),
      };
    }
    if (!isOkResult(mapped)) return mapped;
    const cost = task.cost ?? envelopeCost ?? 0;
    return { ok: true, value: { data: mapped.value.data, cost, rows: mapped.value.rows } };
  }

  /** One endpoint of the table: build the body (a refusal sends nothing), call, map the task. */
  async function run<E extends Endpoint>(
    endpoint: E,
    params: EndpointParams<E>,
    signal: AbortSignal | undefined,
  ): Promise<Outcome<ApiAnswer<EndpointModel<E>>>> {
    const row: EndpointSchemaRow<E> = ENDPOINT_SCHEMAS[endpoint];
    const body = row.build(params);
    if (!body.ok) return body;
    return call(endpoint, body.value, signal, (task) => row.toData(task, params));
  }

  // One method per paid row of the endpoint table (`fromEntries` loses the per-endpoint pairing, hence the type).
  const paid = Object.fromEntries(
    PAID_ENDPOINTS.map((endpoint) => [
      endpoint,
      (params: EndpointParams<PaidEndpoint>, signal?: AbortSignal) => run(endpoint, params, signal),
    ]),
  ) as { [E in PaidEndpoint]: EndpointCall<E> };

  return {
    ...paid,
    bulk: (endpoint, params, signal) => run(endpoint, params, signal),
    async account(signal) {
      if (provider === 'aisa')
        return {
          ok: false,
          error: appError('invalid-request', t('errAisaNoAccountCheck'), false),
        };
      return run('account', undefined, signal);
    },
  };
}
