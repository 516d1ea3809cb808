import { z } from 'zod/mini';
import { PAID_ENDPOINTS, type PaidEndpoint } from './dataforseo/endpoints';
import { PARAMS_SCHEMAS } from './dataforseo/endpoints.schema';
import { SettingsSchema } from './settings/settings.schema';
import { MAX_RESOLVE_URL } from './defaults';
import { bulkSchemas } from './bulk.schema';
import { lazy, lazyRecord } from './lazy';

/**
 * The requests of the protocol (lib/messages.ts has the replies and re-exports all of this): one schema
 * per request `type`, built the first time a message of that type arrives (lib/lazy.ts), and
 * `parseRequest`, which checks a message against its own type's schema only. Worker only; pages import
 * the types through lib/messages.ts.
 */

/** normal: cache if fresh, else call. refresh: call and replace the cache. cacheOnly: never call. */
export const FetchModeSchema = z.enum(['normal', 'refresh', 'cacheOnly']);
export type FetchMode = z.infer<typeof FetchModeSchema>;

/** A data request of one paid endpoint: `{ type: <endpoint>, params, mode }` (params from the endpoint table). */
function dataRequest<E extends PaidEndpoint>(type: E) {
  return z.object({ type: z.literal(type), params: PARAMS_SCHEMAS[type], mode: FetchModeSchema });
}

/** One data request per paid row of the endpoint table (`fromEntries` loses the per-endpoint pairing, hence the type). */
const DATA_REQUESTS = Object.fromEntries(PAID_ENDPOINTS.map((e) => [e, () => dataRequest(e)])) as {
  [E in PaidEndpoint]: () => z.ZodMiniObject<{ type: z.ZodMiniLiteral<E>; params: (typeof PARAMS_SCHEMAS)[E]; mode: typeof FetchModeSchema }>;
};

const login = () => z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
const tabId = () => z.number().check(z.int(), z.minimum(0));

/** Each request type's schema, keyed by its `type` (built when a request of that type first arrives). */
const REQUESTS = lazyRecord({
  /** Free appendix/user_data for DataForSEO and sandbox; AIsa has no free call, so a paid check needs confirmPaid. */
  testConnection: () => z.object({ type: z.literal('testConnection'), confirmPaid: z.boolean() }),
  spend: () => z.object({ type: z.literal('spend') }),
  history: () => z.object({ type: z.literal('history') }),
  getSettings: () => z.object({ type: z.literal('getSettings') }),
  saveSettings: () => z.object({ type: z.literal('saveSettings'), patch: z.partial(SettingsSchema) }),
  saveCredentials: () =>
    z.object({
      type: z.literal('saveCredentials'),
      credentials: z.discriminatedUnion('provider', [
        z.object({ provider: z.enum(['dataforseo', 'sandbox']), login: login(), password: z.string().check(z.minLength(1), z.maxLength(200)) }),
        z.object({ provider: z.literal('aisa'), key: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)) }),
      ]),
    }),
  /**
   * Change the login of the saved DataForSEO/sandbox credentials and keep the saved API password
   * (the page never has it, so "leave the password empty" needs this). Refused when the saved
   * credentials are not a login + password.
   */
  saveLogin: () =>
    z.object({
      type: z.literal('saveLogin'),
      login: login(),
      /** DataForSEO and its sandbox share login and API password: switch the saved ones (and the provider in use) to this one. */
      provider: z.optional(z.enum(['dataforseo', 'sandbox'])),
    }),
  forgetCredentials: () => z.object({ type: z.literal('forgetCredentials') }),
  clearCache: () => z.object({ type: z.literal('clearCache') }),
  /** Free (appendix/user_data): today's spend as DataForSEO reports it, next to the ledger's, unconfirmed charges included. */
  checkSpend: () => z.object({ type: z.literal('checkSpend') }),
  /** The user's word on the unconfirmed charges: charged (settled at their estimate) or not (dropped). */
  resolveUnconfirmed: () => z.object({ type: z.literal('resolveUnconfirmed'), charged: z.boolean() }),
  /**
   * A tab or link address → the site's domain, host and page targets (lib/target.ts, which needs
   * the Public Suffix List and so lives only in the worker). Free and never cached; needs no
   * credentials. A refused address answers an `unsupported-target` error with the sentence to show.
   */
  resolveTarget: () => z.object({ type: z.literal('resolveTarget'), url: z.string().check(z.maxLength(MAX_RESOLVE_URL)) }),
  /**
   * "Links on this page" (free): inject the link scan into the tab (the popup's button; the
   * context menu item does the same in the worker) and keep its checked report for the side panel.
   */
  scanLinks: () => z.object({ type: z.literal('scanLinks'), tabId: tabId() }),
  /** The side panel asks for the checked link report of its tab (free, never calls the API). */
  linksReport: () => z.object({ type: z.literal('linksReport'), tabId: tabId() }),
  /** Many targets at once (lib/bulk.ts): a free quote, and the paid run the user confirmed. */
  bulkQuote: () => bulkSchemas().BulkQuoteRequestSchema,
  bulkRun: () => bulkSchemas().BulkRunRequestSchema,
  /**
   * The popup's one request when it opens: the tab address read as targets, the settings, the
   * scope last used for the site, and the profile + top anchors of that target (from the cache,
   * or, on a miss, both paid calls started at once). Refused addresses answer like resolveTarget.
   */
  checkTab: () => z.object({ type: z.literal('checkTab'), url: z.string().check(z.maxLength(MAX_RESOLVE_URL)) }),
  /**
   * The top anchors a checkTab reply went out without (`anchorsLater`: its profile came first, the
   * anchors' call still running): the answer of that same call, never a second one. A token this
   * worker does not know (it was stopped since) asks the same anchors as checkTab did for `url`, as a
   * normal request: from the cache, or `answer-lost` when the stopped worker had paid for them.
   */
  checkTabPart: () =>
    z.object({ type: z.literal('checkTabPart'), token: z.string().check(z.minLength(1), z.maxLength(100)), url: z.string().check(z.maxLength(MAX_RESOLVE_URL)) }),
  // Last: one data request per paid row of the endpoint table.
  ...DATA_REQUESTS,
} satisfies Record<string, () => z.ZodMiniObject<{ type: z.ZodMiniLiteral<string> }>>);
type RequestSchemas = typeof REQUESTS;
export type RequestType = keyof RequestSchemas;
export type Request = { [K in RequestType]: z.infer<RequestSchemas[K]> }[RequestType];

/** Every request type (the keys of the table above). */
export const REQUEST_TYPES = Object.keys(REQUESTS) as RequestType[];

type ParseResult = ReturnType<z.ZodMiniType<Request>['safeParse']>;

/** What a message whose `type` is none of ours is checked against (so its refusal names the field). */
const knownType = lazy(() => z.object({ type: z.enum(REQUEST_TYPES as [RequestType, ...RequestType[]]) }));

/**
 * A message as it arrived → the request it is, or why it is out of contract. Only the schema of the
 * message's own type is built and run (the same issues a discriminated union over all of them gives).
 */
export function parseRequest(message: unknown): ParseResult {
  const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
  if (typeof type === 'string' && Object.hasOwn(REQUESTS, type)) {
    return (REQUESTS[type as RequestType] as z.ZodMiniType<Request>).safeParse(message);
  }
  return knownType().safeParse(message) as ParseResult;
}
