import { appError, type AppError, type ErrorKind } from '@/lib/errors';
import { t } from '@/lib/i18n';
import type { Provider } from '@/lib/providers';
import type { Envelope, GatewayError, Task } from './envelope.schema';

/**
 * One error model for everything a provider can answer: HTTP status, the envelope's `status_code`,
 * each task's `status_code` (a 20000 envelope can hold a failed task) and the AIsa gateway's own
 * `{error:{type,code,message,request_id}}` bodies. Each becomes an AppError with one sentence that
 * tells the user what to do.
 */

/** The API's own message, shortened, for sentences that should say which field or path it refused. */
function quote(apiMessage: string | null | undefined): string {
  if (typeof apiMessage !== 'string') return '';
  const clean = apiMessage.replace(/\s+/g, ' ').trim().slice(0, 200);
  return clean ? ` ${t('errApiSaid', clean)}` : '';
}

interface CodeRule {
  kind: ErrorKind;
  retryable: boolean;
  message: (apiMessage?: string | null) => string;
}

const authMessage = () => t('errAuth');
const nothingFound = (m?: string | null) => t('errNothingFound', quote(m));

/** Every status code the extension knows by number. */
export const STATUS_RULES: Record<number, CodeRule> = {
  40000: { kind: 'invalid-request', retryable: false, message: (m) => t('errMalformed', quote(m)) },
  40100: { kind: 'auth', retryable: false, message: authMessage },
  40104: { kind: 'account', retryable: false, message: () => t('errNotVerified') },
  40200: { kind: 'payment', retryable: false, message: () => t('errPaymentAsk') },
  40210: { kind: 'payment', retryable: false, message: () => t('errBalanceLow') },
  40201: { kind: 'account', retryable: false, message: () => t('errAccessPaused') },
  40202: { kind: 'rate-limit', retryable: true, message: () => t('errRateMinute') },
  40203: { kind: 'cost-limit', retryable: false, message: () => t('errCostLimit') },
  40204: { kind: 'no-access', retryable: false, message: () => t('errNoBacklinksApi') },
  40205: { kind: 'duplicate-limit', retryable: false, message: () => t('errDupHour') },
  40206: { kind: 'duplicate-limit', retryable: false, message: () => t('errDupDay') },
  40207: { kind: 'no-access', retryable: false, message: () => t('errIpNotAllowed') },
  40209: { kind: 'concurrency', retryable: true, message: () => t('errConcurrency') },
  40400: { kind: 'not-found', retryable: false, message: nothingFound },
  40401: { kind: 'not-found', retryable: false, message: nothingFound },
  40402: { kind: 'not-found', retryable: false, message: (m) => t('errBadPath', quote(m)) },
  40403: { kind: 'not-found', retryable: false, message: (m) => t('errResultsGone', quote(m)) },
  40404: { kind: 'not-found', retryable: false, message: (m) => t('errNoDataPrepared', quote(m)) },
  40405: { kind: 'not-found', retryable: false, message: nothingFound },
  40406: { kind: 'not-found', retryable: false, message: nothingFound },
  40407: { kind: 'not-found', retryable: false, message: nothingFound },
  40408: { kind: 'not-found', retryable: false, message: nothingFound },
  40501: { kind: 'invalid-request', retryable: false, message: (m) => t('errFieldRefused', quote(m)) },
  40503: { kind: 'invalid-request', retryable: false, message: (m) => t('errDataRefused', quote(m)) },
  40506: { kind: 'invalid-request', retryable: false, message: (m) => t('errUnknownApiField', quote(m)) },
  50000: { kind: 'server', retryable: true, message: () => t('errServerInternal') },
  50001: { kind: 'server', retryable: true, message: () => t('errServerInternal') },
  50301: { kind: 'server', retryable: true, message: () => t('errUnavailable') },
  50303: { kind: 'server', retryable: true, message: () => t('errUpdating') },
  50304: { kind: 'server', retryable: true, message: () => t('errFunctionDown') },
  50401: { kind: 'timeout', retryable: true, message: () => t('errSlowAnswer') },
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
  if (code >= 40100 && code < 40200) return appError('auth', authMessage(), false, extra);
  if (code >= 40200 && code < 40300) return appError('account', t('errAccountReason', detail), false, extra);
  if (code >= 40400 && code < 40500) return appError('not-found', t('errNothingFound', detail), false, extra);
  if (code >= 40000 && code < 50000) return appError('invalid-request', t('errRefused', detail), false, extra);
  if (code >= 50000 && code < 60000) return appError('server', t('errCannotAnswer', detail), true, extra);
  return appError('bad-response', t('errOddStatus', String(code), detail), false, extra);
}

function providerName(provider: Provider): string {
  return provider === 'aisa' ? t('errAisaGateway') : 'DataForSEO';
}

/**
 * Parse a Retry-After header: delta-seconds or an HTTP date. Returns whole seconds ≥ 0, or undefined.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text));
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

function waitPhrase(retryAfter: number | undefined): string {
  if (retryAfter === undefined) return t('errWaitMinute');
  if (retryAfter <= 1) return t('errWaitMoment');
  return t('errWaitSeconds', String(retryAfter));
}

/** An HTTP status with no usable body (or a body that said nothing more precise). */
export function errorForHttp(status: number, provider: Provider, retryAfter?: number): AppError {
  const who = providerName(provider);
  const extra = { httpStatus: status, ...(retryAfter !== undefined ? { retryAfter } : {}) };
  if (status === 401)
    return provider === 'aisa' ? appError('auth', t('errAisaKeyRejected'), false, extra) : appError('auth', authMessage(), false, extra);
  if (status === 402)
    return provider === 'aisa'
      ? appError('payment', t('errAisaBalanceLow'), false, extra)
      : appError('payment', t('errBalanceLow'), false, extra);
  if (status === 403) return appError('no-access', t('errHttpNoAccess', who), false, extra);
  if (status === 404) return appError('not-found', t('errHttpNotFound', who), false, extra);
  if (status === 408) return appError('timeout', t('errHttpTimeout', who), true, extra);
  if (status === 429) return appError('rate-limit', t('errHttpTooMany', who, waitPhrase(retryAfter)), true, extra);
  if (status >= 500) return appError('server', t('errHttpServer', who, String(status)), true, extra);
  if (status >= 400) return appError('invalid-request', t('errHttpRefused', who, String(status)), false, extra);
  return appError('bad-response', t('errHttpUnreadable', who, String(status)), false, extra);
}

/** The AIsa gateway's `{error:{type,code,message,request_id}}` body → AppError. */
export function errorForGateway(body: GatewayError, status: number, retryAfter?: number): AppError {
  const code = (body.error.code ?? '').toLowerCase();
  const type = (body.error.type ?? '').toLowerCase();
  const extra = { httpStatus: status, ...(retryAfter !== undefined ? { retryAfter } : {}) };
  const has = (...words: string[]) => words.some((w) => code.includes(w) || type.includes(w));
  if (status === 401 || has('invalid_api_key', 'authentication', 'unauthorized'))
    return appError('auth', t('errAisaKeyRejected'), false, extra);
  if (status === 402 || has('insufficient', 'balance', 'payment', 'quota')) return appError('payment', t('errAisaBalanceLow'), false, extra);
  if (status === 429 || has('rate_limit')) return appError('rate-limit', t('errAisaRateLimit', waitPhrase(retryAfter)), true, extra);
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
  const task = env.tasks?.find((x) => x !== null) ?? null;
  if (task) {
    const code = task.status_code ?? null;
    if (code !== null && !isOkCode(code)) return { ok: false, error: errorForCode(code, task.status_message, httpStatus) };
  }
  if (httpStatus < 200 || httpStatus >= 300) return { ok: false, error: errorForHttp(httpStatus, provider, retryAfter) };
  if (!task)
    return {
      ok: false,
      error: appError('bad-response', t('errNoTask', providerName(provider)), false, {
        httpStatus,
        ...(top !== null ? { statusCode: top } : {}),
      }),
    };
  return { ok: true, task };
}
