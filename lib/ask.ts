import { browser } from 'wxt/browser';
import { appError } from './errors';
import { replySchema, type Reply, type Request } from './messages';

/**
 * Pages call the worker only through this. The reply is checked against the protocol; a worker
 * that cannot be reached or answers out of contract becomes an error value, never a throw.
 */
export async function ask<R extends Request>(request: R): Promise<Reply<R['type']>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch (e) {
    return {
      ok: false,
      error: appError('internal', 'The extension’s background worker did not answer. Try again.', true),
    };
  }
  const parsed = replySchema(request.type).safeParse(raw);
  if (!parsed.success) {
    return { ok: false, error: appError('internal', 'The background worker answered out of contract. Try again.', true) };
  }
  return parsed.data as Reply<R['type']>;
}
