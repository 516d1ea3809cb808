import { appError, type AppError } from '@/lib/errors';
import { t, type MessageKey } from '@/lib/i18n';
import { DOMAIN_MAX, ORDER_BY_MAX, URL_MAX } from './limits';

/**
 * The shared request checks: targets, whole numbers, enumerations and sort rules. Each answers an
 * `invalid-request` AppError that is not retryable (nothing is sent), or null.
 */

/** An `invalid-request` refusal: nothing is sent, nothing is spent. */
export function refuse(message: string): AppError {
  return appError('invalid-request', message, false);
}

/** One DNS label (punycode); underscores are tolerated because real hosts use them. */
const HOST_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/i;

/** A domain or host as the API takes it: no scheme, path, port, `www.` or trailing dot. */
export function checkDomainTarget(target: string): AppError | null {
  if (target.length === 0) return refuse(t('errTargetEmpty'));
  if (target.length > DOMAIN_MAX) return refuse(t('errDomainTooLong', String(DOMAIN_MAX)));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target))
    return refuse(t('errDomainScheme'));
  if (/[/?#\\]/.test(target)) return refuse(t('errDomainPath'));
  if (/^www\./i.test(target)) return refuse(t('errDomainWww'));
  if (target.includes(':')) return refuse(t('errDomainPort'));
  const labels = target.split('.');
  if (labels.length < 2 || !labels.every((l) => HOST_LABEL.test(l)))
    return refuse(t('errDomainInvalid', target.slice(0, 80)));
  return null;
}

/** A page as the API takes it: an absolute http(s) URL. */
export function checkPageTarget(target: string): AppError | null {
  if (target.length === 0) return refuse(t('errTargetEmpty'));
  if (target.length > URL_MAX) return refuse(t('errPageTooLong', String(URL_MAX)));
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return refuse(t('errPageNotAbsolute'));
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !/^https?:\/\//i.test(target) || url.hostname === '')
    return refuse(t('errPageNotAbsolute'));
  return null;
}

/** `name` is the field's name in the refusal (an errField… key); `hint`, when given, follows after a space. */
export function checkInt(name: MessageKey, v: unknown, min: number, max: number, hint?: MessageKey): AppError | null {
  if (typeof v !== 'number' || !Number.isInteger(v)) return refuse(t('errNotWhole', t(name)));
  if (v < min || v > max) return refuse(t('errOutOfRange', t(name), String(min), String(max), String(v), hint ? ` ${t(hint)}` : ''));
  return null;
}

/** `name` is the field's name in the refusal (an errField… key). */
export function checkEnum(name: MessageKey, v: unknown, allowed: readonly string[]): AppError | null {
  if (typeof v !== 'string' || !allowed.includes(v)) return refuse(t('errUnknownValue', t(name), String(v).slice(0, 40), allowed.join(', ')));
  return null;
}

/** `order_by`: at most three "field,asc|desc" rules on the given fields. */
export function checkSortRules(v: unknown, fields: readonly string[]): AppError | null {
  if (!Array.isArray(v)) return refuse(t('errSortNotList'));
  if (v.length > ORDER_BY_MAX) return refuse(t('errSortTooMany', String(ORDER_BY_MAX), String(v.length)));
  for (const rule of v) {
    const m = typeof rule === 'string' ? /^([a-z_.]+),(asc|desc)$/.exec(rule) : null;
    if (!m || !fields.includes(m[1] ?? '')) return refuse(t('errSortUnknown', String(rule).slice(0, 40)));
  }
  return null;
}
