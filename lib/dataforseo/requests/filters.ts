import { t } from '@/lib/i18n';
import { FILTER_OPERATORS } from './limits';
import type { FilterCondition, FilterExpr } from './tasks';

/**
 * Filter expressions in the API's nested-array form: counting and checking them, finding the ones
 * that can only return nothing, and building them from user text (LIKE patterns, "and" chains).
 */

function isCondition(x: unknown): x is FilterCondition {
  return (
    Array.isArray(x) &&
    x.length === 3 &&
    typeof x[0] === 'string' &&
    typeof x[1] === 'string' &&
    (typeof x[2] === 'string' || typeof x[2] === 'number' || typeof x[2] === 'boolean')
  );
}

/** Count the conditions of a filter expression, or explain why it is malformed. */
export function countConditions(expr: unknown): number | string {
  if (isCondition(expr)) {
    if (!/^[a-z_][a-z0-9_.]*$/i.test(expr[0])) return t('errFilterField', expr[0].slice(0, 40));
    if (!(FILTER_OPERATORS as readonly string[]).includes(expr[1])) return t('errFilterOperator', expr[1].slice(0, 20));
    return 1;
  }
  if (!Array.isArray(expr) || expr.length === 0 || expr.length % 2 === 0) return t('errFilterMalformed');
  if (expr.length > 3) return t('errFilterTooWide');
  let total = 0;
  for (let i = 0; i < expr.length; i++) {
    const part: unknown = expr[i];
    if (i % 2 === 1) {
      if (part !== 'and' && part !== 'or') return t('errFilterJoin');
      continue;
    }
    const n = countConditions(part);
    if (typeof n === 'string') return n;
    total += n;
  }
  return total;
}

/** Conditions every returned row must meet: those reached from the top through "and" only. */
function requiredConditions(expr: unknown, out: FilterCondition[] = []): FilterCondition[] {
  if (isCondition(expr)) out.push(expr);
  else if (Array.isArray(expr) && expr.every((p, i) => i % 2 === 0 || p === 'and'))
    expr.forEach((p, i) => {
      if (i % 2 === 0) requiredConditions(p, out);
    });
  return out;
}

/**
 * Why a backlinks task can only return nothing (and still be charged), or null. By the API's
 * definitions: "live" rows are not lost, "lost" rows are lost, a new link (found on the last visit)
 * is not lost, and a field cannot be required both true and false.
 */
export function certainNothing(status: unknown, filters: unknown): string | null {
  const implied = new Map<string, boolean>();
  const clash = (field: string, value: boolean): boolean => {
    const had = implied.get(field);
    implied.set(field, value);
    return had !== undefined && had !== value;
  };
  if (status === 'live') implied.set('is_lost', false);
  if (status === 'lost') implied.set('is_lost', true);
  for (const [field, op, raw] of requiredConditions(filters)) {
    const value = raw === 'true' ? true : raw === 'false' ? false : raw;
    if (typeof value !== 'boolean' || (op !== '=' && op !== '<>')) continue;
    const v = op === '=' ? value : !value;
    if (field === 'is_lost' && clash('is_lost', v))
      return status === 'live' || status === 'lost'
        ? t('errFilterLostStatus', String(v), status)
        : t('errFilterBothWays', 'is_lost');
    if (field === 'is_new' && v && clash('is_lost', false)) return t('errFilterNewLost');
    if (field !== 'is_lost' && field !== 'is_new' && clash(field, v)) return t('errFilterBothWays', field);
  }
  return null;
}

/** Escape LIKE wildcards in user text so "%" and "_" match themselves (backslash escapes). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/**
 * Join conditions with "and" the way the API's own examples nest them: one condition stays flat,
 * several become `[a, "and", [b, "and", [c, …]]]`, so no level holds more than three elements.
 */
export function andAll(parts: FilterExpr[]): FilterExpr | undefined {
  if (parts.length === 0) return undefined;
  const last = parts[parts.length - 1]!;
  return parts.slice(0, -1).reduceRight<FilterExpr>((rest, p) => [p, 'and', rest], last);
}
