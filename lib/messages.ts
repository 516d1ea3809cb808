import { z } from 'zod/mini';
import type { AppError, Quote } from './errors';
import { AppErrorSchema, QuoteSchema } from './errors.schema';
import { AccountSchema } from './model';
import { LookupTargetSchema, QueryOptionsSchema, ScopeSchema } from './params.schema';
import { PAID_ENDPOINTS, type PaidEndpoint } from './dataforseo/endpoints';
import { ENDPOINT_SCHEMAS, EndpointSchema } from './dataforseo/endpoints.schema';
import type { RequestType } from './requests.schema';
import { ProviderSchema, SettingsSchema } from './settings/settings.schema';
import { MAX_RESOLVE_URL } from './defaults';
import { reportSchemas } from './links/report.schema';
import { bulkSchemas } from './bulk.schema';
import { lazy, lazyRecord } from './lazy';

/**
 * The one protocol between pages (popup, side panel, options) and the background worker.
 * Requests are checked with zod when they arrive in the worker (`parseRequest`, lib/requests.schema.ts),
 * and the worker checks every reply against `replySchema` before it sends it. Each type's schemas are
 * built the first time a message of that type arrives (lib/lazy.ts): a freshly started worker builds
 * only what its first message needs. Pages import only TYPES from here (no zod in their
 * bundles): lib/ask.ts checks just the reply's outline.
 * No request or reply ever carries a stored password or key back to a page.
 */

export { FetchModeSchema, parseRequest, REQUEST_TYPES, type FetchMode, type Request, type RequestType } from './requests.schema';
export { MAX_RESOLVE_URL, EndpointSchema, QueryOptionsSchema };

/**
 * The earlier check of the same target and scope a profile answer is compared with (from the history,
 * free). `sameOptions` false: it was made with other options (`optionsDiffer` names them when known) or
 * another provider or account; `rank` is null when the ranks are not comparable (another rank scale).
 */
export const EarlierCheckSchema = z.object({
  fetchedAt: z.number(),
  rank: z.nullable(z.number()),
  backlinks: z.nullable(z.number()),
  referringDomains: z.nullable(z.number()),
  sameOptions: z.boolean(),
  optionsDiffer: z.array(z.keyof(QueryOptionsSchema)),
});
export type EarlierCheck = z.infer<typeof EarlierCheckSchema>;

/**
 * A price the worker quotes for a call not made yet (a refresh, the next page): from the endpoint
 * row's price and the provider in use (lib/errors.schema.ts, so error replies can carry one too).
 */
export { QuoteSchema };
export type { Quote };

export const ReplyMetaSchema = z.object({
  /** USD this answer cost now (0 when served from cache). */
  cost: z.number(),
  /** When the data was fetched from the API (epoch ms). */
  fetchedAt: z.number(),
  fromCache: z.boolean(),
  /** Spend today after this answer, USD. */
  spentToday: z.number(),
  /** Profile answers only: the earlier check whose figures differ (absent or null: none). */
  earlier: z.optional(z.nullable(EarlierCheckSchema)),
  /** Data replies: what asking the same again (a refresh, or the next page of the same size) would cost. */
  quote: z.optional(QuoteSchema),
});
export type ReplyMeta = z.infer<typeof ReplyMetaSchema>;

export const LedgerEntrySchema = z.object({
  at: z.number(),
  provider: ProviderSchema,
  endpoint: EndpointSchema,
  target: z.string(),
  cost: z.number(),
  rows: z.number(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** Built on first use, as every reply-only schema below (lib/lazy.ts). */
const spendSchema = lazy(() =>
  z.object({
    today: z.number(),
    month: z.number(),
    dailyBudget: z.nullable(z.number()),
    recent: z.array(LedgerEntrySchema),
    cache: z.object({ entries: z.number(), bytes: z.number(), limitBytes: z.number() }),
    /** Charges reserved by a worker that stopped before the answer was recorded: counted at their estimate. */
    unconfirmed: z.number(),
    unconfirmedCount: z.number(),
    /** Ledger lines whose reported cost was not a sane number (recorded at the estimate). */
    flaggedCount: z.number(),
    /** Damaged ledger lines dropped when read back. */
    droppedCount: z.number(),
    /** The last ledger write failed: no paid check is made until it works again. */
    writeFailure: z.nullable(z.enum(['storage-full', 'write-failed'])),
  }),
);
export type Spend = z.infer<ReturnType<typeof spendSchema>>;

export const HistoryEntrySchema = z.object({
  at: z.number(),
  target: LookupTargetSchema,
  scope: ScopeSchema,
  rank: z.nullable(z.number()),
  backlinks: z.nullable(z.number()),
  referringDomains: z.nullable(z.number()),
  /** Whether its cache entry still lives (reopening costs nothing). */
  cached: z.boolean(),
  /** The earlier check these figures are compared with (absent or null: none, or nothing changed). */
  earlier: z.optional(z.nullable(EarlierCheckSchema)),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** Settings as pages see them: credentials only as "set or not" and a hint. */
const publicSettingsSchema = lazy(() =>
  z.object({
    settings: SettingsSchema,
    credentials: z.object({
      provider: z.nullable(ProviderSchema),
      login: z.nullable(z.string()),
      /** e.g. "••••3f2a" — never the secret. */
      secretHint: z.nullable(z.string()),
      present: z.boolean(),
    }),
    /** Prices quoted by the worker for the pages (they never price a call themselves). */
    quotes: z.object({
      /** The provider in use charges nothing (the sandbox). */
      free: z.boolean(),
      /** One profile check at the paid providers' price (AIsa's connection test is one). */
      profile: z.number(),
      /** One page of anchors / backlinks at the page sizes set, with the provider in use. */
      anchorsPage: z.number(),
      backlinksPage: z.number(),
      /** A page of 100 and of 1000 backlinks at the paid providers' price (the page-size help line). */
      backlinks100: z.number(),
      backlinks1000: z.number(),
    }),
  }),
);
export type PublicSettings = z.infer<ReturnType<typeof publicSettingsSchema>>;

/** The three ways an address can be checked (lib/target.ts `SiteTargets`). */
export const SiteTargetsSchema = z.object({
  domain: LookupTargetSchema,
  host: LookupTargetSchema,
  page: LookupTargetSchema,
});
export type SiteTargets = z.infer<typeof SiteTargetsSchema>;

const connectionSchema = () =>
  z.object({
    provider: ProviderSchema,
    account: z.nullable(AccountSchema),
    /** Human summary of what was found, e.g. "Backlinks access active". */
    summary: z.string(),
    cost: z.number(),
  });

const spendCheckSchema = () =>
  z.object({
    /** Today's spend of the whole account as DataForSEO reports it (its day, its time zone); null when not reported. */
    providerToday: z.nullable(z.number()),
    timezone: z.nullable(z.string()),
    /** The ledger's today (settled) and its unconfirmed charges of today. */
    today: z.number(),
    unconfirmedToday: z.number(),
    unconfirmedCount: z.number(),
    /** What the comparison says, in words. */
    summary: z.string(),
  });
export type SpendCheck = z.infer<ReturnType<typeof spendCheckSchema>>;
/** One part of a checkTab reply: a data reply of its own. */
function partSchema<M extends z.ZodMiniType>(model: M) {
  return z.nullable(
    z.union([
      z.object({ ok: z.literal(true), data: model, meta: ReplyMetaSchema }),
      z.object({ ok: z.literal(false), error: AppErrorSchema }),
    ]),
  );
}

const checkTabSchema = () =>
  z.object({
    site: SiteTargetsSchema,
    /** The scope last used for this site (domain when none). */
    scope: ScopeSchema,
    settings: SettingsSchema,
    /** Credentials of some provider are saved (else the popup shows the onboarding). */
    signedIn: z.boolean(),
    /** null when nothing was asked (not signed in). */
    profile: partSchema(ENDPOINT_SCHEMAS.profile.model),
    anchors: partSchema(ENDPOINT_SCHEMAS.anchors.model),
    /** On a miss whose profile arrived first: `anchors` is null, and this token asks for them (checkTabPart). */
    anchorsLater: z.optional(z.string()),
    /** What the popup's Refresh (profile + top anchors again) would cost. */
    refreshQuote: QuoteSchema,
    /** What the trend adds to a check when the settings include it (0 when they do not, or the provider is free). */
    trendQuote: QuoteSchema,
  });
export type CheckTab = z.infer<ReturnType<typeof checkTabSchema>>;

/** Each paid endpoint answers its row's model (`fromEntries` loses the per-endpoint pairing, hence the type). */
const DATA_REPLIES = Object.fromEntries(PAID_ENDPOINTS.map((e) => [e, () => ENDPOINT_SCHEMAS[e].model])) as {
  [E in PaidEndpoint]: () => (typeof ENDPOINT_SCHEMAS)[E]['model'];
};

/** The data each request type answers with (each built when first read). */
export const ReplyDataSchemas = lazyRecord({
  ...DATA_REPLIES,
  testConnection: connectionSchema,
  spend: spendSchema,
  history: () => z.array(HistoryEntrySchema),
  getSettings: publicSettingsSchema,
  saveSettings: publicSettingsSchema,
  saveCredentials: publicSettingsSchema,
  saveLogin: publicSettingsSchema,
  forgetCredentials: publicSettingsSchema,
  clearCache: spendSchema,
  checkSpend: spendCheckSchema,
  resolveUnconfirmed: spendSchema,
  resolveTarget: () => z.object({ site: SiteTargetsSchema }),
  scanLinks: () => reportSchemas().ScanSummarySchema,
  linksReport: () => reportSchemas().LinkReportSchema,
  bulkQuote: () => bulkSchemas().BulkQuoteSchema,
  bulkRun: () => bulkSchemas().BulkRunResultSchema,
  checkTab: checkTabSchema,
  checkTabPart: () => ENDPOINT_SCHEMAS.anchors.model,
} satisfies Record<RequestType, () => z.ZodMiniType>);

export type ReplyData<T extends RequestType> = z.infer<(typeof ReplyDataSchemas)[T]>;

export type Reply<T extends RequestType> =
  | { ok: true; data: ReplyData<T>; meta: ReplyMeta }
  | { ok: false; error: AppError };

function buildReplySchema<T extends RequestType>(type: T) {
  return z.union([
    z.object({ ok: z.literal(true), data: ReplyDataSchemas[type], meta: ReplyMetaSchema }),
    z.object({ ok: z.literal(false), error: AppErrorSchema }),
  ]);
}
const replySchemas = new Map<RequestType, ReturnType<typeof buildReplySchema>>();

/** What a reply to a request of this type must look like (built at the first reply of the type, then kept). */
export function replySchema<T extends RequestType>(type: T): ReturnType<typeof buildReplySchema<T>> {
  let schema = replySchemas.get(type);
  if (!schema) {
    schema = buildReplySchema(type);
    replySchemas.set(type, schema);
  }
  return schema as ReturnType<typeof buildReplySchema<T>>;
}

/** Requests that can spend money: the paid rows of the endpoint table. */
export const PAID_REQUESTS = PAID_ENDPOINTS satisfies readonly RequestType[];
