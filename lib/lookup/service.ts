import { z } from 'zod/mini';
import { checkLookupTarget, parseTarget } from '../target';
import type { ApiAnswer, BacklinksClient, Endpoint } from '../dataforseo/api';
import { estimateCost as defaultEstimateCost } from '../dataforseo/cost';
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
import type { FetchMode, PublicSettings, Reply, ReplyMeta, Request, Spend } from '../messages';
import type { AnchorsParams, BacklinksParams, LookupTarget, ProfileParams, QueryOptions } from '../params.schema';
import type { Credentials, Provider } from '../providers';
import { loadSettings, saveSettings } from '../settings/store';
import type { Settings } from '../settings/fields';
import { issueSentence } from '../settings/check';
import { queryOptionsFrom } from '../settings/query';
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

type AnyReply = { ok: true; data: unknown; meta: ReplyMeta } | { ok: false; error: AppError };

/** One answer of a paid endpoint, fresh or from the cache. */
interface Answer {
  data: unknown;
  fetchedAt: number;
  fromCache: boolean;
  cost: number;
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

const HOUR_MS = 3_600_000;

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

  const fail = (error: AppError): AnyReply => ({ ok: false, error });

  async function succeed(data: unknown, partial: Partial<ReplyMeta> = {}): Promise<AnyReply> {
    return { ok: true, data, meta: await meta(partial) };
  }

  async function activeCredentials(settings: Settings): Promise<Credentials | null> {
    return credentialsFor(await loadCredentials(), settings.provider);
  }

  function callClient(client: BacklinksClient, endpoint: 'profile' | 'anchors' | 'backlinks', params: unknown) {
    switch (endpoint) {
      case 'profile':
        return client.profile(params as ProfileParams) as Promise<Outcome<ApiAnswer<unknown>>>;
      case 'anchors':
        return client.anchors(params as AnchorsParams) as Promise<Outcome<ApiAnswer<unknown>>>;
      case 'backlinks':
        return client.backlinks(params as BacklinksParams) as Promise<Outcome<ApiAnswer<unknown>>>;
    }
  }

  interface LookupJob {
    endpoint: 'profile' | 'anchors' | 'backlinks';
    params: ProfileParams | AnchorsParams | BacklinksParams;
    mode: FetchMode;
    /** Profile checks the user made go to the history; a connection test does not. */
    recordHistory: boolean;
  }

  async function lookup(job: LookupJob): Promise<Outcome<Answer>> {
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
    const ttlMs = settings.cacheHours * HOUR_MS;

    const fromCache = async (): Promise<Answer | null> => {
      const hit = await cache.get(key, { ttlMs, now: now() });
      return hit ? { data: hit.data, fetchedAt: hit.fetchedAt, fromCache: true, cost: 0 } : null;
    };

    const remember = async (answer: Answer) => {
      if (job.endpoint !== 'profile' || !job.recordHistory) return;
      const p = answer.data as { rank?: number | null; backlinks?: number | null; referringDomains?: number | null };
      try {
        await history.add({
          at: now(),
          target: job.params.target,
          scope: job.params.target.scope,
          rank: p.rank ?? null,
          backlinks: p.backlinks ?? null,
          referringDomains: p.referringDomains ?? null,
          key,
        });
      } catch (e) {
        console.error('Backlink Lens: could not write the history', e);
      }
    };

    const fetchFresh = async (): Promise<Outcome<Answer>> => {
      const expectedRows = job.endpoint === 'profile' ? 1 : (job.params as AnchorsParams | BacklinksParams).limit;
      const estimate = isFree(provider) ? 0 : estimateCost(job.endpoint, expectedRows);
      const reservation = await budget.reserve({ estimate, dailyBudget: settings.dailyBudget, now: now() });
      if (!reservation.ok) return reservation;
      try {
        const client = deps.clientFor(creds);
        const outcome = await limiterFor(provider).run(() => callClient(client, job.endpoint, job.params));
        if (!outcome.ok) return outcome; // errors are never cached
        const fetchedAt = now();
        const cost = isFree(provider) ? 0 : roundUsd(Math.max(0, outcome.value.cost));
        const answer: Answer = { data: outcome.value.data, fetchedAt, fromCache: false, cost };
        // Money first: the ledger must hold the cost before anything else can fail.
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
        try {
          await cache.set(
            key,
            { endpoint: job.endpoint, data: answer.data, fetchedAt, cost, rows: outcome.value.rows },
            { ttlMs, now: fetchedAt },
          );
        } catch (e) {
          console.error('Backlink Lens: could not cache an answer', e);
        }
        await remember(answer);
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
        : async (): Promise<Outcome<Answer>> => {
            const hit = await fromCache();
            if (hit) {
              await remember(hit);
              return { ok: true, value: hit };
            }
            return fetchFresh();
          };
    const { value, shared } = await inflight.run(`${job.mode}:${key}`, work);
    // A request that joined another one's call did not spend anything itself.
    if (shared && value.ok && !value.value.fromCache) return { ok: true, value: { ...value.value, cost: 0 } };
    return value;
  }

  async function paid(job: LookupJob): Promise<AnyReply> {
    const outcome = await lookup(job);
    if (!outcome.ok) return fail(outcome.error);
    const { data, fetchedAt, fromCache, cost } = outcome.value;
    return succeed(data, { cost, fetchedAt, fromCache });
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

  async function testConnection(confirmPaid: boolean): Promise<AnyReply> {
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
      const outcome = await lookup({
        endpoint: 'profile',
        params: { target: TEST_TARGET, options: queryOptionsFrom(settings) },
        mode: 'refresh',
        recordHistory: false,
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

  async function dispatch(request: Request): Promise<AnyReply> {
    switch (request.type) {
      case 'profile':
        return paid({ endpoint: 'profile', params: request.params, mode: request.mode, recordHistory: true });
      case 'anchors':
        return paid({ endpoint: 'anchors', params: request.params, mode: request.mode, recordHistory: false });
      case 'backlinks':
        return paid({ endpoint: 'backlinks', params: request.params, mode: request.mode, recordHistory: false });
      case 'testConnection':
        return testConnection(request.confirmPaid);
      case 'spend':
        return succeed(await spend());
      case 'history': {
        const settings = await loadSettings();
        const t = now();
        const ttlMs = settings.cacheHours * HOUR_MS;
        const list = await history.list((key) => cache.has(key, { ttlMs, now: t }));
        return succeed(list);
      }
      case 'getSettings':
        return succeed(await publicSettings());
      case 'saveSettings': {
        try {
          await saveSettings(request.patch);
        } catch (e) {
          if (e instanceof z.core.$ZodError) {
            const named = e.issues.map((issue) => issueSentence(issue)).join(' ');
            return fail(appError('invalid-request', `These settings are not valid: ${named} Nothing was changed.`, false));
          }
          throw e;
        }
        return succeed(await publicSettings());
      }
      case 'saveCredentials': {
        const stored = await storeCredentials(request.credentials);
        // The provider in use follows the credentials just saved.
        const settings = await loadSettings();
        if (settings.provider !== stored.provider) await saveSettings({ provider: stored.provider });
        return succeed(await publicSettings());
      }
      case 'saveLogin': {
        const stored = await loadCredentials();
        if (!stored || stored.provider === 'aisa') {
          return fail(
            appError(
              'invalid-request',
              'No DataForSEO login and API password are saved yet: enter both to save them.',
              false,
            ),
          );
        }
        await storeCredentials({ ...stored, login: request.login });
        return succeed(await publicSettings());
      }
      case 'forgetCredentials':
        await forgetCredentials();
        return succeed(await publicSettings());
      case 'clearCache':
        await cache.clear();
        return succeed(await spend());
      case 'resolveTarget': {
        // Free: no credentials, no cache, no ledger entry. The Public Suffix List stays in the worker.
        const parsed = parseTarget(request.url);
        if (!parsed.ok) return fail(appError('unsupported-target', parsed.refusal.message, false));
        return succeed({ site: parsed.site });
      }
      default: {
        const unknown: never = request;
        return fail(appError('internal', `Unknown request ${String((unknown as { type?: unknown }).type)}.`, false));
      }
    }
  }

  return {
    async handle<R extends Request>(request: R): Promise<Reply<R['type']>> {
      return (await dispatch(request)) as Reply<R['type']>;
    },
  };
}
