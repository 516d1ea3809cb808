import { z } from 'zod/mini';
import { parseTarget } from '../target';
import type { BacklinksClient } from '../dataforseo/api';
import { ENDPOINTS, type Endpoint, type EndpointModel, type PaidEndpoint } from '../dataforseo/endpoints';
import { appError, type AppError } from '../errors';
import { formatMoney } from '../format';
import {
  credentialsFor,
  forgetCredentials,
  loadCredentials,
  publicCredentials,
  storeCredentials,
} from '../credentials';
import type { Account } from '../model';
import type { CheckTab, PublicSettings, Quote, Reply, ReplyMeta, Request, RequestType, Spend } from '../messages';
import type { LookupTarget, ProfileParams } from '../params.schema';
import type { Credentials, Provider } from '../providers';
import { loadSettings, saveSettings } from '../settings/store';
import type { Settings } from '../settings/fields';
import { issueSentence } from '../settings/check';
import { queryOptionsFrom } from '../settings/query';
import { createBudget } from './budget';
import { createCache, type CacheOptions } from './cache';
import { createHistory } from './history';
import { createInflight } from './inflight';
import { createLedger, roundUsd } from './ledger';
import { createLimiter, type Clock, type Limiter } from './limiter';
import { createPaidPipeline, isFree, NOT_CACHED_MESSAGE, noCredentialsMessage, type Answer, type PaidJob } from './pipeline';
import { popupParams, rememberedScope } from './checkTab';
import type { EndpointParams } from '../dataforseo/endpoints';

export { NOT_CACHED_MESSAGE, noCredentialsMessage };

/**
 * Everything the worker answers, as one object with no browser-event wiring (lib/worker.ts adds
 * that): one handler per request type (`handlers` below); every paid request goes through the one
 * pipeline of ./pipeline.ts (credentials → cache → in-flight dedupe → budget → limiter → client →
 * ledger + cache + history written → reply). All state that matters is in storage; what is held in
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

/** Requests per minute DataForSEO allows one account. */
const DATAFORSEO_PER_MINUTE = 2000;

/** The domain a paid AIsa connection test checks. */
export const TEST_TARGET: LookupTarget = { scope: 'domain', value: 'dataforseo.com', display: 'dataforseo.com' };

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
  const estimateCost = deps.estimateCost ?? ((endpoint: Endpoint, rows: number) => ENDPOINTS[endpoint].price(rows));
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

  const paidCall = createPaidPipeline({
    clientFor: deps.clientFor,
    now,
    estimateCost,
    cache,
    ledger,
    budget,
    inflight,
    limiterFor: (provider, settings) => {
      aisaPerMinute = settings.aisaPerMinute;
      return limiterFor(provider);
    },
  });

  /**
   * The price of a call not made yet, quoted for the pages (they never price a call themselves):
   * the endpoint row's price for the rows the call asks for; nothing on a free provider.
   */
  function quote<E extends PaidEndpoint>(endpoint: E, params: EndpointParams<E>, provider: Provider): Quote {
    if (isFree(provider)) return { usd: 0, free: true };
    return { usd: estimateCost(endpoint, ENDPOINTS[endpoint].expectedRows(params)), free: false };
  }

  /** A paid data request's reply, with the price of asking the same again (refresh, next page). */
  async function paid<E extends PaidEndpoint>(job: PaidJob<E>): Promise<Replied<EndpointModel<E>>> {
    const [outcome, settings] = await Promise.all([paidCall(job), loadSettings()]);
    if (!outcome.ok) return fail(outcome.error);
    const { data, fetchedAt, fromCache, cost } = outcome.value;
    return succeed(data, { cost, fetchedAt, fromCache, quote: quote(job.endpoint, job.params, settings.provider) });
  }

  /**
   * The popup's one round trip: targets, settings, remembered scope and the profile + top anchors
   * (cached, or both paid calls started at once through the pipeline).
   */
  async function checkTab(url: string): Promise<Reply<'checkTab'>> {
    const parsed = parseTarget(url);
    if (!parsed.ok) return fail(appError('unsupported-target', parsed.refusal.message, false));
    const site = parsed.site;
    const [settings, stored, scope] = await Promise.all([loadSettings(), loadCredentials(), rememberedScope(site.domain.value)]);
    const params = popupParams(site, scope, settings);
    const pq = quote('profile', params.profile, settings.provider);
    const aq = quote('anchors', params.anchors, settings.provider);
    const base: CheckTab = {
      site,
      scope,
      settings,
      signedIn: publicCredentials(stored).present,
      profile: null,
      anchors: null,
      refreshQuote: { usd: roundUsd(pq.usd + aq.usd), free: pq.free && aq.free },
    };
    if (!base.signedIn) return succeed(base);
    const [profile, anchors] = await Promise.all([
      handlers.profile({ type: 'profile', params: params.profile, mode: 'normal' }),
      handlers.anchors({ type: 'anchors', params: params.anchors, mode: 'normal' }),
    ]);
    const metas = [profile, anchors].flatMap((r) => (r.ok ? [r.meta] : []));
    const cost = roundUsd(metas.reduce((sum, m) => sum + m.cost, 0));
    return succeed({ ...base, profile, anchors }, { cost });
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
    const free = isFree(settings.provider);
    const price = (e: PaidEndpoint, rows: number) => (free ? 0 : estimateCost(e, rows));
    const quotes = {
      free,
      profile: estimateCost('profile', 1),
      anchorsPage: price('anchors', settings.anchorsPageSize),
      backlinksPage: price('backlinks', settings.backlinksPageSize),
      backlinks100: estimateCost('backlinks', 100),
      backlinks1000: estimateCost('backlinks', 1000),
    };
    return { settings, credentials: publicCredentials(stored), quotes };
  }

  async function spend(): Promise<Spend> {
    const t = now();
    const [summary, recent, settings, stats] = await Promise.all([
      ledger.summary(t),
      ledger.recent(),
      loadSettings(),
      cache.stats(),
    ]);
    return {
      today: summary.today,
      month: summary.month,
      dailyBudget: settings.dailyBudget,
      recent,
      cache: stats,
      unconfirmed: summary.unconfirmed,
      unconfirmedCount: summary.unconfirmedCount,
      flaggedCount: summary.flaggedCount,
      droppedCount: summary.droppedCount,
      writeFailure: summary.writeFailure,
    };
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
      paid({
        endpoint: 'profile',
        params: r.params,
        mode: r.mode,
        // The reply does not wait for the history line (history.list waits for lines being written).
        onAnswer: async (answer, key) => void recordHistory(answer, r.params, key),
      }),
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
      const provider = r.provider ?? stored.provider;
      await storeCredentials({ ...stored, provider, login: r.login });
      // The provider in use follows the saved credentials, as for saveCredentials.
      const settings = await loadSettings();
      if (settings.provider !== provider) await saveSettings({ provider });
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
    checkTab: (r) => checkTab(r.url),
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
