import { z } from 'zod/mini';
import { checkLookupTarget, parseTarget } from '../target';
import type { BacklinksClient, EndpointCall } from '../dataforseo/api';
import { estimateCost as defaultEstimateCost } from '../dataforseo/cost';
import { ENDPOINTS, type Endpoint, type EndpointModel, type EndpointParams, type PaidEndpoint } from '../dataforseo/endpoints';
import { appError, type AppError, type Outcome } from '../errors';
import { formatMoney } from '../format';
import {
  accountFingerprint,
  credentialsFor,
  forgetCredentials,
  loadCredentials,
  publicCredentials,
  storeCredentials,
} from '../credentials';
import type { Account } from '../model';
import type { FetchMode, PublicSettings, Reply, ReplyMeta, Request, RequestType, Spend } from '../messages';
import type { LookupTarget, ProfileParams } from '../params';
import type { Credentials, Provider } from '../providers';
import { loadSettings, saveSettings, type Settings } from '../settings';
import { issueSentence } from '../settingsCheck';
import { queryOptionsFrom } from '../defaults';
import { createBudget } from './budget';
import { createCache, type CacheOptions } from './cache';
import { createHistory } from './history';
import { createInflight } from './inflight';
import { cacheKey } from './key';
import { createLedger, roundUsd } from './ledger';
import { createLimiter, type Clock, type Limiter } from './limiter';

/**
 * Everything the worker answers, as one object with no browser-event wiring (lib/worker.ts adds
 * that). A paid request goes: credentials → cache → in-flight dedupe → budget → limiter → client →
 * ledger + cache + history written → reply. All state that matters is in storage; what is held in
 * memory (in-flight map, limiter counters, budget reservations) matters only while the worker lives.
 */
export interface LookupServiceDeps {
  /** Builds the API client for the credentials in use (tests pass a fake). */
  clientFor: (credentials: Credentials) => BacklinksClient;
  now?: () => number;
  estimateCost?: (endpoint: Endpoint, rows: number) => number;
  /** Limiter timing, for tests (fake clock, no jitter). */
  clock?: Clock;
  random?: () => number;
  cache?: CacheOptions;
}

export interface LookupService {
  handle<R extends Request>(request: R): Promise<Reply<R['type']>>;
}

/** A reply before it is matched to its request type: the handler map checks each one's data type. */
type Replied<D> = { ok: true; data: D; meta: ReplyMeta } | { ok: false; error: AppError };

type RequestOf<K extends RequestType> = Extract<Request, { type: K }>;

/** One handler per request type of the protocol (lib/messages.ts). */
type Handlers = { [K in RequestType]: (request: RequestOf<K>) => Promise<Reply<K>> };

/** One answer of a paid endpoint, fresh or from the cache. */
interface Answer<E extends PaidEndpoint> {
  data: EndpointModel<E>;
  fetchedAt: number;
  fromCache: boolean;
  cost: number;
}

/** One run of the paid-call pipeline. */
interface PaidJob<E extends PaidEndpoint> {
  endpoint: E;
  params: EndpointParams<E>;
  mode: FetchMode;
  /** Runs after every answer of a normal or refresh run, fresh or from the cache (e.g. the history line). */
  onAnswer?: (answer: Answer<E>, key: string) => Promise<void>;
}

/** The client's call for one paid endpoint (the client has one method per paid row of the table). */
function callEndpoint<E extends PaidEndpoint>(client: { [P in PaidEndpoint]: EndpointCall<P> }, endpoint: E): EndpointCall<E> {
  return client[endpoint];
}

/** Requests per minute DataForSEO allows one account. */
const DATAFORSEO_PER_MINUTE = 2000;

/** The domain a paid AIsa connection test checks. */
export const TEST_TARGET: LookupTarget = { scope: 'domain', value: 'dataforseo.com', display: 'dataforseo.com' };

/** The sandbox answers with sample data and charges nothing: its calls are ledgered at $0 and never hit the budget. */
const isFree = (provider: Provider) => provider === 'sandbox';


export function noCredentialsMessage(provider: Provider): string {
  const what = provider === 'aisa' ? 'an AIsa API key' : 'your DataForSEO API login and password';
  return `No credentials yet: add ${what} in Options (the extension’s settings page). Nothing was spent.`;
}

export const NOT_CACHED_MESSAGE =
  'This check is not in the cache (or it has expired). Nothing was spent; run the check to fetch it.';

/** "Backlinks access active until …" or the reason there is none, from the free account call. */
export function accessSummary(account: Account, now: number): string {
  const expiry = account.backlinksSubscriptionExpiry;
  if (!expiry) return 'No Backlinks subscription date reported (pay-as-you-go)';
  const t = Date.parse(expiry);
  const day = Number.isNaN(t) ? expiry : new Date(t).toISOString().slice(0, 10);
  if (!Number.isNaN(t) && t < now) return `Backlinks subscription ended on ${day}`;
  return `Backlinks access active until ${day}`;
}

export function createLookupService(deps: LookupServiceDeps): LookupService {
  const now = deps.now ?? (() => Date.now());
  const estimateCost = deps.estimateCost ?? defaultEstimateCost;
  const cache = createCache(deps.cache);
  const ledger = createLedger();
  const budget = createBudget(ledger);
  const history = createHistory();
  const inflight = createInflight();
  const limiters = new Map<Provider, Limiter>();
  let aisaPerMinute = 60;

  function limiterFor(provider: Provider): Limiter {
    let limiter = limiters.get(provider);
    if (!limiter) {
      limiter = createLimiter({
        maxConcurrent: 30,
        perMinute: () => (provider === 'aisa' ? aisaPerMinute : DATAFORSEO_PER_MINUTE),
        clock: deps.clock,
        random: deps.random,
      });
      limiters.set(provider, limiter);
    }
    return limiter;
  }

  async function meta(partial: Partial<ReplyMeta> = {}): Promise<ReplyMeta> {
    const t = now();
    const { today } = await ledger.totals(t);
    return { cost: 0, fetchedAt: t, fromCache: false, ...partial, spentToday: today };
  }

  const fail = (error: AppError): { ok: false; error: AppError } => ({ ok: false, error });

  async function succeed<D>(data: D, partial: Partial<ReplyMeta> = {}): Promise<{ ok: true; data: D; meta: ReplyMeta }> {
    return { ok: true, data, meta: await meta(partial) };
  }

  async function activeCredentials(settings: Settings): Promise<Credentials | null> {
    return credentialsFor(await loadCredentials(), settings.provider);
  }

  /**
   * THE paid-call pipeline, used by every paid endpoint of the table:
   * target check → credentials → cache key → cache (by mode) → in-flight dedupe → budget →
   * limiter → client → ledger → cache → onAnswer → answer.
   */
  async function paidCall<E extends PaidEndpoint>(job: PaidJob<E>): Promise<Outcome<Answer<E>>> {
    const row = ENDPOINTS[job.endpoint];
    // A target is re-checked here, whatever page sent it: nothing is spent on what the API would reject.
    const refusal = checkLookupTarget(job.params.target);
    if (refusal) return { ok: false, error: appError('unsupported-target', refusal.message, false) };
    const settings = await loadSettings();
    aisaPerMinute = settings.aisaPerMinute;
    const creds = await activeCredentials(settings);
    if (!creds) return { ok: false, error: appError('no-credentials', noCredentialsMessage(settings.provider), false) };
    const provider = creds.provider;
    const key = await cacheKey({
      provider,
      account: await accountFingerprint(creds),
      endpoint: job.endpoint,
      params: job.params,
    });
    const ttlMs = row.cacheTtlMs(settings);

    const fromCache = async (): Promise<Answer<E> | null> => {
      const hit = await cache.read(key, job.endpoint, { ttlMs, now: now() });
      return hit ? { data: hit.data, fetchedAt: hit.fetchedAt, fromCache: true, cost: 0 } : null;
    };

    const after = async (answer: Answer<E>) => {
      if (job.onAnswer) await job.onAnswer(answer, key);
    };

    const fetchFresh = async (): Promise<Outcome<Answer<E>>> => {
      const estimate = isFree(provider) ? 0 : estimateCost(job.endpoint, row.expectedRows(job.params));
      const reservation = await budget.reserve({ estimate, dailyBudget: settings.dailyBudget, now: now() });
      if (!reservation.ok) return reservation;
      try {
        const client = deps.clientFor(creds);
        const outcome = await limiterFor(provider).run(() => callEndpoint(client, job.endpoint)(job.params));
        if (!outcome.ok) return outcome; // errors are never cached
        const fetchedAt = now();
        const cost = isFree(provider) ? 0 : roundUsd(Math.max(0, outcome.value.cost));
        const answer: Answer<E> = { data: outcome.value.data, fetchedAt, fromCache: false, cost };
        // ---- LEDGER (the one place a paid call is recorded) ------------------------------------
        // Money first: the ledger must hold the cost before anything else can fail. A persistent
        // reserve-before / settle-after goes here (reserve above the client call, settle with `cost`).
        try {
          await ledger.record({
            at: fetchedAt,
            provider,
            endpoint: job.endpoint,
            target: job.params.target.value,
            cost,
            rows: outcome.value.rows,
          });
        } catch (e) {
          console.error('Backlink Lens: could not record the cost of a call', e);
        }
        // ---- end LEDGER -----------------------------------------------------------------------
        try {
          await cache.set(
            key,
            {
              endpoint: job.endpoint,
              data: answer.data,
              fetchedAt,
              cost,
              rows: outcome.value.rows,
              expiresAt: fetchedAt + ttlMs,
            },
            { ttlMs, now: fetchedAt },
          );
        } catch (e) {
          console.error('Backlink Lens: could not cache an answer', e);
        }
        await after(answer);
        return { ok: true, value: answer };
      } finally {
        reservation.value.release();
      }
    };

    if (job.mode === 'cacheOnly') {
      const hit = await fromCache();
      return hit ? { ok: true, value: hit } : { ok: false, error: appError('not-cached', NOT_CACHED_MESSAGE, false) };
    }

    const work =
      job.mode === 'refresh'
        ? fetchFresh
        : async (): Promise<Outcome<Answer<E>>> => {
            const hit = await fromCache();
            if (hit) {
              await after(hit);
              return { ok: true, value: hit };
            }
            return fetchFresh();
          };
    const { value, shared } = await inflight.run(`${job.mode}:${key}`, work);
    // A request that joined another one's call did not spend anything itself.
    if (shared && value.ok && !value.value.fromCache) return { ok: true, value: { ...value.value, cost: 0 } };
    return value;
  }

  /** A paid data request's reply. */
  async function paid<E extends PaidEndpoint>(job: PaidJob<E>): Promise<Replied<EndpointModel<E>>> {
    const outcome = await paidCall(job);
    if (!outcome.ok) return fail(outcome.error);
    const { data, fetchedAt, fromCache, cost } = outcome.value;
    return succeed(data, { cost, fetchedAt, fromCache });
  }

  /** A profile check the user made goes to the history (a connection test does not). */
  async function recordHistory(answer: Answer<'profile'>, params: ProfileParams, key: string): Promise<void> {
    const p = answer.data;
    try {
      await history.add({
        at: now(),
        target: params.target,
        scope: params.target.scope,
        rank: p.rank ?? null,
        backlinks: p.backlinks ?? null,
        referringDomains: p.referringDomains ?? null,
        key,
      });
    } catch (e) {
      console.error('Backlink Lens: could not write the history', e);
    }
  }

  async function publicSettings(): Promise<PublicSettings> {
    const [settings, stored] = await Promise.all([loadSettings(), loadCredentials()]);
    return { settings, credentials: publicCredentials(stored) };
  }

  async function spend(): Promise<Spend> {
    const t = now();
    const [totals, recent, settings, stats] = await Promise.all([
      ledger.totals(t),
      ledger.recent(),
      loadSettings(),
      cache.stats(),
    ]);
    return { today: totals.today, month: totals.month, dailyBudget: settings.dailyBudget, recent, cache: stats };
  }

  async function testConnection(confirmPaid: boolean): Promise<Reply<'testConnection'>> {
    const settings = await loadSettings();
    const creds = await activeCredentials(settings);
    if (!creds) return fail(appError('no-credentials', noCredentialsMessage(settings.provider), false));
    if (creds.provider === 'aisa') {
      const price = formatMoney(estimateCost('profile', 1));
      if (!confirmPaid) {
        return fail(
          appError(
            'invalid-request',
            `The AIsa gateway has no free check: testing the key makes one paid profile check of ${TEST_TARGET.display} (about ${price}). Confirm to run it.`,
            false,
          ),
        );
      }
      const outcome = await paidCall({
        endpoint: 'profile',
        params: { target: TEST_TARGET, options: queryOptionsFrom(settings) },
        mode: 'refresh',
      });
      if (!outcome.ok) return fail(outcome.error);
      const cost = outcome.value.cost;
      return succeed(
        {
          provider: 'aisa',
          account: null,
          summary: `The AIsa key works: a profile check of ${TEST_TARGET.display} answered and cost ${formatMoney(cost)}.`,
          cost,
        },
        { cost, fetchedAt: outcome.value.fetchedAt },
      );
    }
    const client = deps.clientFor(creds);
    const outcome = await limiterFor(creds.provider).run(() => client.account());
    if (!outcome.ok) return fail(outcome.error);
    return succeed({
      provider: creds.provider,
      account: outcome.value.data,
      summary: accessSummary(outcome.value.data, now()),
      cost: 0,
    });
  }

  const handlers: Handlers = {
    profile: (r) =>
      paid({ endpoint: 'profile', params: r.params, mode: r.mode, onAnswer: (answer, key) => recordHistory(answer, r.params, key) }),
    anchors: (r) => paid({ endpoint: 'anchors', params: r.params, mode: r.mode }),
    backlinks: (r) => paid({ endpoint: 'backlinks', params: r.params, mode: r.mode }),
    testConnection: (r) => testConnection(r.confirmPaid),
    spend: async () => succeed(await spend()),
    history: async () => {
      const settings = await loadSettings();
      const t = now();
      // History lines are profile checks: the profile row's lifetime says whether each is still cached.
      const ttlMs = ENDPOINTS.profile.cacheTtlMs(settings);
      const list = await history.list((key) => cache.has(key, { ttlMs, now: t }));
      return succeed(list);
    },
    getSettings: async () => succeed(await publicSettings()),
    saveSettings: async (r) => {
      try {
        await saveSettings(r.patch);
      } catch (e) {
        if (e instanceof z.core.$ZodError) {
          const named = e.issues.map((issue) => issueSentence(issue)).join(' ');
          return fail(appError('invalid-request', `These settings are not valid: ${named} Nothing was changed.`, false));
        }
        throw e;
      }
      return succeed(await publicSettings());
    },
    saveCredentials: async (r) => {
      const stored = await storeCredentials(r.credentials);
      // The provider in use follows the credentials just saved.
      const settings = await loadSettings();
      if (settings.provider !== stored.provider) await saveSettings({ provider: stored.provider });
      return succeed(await publicSettings());
    },
    saveLogin: async (r) => {
      const stored = await loadCredentials();
      if (!stored || stored.provider === 'aisa') {
        return fail(
          appError('invalid-request', 'No DataForSEO login and API password are saved yet: enter both to save them.', false),
        );
      }
      await storeCredentials({ ...stored, login: r.login });
      return succeed(await publicSettings());
    },
    forgetCredentials: async () => {
      await forgetCredentials();
      return succeed(await publicSettings());
    },
    clearCache: async () => {
      await cache.clear();
      return succeed(await spend());
    },
    resolveTarget: async (r) => {
      // Free: no credentials, no cache, no ledger entry. The Public Suffix List stays in the worker.
      const parsed = parseTarget(r.url);
      if (!parsed.ok) return fail(appError('unsupported-target', parsed.refusal.message, false));
      return succeed({ site: parsed.site });
    },
  };

  /** The handler of one request type, typed by the map: no casts between request and reply. */
  function dispatch<K extends RequestType>(type: K, request: RequestOf<K>): Promise<Reply<K>> {
    const handler: Handlers[K] = handlers[type];
    return handler(request);
  }

  return {
    async handle<R extends Request>(request: R): Promise<Reply<R['type']>> {
      const type: R['type'] = request.type;
      // Requests arrive checked against RequestSchema; a type without a handler is still answered.
      if (!Object.hasOwn(handlers, type)) {
        return fail(appError('internal', `Unknown request ${String(type)}.`, false));
      }
      // R is one member of the Request union, so it is the request of its own type.
      return dispatch(type, request as RequestOf<R['type']>);
    },
  };
}
