import { appError, type Outcome } from '@/lib/errors';
import { accountFingerprint, credentialsFor, loadCredentials } from '@/lib/credentials';
import type { BacklinksClient, EndpointCall } from '@/lib/dataforseo/api';
import { ENDPOINTS, type Endpoint, type EndpointModel, type EndpointParams, type PaidEndpoint } from '@/lib/dataforseo/endpoints';
import type { FetchMode } from '@/lib/messages';
import type { Credentials, Provider } from '@/lib/providers';
import { loadSettings } from '@/lib/settings/store';
import type { Settings } from '@/lib/settings/fields';
import { checkLookupTarget } from '@/lib/target';
import type { Budget } from './budget';
import type { Cache } from './cache';
import type { Inflight } from './inflight';
import { cacheKey } from './key';
import { formatMoney } from '@/lib/format';
import { t } from '@/lib/i18n';
import { sanitizeCost, type Ledger, type OpenReservation } from './ledger';
import { roundUsd } from './ledgerMath';
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
  /**
   * The job's `onAnswer`, not yet run: the caller runs it AFTER it has sent the reply (the history
   * line is not worth a delay, and losing it to a stopped worker costs nothing).
   */
  afterReply?: () => Promise<void>;
  /** The cache key of the answer, set with `afterReply` (so a caller can read the history before it writes). */
  key?: string;
}

/** One run of the paid-call pipeline. */
export interface PaidJob<E extends PaidEndpoint> {
  endpoint: E;
  params: EndpointParams<E>;
  mode: FetchMode;
  /** For every answer of a normal or refresh run, fresh or from the cache (e.g. the history line); run after the reply, see Answer.afterReply. */
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
  return provider === 'aisa' ? t('errNoCredsAisa') : t('errNoCredsDfs');
}

/** A check a stopped worker paid for whose answer never reached the cache: said once, bought again only on a click. */
export function answerLostMessage(charged: number, price: number): string {
  return t('errAnswerLost', formatMoney(charged), formatMoney(price));
}

export const notCachedMessage = (): string => t('errNotCached');

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
  const { now, estimateCost, cache, ledger, budget, inflight } = ctx;

  /**
   * Charges a stopped worker left open, by the cache key they were buying: read once per worker
   * (only a worker that has stopped can leave them, so the list only shrinks while this one lives).
   * A charge whose answer did reach the cache is settled from the cache's line on the way.
   */
  let suspects: Promise<Map<string, OpenReservation>> | null = null;
  function lostCharges(): Promise<Map<string, OpenReservation>> {
    suspects ??= reconcileFromCache().catch((e: unknown) => {
      console.error('Backlink Lens: could not read the charges a stopped worker left open', e);
      suspects = null;
      return new Map<string, OpenReservation>();
    });
    return suspects;
  }

  /** Settles the open charges of stopped workers whose answers are in the cache; the others, by key. */
  async function reconcileFromCache(): Promise<Map<string, OpenReservation>> {
    const byKey = new Map<string, OpenReservation>();
    for (const r of await ledger.unconfirmed()) {
      if (!r.key) continue;
      const trace = await cache.trace(r.key);
      if (trace && trace.reservation === r.id) {
        // The answer was stored with its cost, the settlement was not: settle it from the cache.
        await ledger.settle(r.id, trace.cost, { rows: trace.rows ?? 0, at: trace.fetchedAt });
      } else if (!trace || trace.fetchedAt < r.at) {
        byKey.set(r.key, r);
      }
    }
    return byKey;
  }

  /** A charge of a stopped worker for this very answer, still within the answer's lifetime. */
  async function lostCharge(key: string, ttlMs: number): Promise<OpenReservation | null> {
    const map = await lostCharges();
    const r = map.get(key);
    if (!r) return null;
    const trace = await cache.trace(key);
    if ((trace && trace.fetchedAt >= r.at) || now() - r.at >= ttlMs) {
      map.delete(key); // fetched again since, or it would have expired anyway
      return null;
    }
    return r;
  }

  /**
   * THE paid-call pipeline, used by every paid endpoint of the table:
   * target check → credentials → cache key → a stopped worker's lost answer? (by mode) → cache
   * (by mode) → in-flight dedupe → budget (reservation) → limiter → client → answer + reservation
   * in the cache → ledger settled → answer (its onAnswer runs after the reply: afterReply).
   */
  async function paidCall<E extends PaidEndpoint>(job: PaidJob<E>): Promise<Outcome<Answer<E>>> {
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

    // After the reply (the caller runs it): the history line is not worth a delay.
    const after = (answer: Answer<E>): Answer<E> => {
      const onAnswer = job.onAnswer;
      return onAnswer ? { ...answer, key, afterReply: () => onAnswer(answer, key) } : answer;
    };
    const price = () => (isFree(provider) ? 0 : estimateCost(job.endpoint, row.expectedRows(job.params)));

    const fetchFresh = async (): Promise<Outcome<Answer<E>>> => {
      const estimate = price();
      // Reserved in storage before the call: a worker stopped mid-call leaves an unconfirmed charge
      // that still counts against the budget. A storage that cannot take the line refuses the call.
      const reservation = await budget.reserve({
        estimate,
        dailyBudget: settings.dailyBudget,
        now: now(),
        meta: { provider, endpoint: job.endpoint, target: job.params.target.value, key },
      });
      if (!reservation.ok) return reservation;
      let settled = false;
      try {
        const client = ctx.clientFor(creds);
        const outcome = await ctx.limiterFor(provider, settings).run(() => callEndpoint(client, job.endpoint)(job.params));
        if (!outcome.ok) return outcome; // errors are never cached; a failed task is not charged
        const fetchedAt = now();
        const reported = isFree(provider) ? 0 : outcome.value.cost;
        // ---- ANSWER + LEDGER (the one place a paid call is recorded) ----------------------------
        // 1. The answer and the reservation it settles, with its cost, in ONE IndexedDB transaction.
        //    A worker stopped after it: the next one settles the ledger from this line (the cost is
        //    in it) and serves the answer from the cache; stopped before it: the open reservation
        //    says the answer was lost, and nothing is bought again without a click.
        let cached = false;
        try {
          await cache.set(
            key,
            {
              endpoint: job.endpoint,
              data: outcome.value.data,
              fetchedAt,
              cost: sanitizeCost(reported, estimate).cost,
              rows: outcome.value.rows,
              expiresAt: fetchedAt + ttlMs,
              reservation: reservation.value.id,
            },
            { ttlMs, now: fetchedAt },
          );
          cached = true;
        } catch (e) {
          console.error('Backlink Lens: could not cache an answer', e);
        }
        // 2. The ledger: the reservation replaced by the response's cost (a non-finite, negative or
        //    absurd cost is recorded as the estimate and flagged, ledger.ts). With the answer's line
        //    stored, that line already settles it after a stop: the ledger takes it in memory now
        //    (today's spend in the reply includes it) and writes it after the reply. Without the
        //    line, the ledger's write is the only record, and the reply waits for it.
        const settlement = await reservation.value.settle(reported, { rows: outcome.value.rows, at: fetchedAt }, { durable: !cached });
        settled = true;
        if (!settlement.ok) {
          // The answer is paid for: show it. The reservation stays counted at its estimate, and the
          // next paid call is refused until the ledger can be written again (reserve writes first).
          console.error('Backlink Lens: could not settle the cost of a call', settlement.message);
        }
        const cost = isFree(provider) ? 0 : settlement.ok ? settlement.cost : roundUsd(estimate);
        // ---- end ANSWER + LEDGER ----------------------------------------------------------------
        const answer: Answer<E> = { data: outcome.value.data, fetchedAt, fromCache: false, cost };
        // 3. The reply; 4. the history line, after it (afterReply).
        return { ok: true, value: after(answer) };
      } finally {
        if (!settled) reservation.value.release();
      }
    };

    // A stopped worker's charge for this answer, the answer never stored: say so, buy nothing.
    // Only the user's own "check again" (refresh) buys it again.
    if (job.mode !== 'refresh') {
      const lost = await lostCharge(key, ttlMs);
      if (lost) {
        return { ok: false, error: appError('answer-lost', answerLostMessage(lost.estimate, price()), true) };
      }
    } else {
      (await lostCharges()).delete(key);
    }

    if (job.mode === 'cacheOnly') {
      const hit = await fromCache();
      return hit ? { ok: true, value: hit } : { ok: false, error: appError('not-cached', notCachedMessage(), false) };
    }

    const work =
      job.mode === 'refresh'
        ? fetchFresh
        : async (): Promise<Outcome<Answer<E>>> => {
            const hit = await fromCache();
            if (hit) return { ok: true, value: after(hit) };
            return fetchFresh();
          };
    const { value, shared } = await inflight.run(`${job.mode}:${key}`, work);
    // A request that joined another one's call did not spend anything itself.
    if (shared && value.ok) {
      // Joined another request's call: it spent nothing itself, and the history line is written once.
      const { afterReply: _, key: _key, ...answer } = value.value;
      return { ok: true, value: answer.fromCache ? answer : { ...answer, cost: 0 } };
    }
    return value;
  }

  /** Forget what is known of stopped workers' charges (after the user resolved them): read again on the next call. */
  const forgetLostCharges = () => {
    suspects = null;
  };
  return Object.assign(paidCall, { forgetLostCharges });
}
