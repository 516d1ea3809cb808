import { z } from 'zod/mini';
import { parseTarget } from '@/lib/target';
import type { BacklinksClient } from '@/lib/dataforseo/api';
import { ENDPOINTS, PAID_ENDPOINTS, type Endpoint, type EndpointModel, type PaidEndpoint } from '@/lib/dataforseo/endpoints';
import { appError, type AppError } from '@/lib/errors';
import { formatMoney } from '@/lib/format';
import { t } from '@/lib/i18n';
import {
  credentialsFor,
  forgetCredentials,
  loadCredentials,
  publicCredentials,
  storeCredentials,
} from '@/lib/credentials';
import type { Account } from '@/lib/model';
import type { CheckTab, EarlierCheck, FetchMode, PublicSettings, Quote, Reply, ReplyMeta, Request, RequestType, Spend } from '@/lib/messages';
import type { LookupTarget, ProfileParams } from '@/lib/params.schema';
import type { Credentials, Provider } from '@/lib/providers';
import { loadSettings, saveSettings } from '@/lib/settings/store';
import type { Settings } from '@/lib/settings/fields';
import { issueSentence } from '@/lib/settings/check';
import { queryOptionsFrom } from '@/lib/settings/query';
import { createBudget } from './budget';
import { createBulk } from './bulk';
import { createBulkStore } from './bulkStore';
import { createCache, type CacheOptions } from './cache';
import { createHistory, type NewHistoryEntry } from './history';
import { createInflight } from './inflight';
import { createLedger } from './ledger';
import { roundUsd } from './ledgerMath';
import { compareSpend } from './reconcile';

export { spendCheckSentence } from './reconcile';
import { storageFailureMessage } from './budget';
import { createLimiter, type Clock, type Limiter } from './limiter';
import type { LinksService } from '@/lib/links/service';
import { createPaidPipeline, isFree, notCachedMessage, noCredentialsMessage, type Answer, type PaidJob } from './pipeline';
import { popupParams, rememberedScope } from './checkTab';
import type { EndpointParams } from '@/lib/dataforseo/endpoints';

export { notCachedMessage, noCredentialsMessage };

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
  /** This worker instance's name in the ledger (tests simulate a restarted worker with another). */
  session?: string;
  /** "Links on this page" (lib/links/service.ts); without it the two link requests answer an error. */
  links?: LinksService;
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
  if (!expiry) return t('errAccessNoDate');
  const at = Date.parse(expiry);
  const day = Number.isNaN(at) ? expiry : new Date(at).toISOString().slice(0, 10);
  if (!Number.isNaN(at) && at < now) return t('errAccessEnded', day);
  return t('errAccessUntil', day);
}

export function createLookupService(deps: LookupServiceDeps): LookupService {
  const now = deps.now ?? (() => Date.now());
  const estimateCost = deps.estimateCost ?? ((endpoint: Endpoint, rows: number) => ENDPOINTS[endpoint].price(rows));
  const cache = createCache(deps.cache);
  const ledger = createLedger({ session: deps.session });
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
    const at = now();
    const { today } = await ledger.totals(at);
    return { cost: 0, fetchedAt: at, fromCache: false, ...partial, spentToday: today };
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

  /** Work that runs after a reply has gone out (history lines); `history` waits for it. */
  const afterReplies = new Set<Promise<void>>();
  function runAfterReply(work: () => Promise<void>): void {
    // A timer fires after the reply: from here to the message's answer is synchronous work and promises.
    const done = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(work)
      .catch((e: unknown) => console.error('Backlink Lens: work after a reply failed', e))
      .finally(() => afterReplies.delete(done));
    afterReplies.add(done);
  }
  const bulkStore = createBulkStore();
  const bulk = createBulk({
    clientFor: deps.clientFor,
    now,
    ledger,
    budget,
    store: bulkStore,
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
    const { data, fetchedAt, fromCache, cost, afterReply } = outcome.value;
    const reply = await succeed(data, { cost, fetchedAt, fromCache, quote: quote(job.endpoint, job.params, settings.provider) });
    if (afterReply) runAfterReply(afterReply);
    return reply;
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

  /**
   * A profile check the user made goes to the history (a connection test does not); returns the
   * earlier check of the same target and scope whose figures differ (null: none).
   */
  function historyEntry(answer: Answer<'profile'>, params: ProfileParams, key: string): NewHistoryEntry {
    const p = answer.data;
    return {
      at: now(),
      fetchedAt: answer.fetchedAt,
      target: params.target,
      scope: params.target.scope,
      rank: p.rank ?? null,
      backlinks: p.backlinks ?? null,
      referringDomains: p.referringDomains ?? null,
      key,
      options: params.options,
    };
  }

  async function recordHistory(answer: Answer<'profile'>, params: ProfileParams, key: string): Promise<EarlierCheck | null> {
    try {
      const added = await history.add(historyEntry(answer, params, key));
      return added.ok ? (added.earlier ?? null) : null;
    } catch (e) {
      console.error('Backlink Lens: could not write the history', e);
      return null;
    }
  }


  /** A profile check: the paid pipeline, the earlier figures with the reply, the history line after it. */
  async function profileCheck(params: ProfileParams, mode: FetchMode): Promise<Replied<EndpointModel<'profile'>>> {
    const [outcome, settings] = await Promise.all([
      paidCall({
        endpoint: 'profile',
        params,
        mode,
        onAnswer: async (answer, key) => {
          await recordHistory(answer, params, key);
        },
      }),
      loadSettings(),
    ]);
    if (!outcome.ok) return fail(outcome.error);
    const { data, fetchedAt, fromCache, cost, afterReply, key } = outcome.value;
    // Read-only before the reply; the line itself is written after it (afterReply).
    const earlier = afterReply && key ? await history.earlierFor(historyEntry(outcome.value, params, key)) : null;
    const reply = await succeed(data, { cost, fetchedAt, fromCache, earlier, quote: quote('profile', params, settings.provider) });
    if (afterReply) runAfterReply(afterReply);
    return reply;
  }

  /** A credentials write; a failed one (storage full, …) answers an error: nothing was changed (one write). */
  async function savingCredentials(write: () => Promise<unknown>): Promise<{ ok: false; error: AppError } | null> {
    try {
      await write();
      return null;
    } catch (e) {
      console.error('Backlink Lens: could not save the credentials', e);
      const full = /quota|full|space|exceed/i.test(e instanceof Error ? e.message : String(e));
      return fail(
        appError(
          'internal',
          full ? t('errCredsStorageFull') : t('errCredsNotSaved'),
          true,
        ),
      );
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
    const at = now();
    const [summary, recent, settings, stats] = await Promise.all([
      ledger.summary(at),
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

  /** Today's spend as DataForSEO reports it next to the ledger's (./reconcile.ts). */
  async function checkSpend(): Promise<Reply<'checkSpend'>> {
    const settings = await loadSettings();
    const creds = await activeCredentials(settings);
    if (!creds) return fail(appError('no-credentials', noCredentialsMessage(settings.provider), false));
    const outcome = await compareSpend({
      provider: creds.provider,
      ledger,
      now: now(),
      account: () => limiterFor(creds.provider).run(() => deps.clientFor(creds).account()),
    });
    return outcome.ok ? succeed(outcome.value) : fail(outcome.error);
  }

  async function testConnection(confirmPaid: boolean): Promise<Reply<'testConnection'>> {
    const settings = await loadSettings();
    const creds = await activeCredentials(settings);
    if (!creds) return fail(appError('no-credentials', noCredentialsMessage(settings.provider), false));
    if (creds.provider === 'aisa') {
      const price = formatMoney(estimateCost('profile', 1));
      if (!confirmPaid) {
        return fail(
          appError('invalid-request', t('errAisaPaidTest', TEST_TARGET.display, price), false),
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
          summary: t('errAisaKeyWorks', TEST_TARGET.display, formatMoney(cost)),
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

  /** One handler per paid row of the endpoint table: its request through the paid pipeline. */
  function paidHandler<E extends PaidEndpoint>(endpoint: E) {
    return (r: Pick<PaidJob<E>, 'params' | 'mode'>): Promise<Replied<EndpointModel<E>>> =>
      paid({ endpoint, params: r.params, mode: r.mode });
  }
  // `fromEntries` loses the per-endpoint pairing that paidHandler keeps, hence the type.
  const paidHandlers = Object.fromEntries(PAID_ENDPOINTS.map((e) => [e, paidHandler(e)])) as unknown as {
    [K in PaidEndpoint]: (request: RequestOf<K>) => Promise<Replied<EndpointModel<K>>>;
  };

  const handlers: Handlers = {
    ...paidHandlers,
    // A profile check the user made also goes to the history, and carries the earlier figures.
    profile: (r) => profileCheck(r.params, r.mode),
    testConnection: (r) => testConnection(r.confirmPaid),
    spend: async () => succeed(await spend()),
    history: async () => {
      await Promise.all([...afterReplies]);
      const settings = await loadSettings();
      const at = now();
      // History lines are profile checks: the profile row's lifetime says whether each is still cached.
      const ttlMs = ENDPOINTS.profile.cacheTtlMs(settings);
      const list = await history.list((key) => cache.has(key, { ttlMs, now: at }));
      return succeed(list);
    },
    getSettings: async () => succeed(await publicSettings()),
    saveSettings: async (r) => {
      try {
        await saveSettings(r.patch);
      } catch (e) {
        if (e instanceof z.core.$ZodError) {
          const named = e.issues.map((issue) => issueSentence(issue)).join(' ');
          return fail(appError('invalid-request', t('errSettingsInvalid', named), false));
        }
        throw e;
      }
      return succeed(await publicSettings());
    },
    saveCredentials: async (r) => {
      // The provider in use follows the credentials just saved, in the same storage write.
      const saved = await savingCredentials(() => storeCredentials(r.credentials, { useProvider: r.credentials.provider }));
      return saved ?? succeed(await publicSettings());
    },
    saveLogin: async (r) => {
      const stored = await loadCredentials();
      if (!stored || stored.provider === 'aisa') {
        return fail(
          appError('invalid-request', t('errNoLoginSaved'), false),
        );
      }
      const provider = r.provider ?? stored.provider;
      // The provider in use follows the saved credentials, in the same write, as for saveCredentials.
      const saved = await savingCredentials(() => storeCredentials({ ...stored, provider, login: r.login }, { useProvider: provider }));
      return saved ?? succeed(await publicSettings());
    },
    forgetCredentials: async () => {
      await forgetCredentials();
      return succeed(await publicSettings());
    },
    checkSpend: () => checkSpend(),
    resolveUnconfirmed: async (r) => {
      const done = await ledger.resolveUnconfirmed(r.charged);
      paidCall.forgetLostCharges();
      if (!done.ok) {
        return fail(appError('internal', storageFailureMessage(done.reason), true));
      }
      return succeed(await spend());
    },
    clearCache: async () => {
      await Promise.all([cache.clear(), bulkStore.clear()]);
      return succeed(await spend());
    },
    scanLinks: async (r) => {
      if (!deps.links) return fail(appError('internal', t('errLinksUnavailable'), false));
      const got = await deps.links.scan(r.tabId);
      return got.ok ? succeed(got.value) : fail(got.error);
    },
    linksReport: async (r) => {
      if (!deps.links) return fail(appError('internal', t('errLinksUnavailable'), false));
      const got = await deps.links.report(r.tabId);
      return got.ok ? succeed(got.value) : fail(got.error);
    },
    checkTab: (r) => checkTab(r.url),
    resolveTarget: async (r) => {
      // Free: no credentials, no cache, no ledger entry. The Public Suffix List stays in the worker.
      const parsed = parseTarget(r.url);
      if (!parsed.ok) return fail(appError('unsupported-target', parsed.refusal.message, false));
      return succeed({ site: parsed.site });
    },
    bulkQuote: async (r) => {
      const outcome = await bulk.quote(r.targets, r.metrics);
      return outcome.ok ? succeed(outcome.value) : fail(outcome.error);
    },
    bulkRun: async (r) => {
      const outcome = await bulk.run(r.targets, r.metrics, r.maxPriceUsd);
      if (!outcome.ok) return fail(outcome.error);
      return succeed(outcome.value, { cost: outcome.value.spentUsd, fromCache: outcome.value.calls === 0 });
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
