import { appError, type Outcome } from '../errors';
import { accountFingerprint, credentialsFor, loadCredentials } from '../credentials';
import type { BacklinksClient, EndpointCall } from '../dataforseo/api';
import { ENDPOINTS, type Endpoint, type EndpointModel, type EndpointParams, type PaidEndpoint } from '../dataforseo/endpoints';
import type { FetchMode } from '../messages';
import type { Credentials, Provider } from '../providers';
import { loadSettings } from '../settings/store';
import type { Settings } from '../settings/fields';
import { checkLookupTarget } from '../target';
import type { Budget } from './budget';
import type { Cache } from './cache';
import type { Inflight } from './inflight';
import { cacheKey } from './key';
import { roundUsd, type Ledger } from './ledger';
import type { Limiter } from './limiter';

/**
 * The one paid-call pipeline every paid endpoint of the table goes through (lib/lookup/service.ts
 * builds it once with its stores).
 */

/** One answer of a paid endpoint, fresh or from the cache. */
export interface Answer<E extends PaidEndpoint> {
  data: EndpointModel<E>;
  fetchedAt: number;
  fromCache: boolean;
  cost: number;
}

/** One run of the paid-call pipeline. */
export interface PaidJob<E extends PaidEndpoint> {
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

/** The sandbox answers with sample data and charges nothing: its calls are ledgered at $0 and never hit the budget. */
export const isFree = (provider: Provider) => provider === 'sandbox';

/** The sentence for a check without credentials. */
export function noCredentialsMessage(provider: Provider): string {
  const what = provider === 'aisa' ? 'an AIsa API key' : 'your DataForSEO API login and password';
  return `No credentials yet: add ${what} in Options (the extension’s settings page). Nothing was spent.`;
}

export const NOT_CACHED_MESSAGE =
  'This check is not in the cache (or it has expired). Nothing was spent; run the check to fetch it.';

/** What the pipeline works with; the service owns these and shares them with its other handlers. */
export interface PipelineContext {
  clientFor: (credentials: Credentials) => BacklinksClient;
  now: () => number;
  estimateCost: (endpoint: Endpoint, rows: number) => number;
  cache: Cache;
  ledger: Ledger;
  budget: Budget;
  inflight: Inflight;
  /** The provider's limiter, its rate taken from the settings just loaded. */
  limiterFor: (provider: Provider, settings: Settings) => Limiter;
}

export function createPaidPipeline(ctx: PipelineContext) {
  const { now, estimateCost, cache, budget, inflight } = ctx;

  /**
   * THE paid-call pipeline, used by every paid endpoint of the table:
   * target check → credentials → cache key → cache (by mode) → in-flight dedupe → budget →
   * limiter → client → ledger → cache → onAnswer → answer.
   */
  return async function paidCall<E extends PaidEndpoint>(job: PaidJob<E>): Promise<Outcome<Answer<E>>> {
    const row = ENDPOINTS[job.endpoint];
    // A target is re-checked here, whatever page sent it: nothing is spent on what the API would reject.
    const refusal = checkLookupTarget(job.params.target);
    if (refusal) return { ok: false, error: appError('unsupported-target', refusal.message, false) };
    const settings = await loadSettings();
    const creds = credentialsFor(await loadCredentials(), settings.provider);
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
      // Reserved in storage before the call: a worker stopped mid-call leaves an unconfirmed charge
      // that still counts against the budget. A storage that cannot take the line refuses the call.
      const reservation = await budget.reserve({
        estimate,
        dailyBudget: settings.dailyBudget,
        now: now(),
        meta: { provider, endpoint: job.endpoint, target: job.params.target.value },
      });
      if (!reservation.ok) return reservation;
      let settled = false;
      try {
        const client = ctx.clientFor(creds);
        const outcome = await ctx.limiterFor(provider, settings).run(() => callEndpoint(client, job.endpoint)(job.params));
        if (!outcome.ok) return outcome; // errors are never cached; a failed task is not charged
        const fetchedAt = now();
        // ---- LEDGER (the one place a paid call is recorded) ------------------------------------
        // Money first: the reservation is settled with the response's cost before anything else.
        // A non-finite, negative or absurd cost is recorded as the estimate and flagged (ledger.ts).
        const settlement = await reservation.value.settle(isFree(provider) ? 0 : outcome.value.cost, {
          rows: outcome.value.rows,
          at: fetchedAt,
        });
        settled = true;
        if (!settlement.ok) {
          // The answer is paid for: show it. The reservation stays counted at its estimate, and the
          // next paid call is refused until the ledger can be written again (reserve writes first).
          console.error('Backlink Lens: could not settle the cost of a call', settlement.message);
        }
        const cost = isFree(provider) ? 0 : settlement.ok ? settlement.cost : roundUsd(estimate);
        // ---- end LEDGER -----------------------------------------------------------------------
        const answer: Answer<E> = { data: outcome.value.data, fetchedAt, fromCache: false, cost };
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
        if (!settled) reservation.value.release();
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
  };
}
