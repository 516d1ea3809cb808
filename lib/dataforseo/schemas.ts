import { z } from 'zod/mini';

/**
 * Zod schemas for what DataForSEO (and the AIsa gateway, which relays the same envelope) sends back.
 *
 * Rules, following the official OpenAPI description where every response field is nullable and none
 * is required, and new fields appear over time:
 * - every field is optional and nullable;
 * - objects are loose (unknown fields pass through untouched);
 * - a leaf of the wrong type never fails the parse: numbers sent as numeric strings are coerced,
 *   anything else unusable becomes null; a breakdown object (label → count) drops the keys whose
 *   value is not a number; an array where an object was expected becomes null, and so on.
 *
 * The one thing that does fail is a body that is not an envelope at all (not an object, or an object
 * without any of `version`, `status_code`, `tasks`): the client reports that as `bad-response`.
 */

function isRecord(v: unknown): v is Record<string, unknown> {
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

/** A number (or numeric string); anything else → null. */
export const num = () => z.optional(z.pipe(z.unknown(), z.transform(toNumber)));
/** A string (numbers are stringified); anything else → null. */
export const str = () => z.optional(z.pipe(z.unknown(), z.transform(toStr)));
/** A boolean (or "true"/"false"); anything else → null. */
export const bool = () => z.optional(z.pipe(z.unknown(), z.transform(toBool)));
/** An array of strings; non-string elements are dropped; a non-array → null. */
export const strList = () =>
  z.optional(
    z.pipe(
      z.unknown(),
      z.transform((v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null)),
    ),
  );
/** label → count; keys whose value is not a number are dropped; a non-object → null. */
export const breakdown = () =>
  z.optional(
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
/** Any JSON object, kept as is; a non-object → null. */
export const record = () => z.optional(z.pipe(z.unknown(), z.transform((v) => (isRecord(v) ? v : null))));

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

// ---------------------------------------------------------------------------------------------
// backlinks/summary/live

export const TargetInfoShape = {
  server: str(),
  cms: str(),
  platform_type: strList(),
  ip_address: str(),
  country: str(),
  is_ip: bool(),
  target_spam_score: num(),
};

/** The figures summary results and anchor items share: counts of what links to the target, and breakdowns. */
export const ReferringStats = {
  backlinks_spam_score: num(),
  broken_backlinks: num(),
  broken_pages: num(),
  referring_domains: num(),
  referring_domains_nofollow: num(),
  referring_main_domains: num(),
  referring_main_domains_nofollow: num(),
  referring_ips: num(),
  referring_subnets: num(),
  referring_pages: num(),
  referring_pages_nofollow: num(),
  referring_links_tld: breakdown(),
  referring_links_types: breakdown(),
  referring_links_attributes: breakdown(),
  referring_links_platform_types: breakdown(),
  referring_links_semantic_locations: breakdown(),
  referring_links_countries: breakdown(),
};

export const SummaryResultShape = {
  target: str(),
  first_seen: str(),
  lost_date: str(),
  rank: num(),
  backlinks: num(),
  crawled_pages: num(),
  info: obj(TargetInfoShape),
  internal_links_count: num(),
  external_links_count: num(),
  ...ReferringStats,
};
export const SummaryResultSchema = z.looseObject(SummaryResultShape);
export type SummaryResult = z.infer<typeof SummaryResultSchema>;

// ---------------------------------------------------------------------------------------------
// backlinks/anchors/live

export const AnchorItemShape = {
  type: str(),
  anchor: str(),
  rank: num(),
  backlinks: num(),
  first_seen: str(),
  lost_date: str(),
  ...ReferringStats,
};
export const AnchorItemSchema = z.looseObject(AnchorItemShape);
export type AnchorItem = z.infer<typeof AnchorItemSchema>;

export const AnchorsResultShape = {
  target: str(),
  total_count: num(),
  items_count: num(),
  items: list(AnchorItemShape),
};
export const AnchorsResultSchema = z.looseObject(AnchorsResultShape);
export type AnchorsResult = z.infer<typeof AnchorsResultSchema>;

// ---------------------------------------------------------------------------------------------
// backlinks/backlinks/live

export const IndirectLinkShape = {
  type: str(),
  status_code: num(),
  url: str(),
};

export const BacklinkItemShape = {
  type: str(),
  domain_from: str(),
  url_from: str(),
  url_from_https: bool(),
  domain_to: str(),
  url_to: str(),
  url_to_https: bool(),
  tld_from: str(),
  is_new: bool(),
  is_lost: bool(),
  backlink_spam_score: num(),
  rank: num(),
  page_from_rank: num(),
  domain_from_rank: num(),
  domain_from_platform_type: strList(),
  domain_from_is_ip: bool(),
  domain_from_ip: str(),
  domain_from_country: str(),
  page_from_external_links: num(),
  page_from_internal_links: num(),
  page_from_size: num(),
  page_from_encoding: str(),
  page_from_language: str(),
  page_from_title: str(),
  page_from_status_code: num(),
  first_seen: str(),
  prev_seen: str(),
  last_seen: str(),
  item_type: str(),
  attributes: strList(),
  dofollow: bool(),
  original: bool(),
  alt: str(),
  image_url: str(),
  anchor: str(),
  text_pre: str(),
  text_post: str(),
  semantic_location: str(),
  links_count: num(),
  group_count: num(),
  is_broken: bool(),
  url_to_status_code: num(),
  url_to_spam_score: num(),
  url_to_redirect_target: str(),
  ranked_keywords_info: obj({
    page_from_keywords_count_top_3: num(),
    page_from_keywords_count_top_10: num(),
    page_from_keywords_count_top_100: num(),
  }),
  is_indirect_link: bool(),
  indirect_link_path: list(IndirectLinkShape),
};
export const BacklinkItemSchema = z.looseObject(BacklinkItemShape);
export type BacklinkItem = z.infer<typeof BacklinkItemSchema>;

export const BacklinksResultShape = {
  target: str(),
  mode: str(),
  custom_mode: record(),
  total_count: num(),
  items_count: num(),
  items: list(BacklinkItemShape),
  search_after_token: str(),
};
export const BacklinksResultSchema = z.looseObject(BacklinksResultShape);
export type BacklinksResult = z.infer<typeof BacklinksResultSchema>;

// ---------------------------------------------------------------------------------------------
// appendix/user_data (only the parts the extension shows; the rest passes through untouched)

/** money.limits.day / money.statistics.day: per-API objects plus `total` and `total_<api>` numbers. */
const MoneyPeriodShape = {
  total: num(),
  total_backlinks: num(),
};

export const UserDataResultShape = {
  login: str(),
  timezone: str(),
  rates: record(),
  money: obj({
    total: num(),
    balance: num(),
    limits: obj({ day: obj(MoneyPeriodShape), minute: obj(MoneyPeriodShape) }),
    statistics: obj({ day: obj(MoneyPeriodShape), minute: obj(MoneyPeriodShape) }),
  }),
  price: record(),
  backlinks_subscription_expiry_date: str(),
};
export const UserDataResultSchema = z.looseObject(UserDataResultShape);
export type UserDataResult = z.infer<typeof UserDataResultSchema>;

// ---------------------------------------------------------------------------------------------
// Envelope and task

export const TaskShape = {
  id: str(),
  status_code: num(),
  status_message: str(),
  time: str(),
  cost: num(),
  result_count: num(),
  path: strList(),
  data: record(),
  /** Checked per endpoint with the result schemas above; here only "an array of something". */
  result: z.optional(z.pipe(z.unknown(), z.transform((v) => (Array.isArray(v) ? (v as unknown[]) : null)))),
};
export const TaskSchema = z.looseObject(TaskShape);
export type Task = z.infer<typeof TaskSchema>;

const ENVELOPE_KEYS = ['version', 'status_code', 'tasks'] as const;

export const EnvelopeSchema = z
  .looseObject({
    version: str(),
    status_code: num(),
    status_message: str(),
    time: str(),
    cost: num(),
    tasks_count: num(),
    tasks_error: num(),
    tasks: list(TaskShape),
  })
  .check(z.refine((v) => ENVELOPE_KEYS.some((k) => k in v), { message: 'not a DataForSEO response envelope' }));
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** The AIsa gateway's own error body: `{error: {type, code, message, request_id}}`. */
export const GatewayErrorSchema = z.looseObject({
  error: z.looseObject({
    type: str(),
    code: str(),
    message: str(),
    request_id: str(),
  }),
});
export type GatewayError = z.infer<typeof GatewayErrorSchema>;

/** Which result schema goes with which endpoint. */
export const RESULT_SCHEMAS = {
  profile: SummaryResultSchema,
  anchors: AnchorsResultSchema,
  backlinks: BacklinksResultSchema,
  account: UserDataResultSchema,
} as const;

/**
 * Parse the first result row of a task for an endpoint. A row that is not an object → null (the
 * caller decides whether "no row" is an error).
 */
export function parseFirstResult<E extends keyof typeof RESULT_SCHEMAS>(
  endpoint: E,
  task: Task,
): z.infer<(typeof RESULT_SCHEMAS)[E]> | null {
  const first = task.result?.[0];
  if (!isRecord(first)) return null;
  const parsed = RESULT_SCHEMAS[endpoint].safeParse(first);
  return parsed.success ? (parsed.data as z.infer<(typeof RESULT_SCHEMAS)[E]>) : null;
}

/** The first result row of a task parsed with an endpoint's own result schema (./endpoints/<name>.schema.ts); not an object → null. */
export function parseFirst<S extends z.ZodMiniType>(schema: S, task: Task): z.infer<S> | null {
  const first = task.result?.[0];
  if (!isRecord(first)) return null;
  const parsed = schema.safeParse(first);
  return parsed.success ? (parsed.data as z.infer<S>) : null;
}
