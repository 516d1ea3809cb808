import { appError, type AppError, type ErrorKind } from '@/lib/errors';
import type { Provider } from '@/lib/providers';
import type { Envelope, GatewayError, Task } from './schemas';

/**
 * One error model for everything a provider can answer: HTTP status, the envelope's `status_code`,
 * each task's `status_code` (a 20000 envelope can hold a failed task) and the AIsa gateway's own
 * `{error:{type,code,message,request_id}}` bodies. Each becomes an AppError with one sentence that
 * tells the user what to do.
 */

const DASHBOARD = 'app.dataforseo.com';

/** The API's own message, shortened, for sentences that should say which field or path it refused. */
function quote(apiMessage: string | null | undefined): string {
  if (typeof apiMessage !== 'string') return '';
  const clean = apiMessage.replace(/\s+/g, ' ').trim().slice(0, 200);
  return clean ? ` (DataForSEO said: “${clean}”)` : '';
}

interface CodeRule {
  kind: ErrorKind;
  retryable: boolean;
  message: (apiMessage?: string | null) => string;
}

const AUTH_MESSAGE =
  'DataForSEO rejected the login or API password. Note the API password is not your account password — find it at app.dataforseo.com/api-access.';

/** Every status code the extension knows by number. */
export const STATUS_RULES: Record<number, CodeRule> = {
  40000: {
    kind: 'invalid-request',
    retryable: false,
    message: (m) => `DataForSEO refused the request as malformed${quote(m)}. This is a bug in Backlink Lens; please report it.`,
  },
  40100: { kind: 'auth', retryable: false, message: () => AUTH_MESSAGE },
  40104: {
    kind: 'account',
    retryable: false,
    message: () => `Your DataForSEO account is not verified yet. Verify it at ${DASHBOARD}, then try again.`,
  },
  40200: {
    kind: 'payment',
    retryable: false,
    message: () => `DataForSEO asks for payment: your balance is too low. Top up your balance at ${DASHBOARD}, then try again.`,
  },
  40210: {
    kind: 'payment',
    retryable: false,
    message: () => `Your DataForSEO balance is too low for this request. Top up your balance at ${DASHBOARD}, then try again.`,
  },
  40201: {
    kind: 'account',
    retryable: false,
    message: () => 'DataForSEO paused access to your account because of unusual activity. Contact DataForSEO support to restore it.',
  },
  40202: {
    kind: 'rate-limit',
    retryable: true,
    message: () => 'Too many requests this minute for your DataForSEO account. Wait a minute and try again.',
  },
  40203: {
    kind: 'cost-limit',
    retryable: false,
    message: () =>
      `The daily cost limit set in your DataForSEO dashboard is reached. Raise it at ${DASHBOARD}, or wait until tomorrow.`,
  },
  40204: {
    kind: 'no-access',
    retryable: false,
    message: () =>
      `Your DataForSEO account has no access to the Backlinks API. Activate Backlinks access at ${DASHBOARD}, then try again.`,
  },
  40205: {
    kind: 'duplicate-limit',
    retryable: false,
    message: () => 'DataForSEO refused this request: the same task was sent too many times this hour. Try again in an hour.',
  },
  40206: {
    kind: 'duplicate-limit',
    retryable: false,
    message: () => 'DataForSEO refused this request: the same task was sent too many times today. Try again tomorrow.',
  },
  40207: {
    kind: 'no-access',
    retryable: false,
    message: () =>
      `DataForSEO refused the request because this computer’s IP address is not on your allowed list. Add it in the API access settings at ${DASHBOARD}.`,
  },
  40209: {
    kind: 'concurrency',
    retryable: true,
    message: () => 'Too many requests are running at once on your DataForSEO account (more than 30). Try again in a few seconds.',
  },
  40400: {
    kind: 'not-found',
    retryable: false,
    message: (m) => `DataForSEO found nothing for this request${quote(m)}.`,
  },
  40401: { kind: 'not-found', retryable: false, message: (m) => `DataForSEO found nothing for this request${quote(m)}.` },
  40402: {
    kind: 'not-found',
    retryable: false,
    message: (m) => `DataForSEO did not recognise the request path${quote(m)}. Check the provider in the options; if it is right, this is a bug in Backlink Lens.`,
  },
  40403: {
    kind: 'not-found',
    retryable: false,
    message: (m) => `DataForSEO no longer has these results${quote(m)}. Run the check again.`,
  },
  40404: {
    kind: 'not-found',
    retryable: false,
    message: (m) =>
      `DataForSEO has no data prepared for this request${quote(m)}. The DataForSEO sandbox only has sample data for some requests.`,
  },
  40405: { kind: 'not-found', retryable: false, message: (m) => `DataForSEO found nothing for this request${quote(m)}.` },
  40406: { kind: 'not-found', retryable: false, message: (m) => `DataForSEO found nothing for this request${quote(m)}.` },
  40407: { kind: 'not-found', retryable: false, message: (m) => `DataForSEO found nothing for this request${quote(m)}.` },
  40408: { kind: 'not-found', retryable: false, message: (m) => `DataForSEO found nothing for this request${quote(m)}.` },
  40501: {
    kind: 'invalid-request',
    retryable: false,
    message: (m) => `DataForSEO refused a field of the request${quote(m)}. Check the target; if it looks right, this is a bug in Backlink Lens.`,
  },
  40503: {
    kind: 'invalid-request',
    retryable: false,
    message: (m) => `DataForSEO refused the request data${quote(m)}. Check the target; if it looks right, this is a bug in Backlink Lens.`,
  },
  40506: {
    kind: 'invalid-request',
    retryable: false,
    message: (m) => `DataForSEO did not know a field of the request${quote(m)}. This is a bug in Backlink Lens; please report it.`,
  },
  50000: {
    kind: 'server',
    retryable: true,
    message: () => 'DataForSEO had an internal error. Try again in a minute.',
  },
  50001: {
    kind: 'server',
    retryable: true,
    message: () => 'DataForSEO had an internal error. Try again in a minute.',
  },
  50301: {
    kind: 'server',
    retryable: true,
    message: () => 'DataForSEO is temporarily unavailable. Try again in a few minutes.',
  },
  50303: {
    kind: 'server',
    retryable: true,
    message: () => 'DataForSEO is being updated right now. Try again in a few minutes.',
  },
  50304: {
    kind: 'server',
    retryable: true,
    message: () => 'This DataForSEO function is temporarily unavailable. Try again later.',
  },
  50401: {
    kind: 'timeout',
    retryable: true,
    message: () => 'DataForSEO took too long to prepare the answer. Try again later, or ask for fewer rows.',
  },
};

/** True for the codes that mean success (20000; 2xxxx in general). */
export function isOkCode(code: number): boolean {
  return code >= 20000 && code < 30000;
}

/**
 * A DataForSEO status code → AppError. Codes not listed in STATUS_RULES are mapped by range
 * (401xx auth, 402xx payment, 404xx not found, other 4xxxx invalid request, 5xxxx server).
 */
export function errorForCode(code: number, apiMessage?: string | null, httpStatus?: number): AppError {
  const extra = { statusCode: code, ...(httpStatus !== undefined ? { httpStatus } : {}) };
  const rule = STATUS_RULES[code];
  if (rule) return appError(rule.kind, rule.message(apiMessage), rule.retryable, extra);
  const detail = quote(apiMessage);
  if (code >= 40100 && code < 40200) return appError('auth', AUTH_MESSAGE, false, extra);
  if (code >= 40200 && code < 40300)
    return appError('account', `DataForSEO refused the request for an account reason${detail}. Check your account at ${DASHBOARD}.`, false, extra);
  if (code >= 40400 && code < 40500) return appError('not-found', `DataForSEO found nothing for this request${detail}.`, false, extra);
  if (code >= 40000 && code < 50000)
    return appError('invalid-request', `DataForSEO refused the request${detail}. Check the target; if it looks right, this is a bug in Backlink Lens.`, false, extra);
  if (code >= 50000 && code < 60000)
    return appError('server', `DataForSEO could not answer right now${detail}. Try again later.`, true, extra);
  return appError('bad-response', `DataForSEO answered with an unexpected status ${code}${detail}. Try again later.`, false, extra);
}

function providerName(provider: Provider): string {
  return provider === 'aisa' ? 'The AIsa gateway' : 'DataForSEO';
}

/**
 * Parse a Retry-After header: delta-seconds or an HTTP date. Returns whole seconds ≥ 0, or undefined.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const t = value.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.ceil(Number(t));
  const at = Date.parse(t);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

function waitPhrase(retryAfter: number | undefined): string {
  if (retryAfter === undefined) return 'Wait a minute and try again.';
  if (retryAfter <= 1) return 'Try again in a moment.';
  return `Wait ${retryAfter} seconds and try again.`;
}

/** An HTTP status with no usable body (or a body that said nothing more precise). */
export function errorForHttp(status: number, provider: Provider, retryAfter?: number): AppError {
  const who = providerName(provider);
  const extra = { httpStatus: status, ...(retryAfter !== undefined ? { retryAfter } : {}) };
  if (status === 401)
    return provider === 'aisa'
      ? appError('auth', 'The AIsa gateway rejected the API key. Check the key (it starts with sk-aisa-) in the options.', false, extra)
      : appError('auth', AUTH_MESSAGE, false, extra);
  if (status === 402)
    return provider === 'aisa'
      ? appError('payment', 'Your AIsa balance is too low for this request. Top up your AIsa account, then try again.', false, extra)
      : appError('payment', `Your DataForSEO balance is too low for this request. Top up your balance at ${DASHBOARD}, then try again.`, false, extra);
  if (status === 403)
    return appError('no-access', `${who} refused access to this request. Check your account’s access settings.`, false, extra);
  if (status === 404)
    return appError('not-found', `${who} did not find the requested address. Check the provider in the options.`, false, extra);
  if (status === 408)
    return appError('timeout', `${who} took too long to answer. Try again later.`, true, extra);
  if (status === 429)
    return appError('rate-limit', `${who} says too many requests were sent. ${waitPhrase(retryAfter)}`, true, extra);
  if (status >= 500)
    return appError('server', `${who} is having trouble (HTTP ${status}). Try again in a few minutes.`, true, extra);
  if (status >= 400)
    return appError('invalid-request', `${who} refused the request (HTTP ${status}). This may be a bug in Backlink Lens.`, false, extra);
  return appError('bad-response', `${who} sent an answer Backlink Lens could not read (HTTP ${status}). Try again later.`, false, extra);
}

/** The AIsa gateway's `{error:{type,code,message,request_id}}` body → AppError. */
export function errorForGateway(body: GatewayError, status: number, retryAfter?: number): AppError {
  const code = (body.error.code ?? '').toLowerCase();
  const type = (body.error.type ?? '').toLowerCase();
  const extra = { httpStatus: status, ...(retryAfter !== undefined ? { retryAfter } : {}) };
  const has = (...words: string[]) => words.some((w) => code.includes(w) || type.includes(w));
  if (status === 401 || has('invalid_api_key', 'authentication', 'unauthorized'))
    return appError('auth', 'The AIsa gateway rejected the API key. Check the key (it starts with sk-aisa-) in the options.', false, extra);
  if (status === 402 || has('insufficient', 'balance', 'payment', 'quota'))
    return appError('payment', 'Your AIsa balance is too low for this request. Top up your AIsa account, then try again.', false, extra);
  if (status === 429 || has('rate_limit'))
    return appError(
      'rate-limit',
      `The AIsa gateway’s request limit is reached (60 requests a minute on the free tier). ${waitPhrase(retryAfter)}`,
      true,
      extra,
    );
  const http = errorForHttp(status >= 400 ? status : 500, 'aisa', retryAfter);
  return { ...http, httpStatus: status };
}

export type TaskCheck = { ok: true; task: Task } | { ok: false; error: AppError };

/**
 * Decide whether a parsed envelope is a success: the top-level code, then the first task's code.
 * Missing codes are tolerated (the spec makes every field nullable); a non-2xx HTTP status with no
 * code that says otherwise is an error by HTTP status.
 */
export function checkEnvelope(env: Envelope, httpStatus: number, provider: Provider, retryAfter?: number): TaskCheck {
  const top = env.status_code ?? null;
  if (top !== null && !isOkCode(top)) return { ok: false, error: errorForCode(top, env.status_message, httpStatus) };
  const task = env.tasks?.find((t) => t !== null) ?? null;
  if (task) {
    const code = task.status_code ?? null;
    if (code !== null && !isOkCode(code)) return { ok: false, error: errorForCode(code, task.status_message, httpStatus) };
  }
  if (httpStatus < 200 || httpStatus >= 300) return { ok: false, error: errorForHttp(httpStatus, provider, retryAfter) };
  if (!task)
    return {
      ok: false,
      error: appError('bad-response', `${providerName(provider)} answered without a task. Try again later.`, false, {
        httpStatus,
        ...(top !== null ? { statusCode: top } : {}),
      }),
    };
  return { ok: true, task };
}
