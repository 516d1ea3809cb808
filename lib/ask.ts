import { browser } from 'wxt/browser';
import { appError } from './errors';
import { MAX_RESOLVE_URL } from './defaults';
import { t } from './i18n';
import type { Reply, Request } from './messages';

/**
 * Pages call the worker only through this. The worker checks every reply against the protocol
 * (`replySchema`, lib/messages.ts) before it sends it, so a page only checks the reply's outline
 * (no zod in the pages). A worker that cannot be reached or answers something else becomes an
 * error value, never a throw.
 */
export async function ask<R extends Request>(request: R): Promise<Reply<R['type']>> {
  try {
    return readReply<R>(await browser.runtime.sendMessage(request));
  } catch {
    return readReply<R>(undefined, false);
  }
}

/**
 * What a page makes of the worker's answer: the reply when it has the reply's outline, else an error
 * value (`sent` false: the message could not be sent or was never answered).
 */
export function readReply<R extends Request>(raw: unknown, sent = true): Reply<R['type']> {
  if (!sent) return { ok: false, error: appError('internal', t('errWorkerSilent'), true) };
  if (!isReplyOutline(raw)) return { ok: false, error: appError('internal', t('errWorkerOutOfContract'), true) };
  return raw as Reply<R['type']>;
}

/**
 * `ask`, once more after a short pause when the worker could not answer (an MV3 worker can be
 * stopped in the middle of a call; the next message starts it again). The second try never buys
 * again: a paid request goes again as `normal`, which the worker answers from the cache when the
 * first try's answer was stored, or with `answer-lost` (nothing spent) when the worker stopped
 * after paying and before storing it. Only the user's own click buys again (`retryMode`).
 * `firstTry`: the first answer when the request was already sent (the popup's start script).
 */
export async function askWithRetry<R extends Request>(request: R, firstTry?: Promise<Reply<R['type']>>): Promise<Reply<R['type']>> {
  const first = await (firstTry ?? ask(request));
  if (first.ok || first.error.kind !== 'internal' || !first.error.retryable) return first;
  await new Promise((resolve) => setTimeout(resolve, 300));
  return ask(withoutRefresh(request));
}

/** A paid request in `refresh` mode turned into `normal`; any other request as it is. */
export function withoutRefresh<R extends Request>(request: R): R {
  return 'mode' in request && request.mode === 'refresh' ? { ...request, mode: 'normal' } : request;
}

/**
 * The mode of the user's "try again" after an error: an answer a stopped worker paid for and lost
 * is bought again only by this click (`refresh`); anything else is asked again normally.
 */
export function retryMode(error: { kind: string }): 'normal' | 'refresh' {
  return error.kind === 'answer-lost' ? 'refresh' : 'normal';
}

/**
 * The request that reads a tab or link address as a target (in the worker, which holds the Public
 * Suffix List). An address too long to send is cut, still long enough to be refused as too long.
 */
export function resolveTargetRequest(url: string | null | undefined): Extract<Request, { type: 'resolveTarget' }> {
  return { type: 'resolveTarget', url: (url ?? '').trim().slice(0, MAX_RESOLVE_URL) };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The outline every reply has: `{ ok: true, data, meta }` with `data` and `meta` objects (a list
 * is an object too), or `{ ok: false, error }` with a string kind and message and a boolean
 * `retryable`. What is inside `data` the worker has already checked.
 */
export function isReplyOutline(raw: unknown): boolean {
  if (!isObject(raw) || typeof raw.ok !== 'boolean') return false;
  if (raw.ok) return isObject(raw.data) && isObject(raw.meta);
  const error = raw.error;
  return isObject(error) && typeof error.kind === 'string' && typeof error.message === 'string' && typeof error.retryable === 'boolean';
}
