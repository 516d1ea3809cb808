import { z } from 'zod/mini';

/**
 * Tolerant field schemas, the building blocks of every DataForSEO response schema (the envelope in
 * ./envelope.schema.ts, the result rows in ./results.schema.ts and ./endpoints/<name>.schema.ts).
 *
 * Rules, following the official OpenAPI description where every response field is nullable and none
 * is required, and new fields appear over time:
 * - every field is optional and nullable;
 * - objects are loose (unknown fields pass through untouched);
 * - a leaf of the wrong type never fails the parse: numbers sent as numeric strings are coerced,
 *   anything else unusable becomes null; a breakdown object (label → count) drops the keys whose
 *   value is not a number; an array where an object was expected becomes null, and so on.
 */

/** A plain object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '' || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
    const n = Number(t);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function toStr(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function toBool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return null;
}

// Each leaf is built once and shared by every field that uses it: a zod schema is immutable, so one
// instance serves any number of shapes, and the worker's start builds four instances per leaf kind
// instead of four per API field (about 960 of its 1,700 at load).
const NUM = z.optional(z.pipe(z.unknown(), z.transform(toNumber)));
const STR = z.optional(z.pipe(z.unknown(), z.transform(toStr)));
const BOOL = z.optional(z.pipe(z.unknown(), z.transform(toBool)));
const STR_LIST = z.optional(
  z.pipe(
    z.unknown(),
    z.transform((v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null)),
  ),
);
const BREAKDOWN = z.optional(
  z.pipe(
    z.unknown(),
    z.transform((v): Record<string, number> | null => {
      if (!isRecord(v)) return null;
      const out: Record<string, number> = {};
      for (const [k, raw] of Object.entries(v)) {
        const n = toNumber(raw);
        if (n !== null) out[k] = n;
      }
      return out;
    }),
  ),
);
const RECORD = z.optional(z.pipe(z.unknown(), z.transform((v) => (isRecord(v) ? v : null))));

/** A number (or numeric string); anything else → null. */
export const num = () => NUM;
/** A string (numbers are stringified); anything else → null. */
export const str = () => STR;
/** A boolean (or "true"/"false"); anything else → null. */
export const bool = () => BOOL;
/** An array of strings; non-string elements are dropped; a non-array → null. */
export const strList = () => STR_LIST;
/** label → count; keys whose value is not a number are dropped; a non-object → null. */
export const breakdown = () => BREAKDOWN;
/** Any JSON object, kept as is; a non-object → null. */
export const record = () => RECORD;

/** A loose object whose fields are all tolerant; a non-object value → null. */
export function obj<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.optional(z.pipe(z.transform((v: unknown) => (isRecord(v) ? v : null)), z.nullable(z.looseObject(shape))));
}

/** An array of loose objects; a non-array → null; elements that are not objects → null (kept, so indexes stay). */
export function list<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.optional(
    z.pipe(
      z.transform((v: unknown) => (Array.isArray(v) ? v.map((x) => (isRecord(x) ? x : null)) : null)),
      z.nullable(z.array(z.nullable(z.looseObject(shape)))),
    ),
  );
}
