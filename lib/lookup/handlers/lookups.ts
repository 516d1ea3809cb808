/**
 * The lookup handlers: one per paid row of the endpoint table (each one call of the paid pipeline,
 * lib/lookup/pipeline.ts), the profile check that also reads the earlier figures and writes the
 * history, the popup's one round trip (checkTab) and the free target check (resolveTarget).
 */
import { parseTarget } from '@/lib/target';
import { ENDPOINTS, PAID_ENDPOINTS, type EndpointModel, type EndpointParams, type PaidEndpoint } from '@/lib/dataforseo/endpoints';
import { appError, type AppError } from '@/lib/errors';
import { loadCredentials, publicCredentials } from '@/lib/credentials';
import type { CheckTab, EarlierCheck, FetchMode, Quote, Reply } from '@/lib/messages';
import type { ProfileParams } from '@/lib/params.schema';
import type { Provider } from '@/lib/providers';
import { loadSettings } from '@/lib/settings/store';
import { popupParams, rememberedScope, trendEstimate } from '@/lib/lookup/checkTab';
import type { NewHistoryEntry } from '@/lib/lookup/history';
import { roundUsd } from '@/lib/lookup/ledgerMath';
import { isFree, type Answer, type PaidJob } from '@/lib/lookup/pipeline';
import type { HandlerContext, Handlers, Replied, RequestOf } from './context';

type LookupHandlers = Pick<Handlers, PaidEndpoint | 'checkTab' | 'checkTabPart' | 'resolveTarget'>;

/** How long a checkTab reply with a profile from the cache waits for the anchors before it lets them come later. */
export const ANCHORS_GRACE_MS = 50;
/** How long a reply a checkTab went without is kept for its page (which asks at once; a closed popup never does). */
export const LATER_KEEP_MS = 120_000;

const NOT_YET = Symbol('not yet');

/** `p`'s value if it settles within `ms` (0: only if it already has), else null. */
async function settledWithin<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wait = ms > 0 ? new Promise<typeof NOT_YET>((resolve) => (timer = setTimeout(() => resolve(NOT_YET), ms))) : Promise.resolve(NOT_YET);
  const first = await Promise.race([p, wait]);
  clearTimeout(timer);
  return first === NOT_YET ? null : (first as T);
}

/**
 * Replies still coming, each kept under a random token until its page takes it (once) or for
 * LATER_KEEP_MS. In memory only: a stopped worker has no call running, and its successor answers a
 * token it does not know with a normal request (the cache, or answer-lost).
 */
function laterReplies<T>() {
  const kept = new Map<string, { reply: Promise<T>; timer: ReturnType<typeof setTimeout> }>();
  return {
    put(reply: Promise<T>): string {
      const token = crypto.randomUUID();
      const timer = setTimeout(() => kept.delete(token), LATER_KEEP_MS);
      kept.set(token, { reply, timer });
      return token;
    },
    take(token: string): Promise<T> | null {
      const got = kept.get(token);
      if (!got) return null;
      kept.delete(token);
      clearTimeout(got.timer);
      return got.reply;
    },
  };
}

export function lookupHandlers(ctx: HandlerContext): LookupHandlers {
  const { now, estimateCost, history, paidCall, runAfterReply, fail, succeed } = ctx;
  const later = laterReplies<Reply<'anchors'>>();

  /**
   * The price of a call not made yet, quoted for the pages (they never price a call themselves):
   * the endpoint row's price for the rows the call asks for; nothing on a free provider.
   */
  function quote<E extends PaidEndpoint>(endpoint: E, params: EndpointParams<E>, provider: Provider): Quote {
    if (isFree(provider)) return { usd: 0, free: true };
    return { usd: estimateCost(endpoint, ENDPOINTS[endpoint].expectedRows(params)), free: false };
  }

  /**
   * An error a page answers with a paid button (not in the cache; an answer lost) carries the price
   * of that button: the same request asked again.
   */
  function withQuote<E extends PaidEndpoint>(error: AppError, job: Pick<PaidJob<E>, 'endpoint' | 'params'>, provider: Provider): AppError {
    return error.kind === 'not-cached' || error.kind === 'answer-lost' ? { ...error, quote: quote(job.endpoint, job.params, provider) } : error;
  }

  /** A paid data request's reply, with the price of asking the same again (refresh, next page). */
  async function paid<E extends PaidEndpoint>(job: PaidJob<E>): Promise<Replied<EndpointModel<E>>> {
    const [outcome, settings] = await Promise.all([paidCall(job), loadSettings()]);
    if (!outcome.ok) return fail(withQuote(outcome.error, job, settings.provider));
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
      trendQuote: isFree(settings.provider) ? { usd: 0, free: true } : { usd: trendEstimate(settings), free: false },
    };
    if (!base.signedIn) return succeed(base);
    const profileReply = handlers.profile({ type: 'profile', params: params.profile, mode: 'normal' });
    const anchorsReply = handlers.anchors({ type: 'anchors', params: params.anchors, mode: 'normal' });
    // Kept for later, maybe never taken: its failure is its taker's (the message handler answers it).
    anchorsReply.catch(() => undefined);
    const profile = await profileReply;
    // A profile from the API goes out as soon as it is there: anchors not there yet follow with a token
    // (checkTabPart). A profile from the cache waits a moment for the anchors, read from the cache at the
    // same time, so a hit stays one round trip.
    const anchors = await settledWithin(anchorsReply, profile.ok && profile.meta.fromCache ? ANCHORS_GRACE_MS : 0);
    const parts = anchors ? [profile, anchors] : [profile];
    const metas = parts.flatMap((r) => (r.ok ? [r.meta] : []));
    const cost = roundUsd(metas.reduce((sum, m) => sum + m.cost, 0));
    if (anchors) return succeed({ ...base, profile, anchors }, { cost });
    return succeed({ ...base, profile, anchors: null, anchorsLater: later.put(anchorsReply) }, { cost });
  }

  /**
   * The anchors a checkTab reply went without: that call's own reply; for a token unknown here (this
   * worker was started since), the same request checkTab made for the address, as a normal request.
   */
  async function checkTabPart(r: RequestOf<'checkTabPart'>): Promise<Reply<'checkTabPart'>> {
    const kept = later.take(r.token);
    if (kept) return kept;
    const parsed = parseTarget(r.url);
    if (!parsed.ok) return fail(appError('unsupported-target', parsed.refusal.message, false));
    const [settings, scope] = await Promise.all([loadSettings(), rememberedScope(parsed.site.domain.value)]);
    return handlers.anchors({ type: 'anchors', params: popupParams(parsed.site, scope, settings).anchors, mode: 'normal' });
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
    // The earlier figures go with the reply: the history is read while the pipeline runs (a cache-only
    // request has no history line, so it reads none).
    const earlierOf = mode === 'cacheOnly' ? null : history.earlierReader();
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
    if (!outcome.ok) return fail(withQuote(outcome.error, { endpoint: 'profile', params }, settings.provider));
    const { data, fetchedAt, fromCache, cost, afterReply, key } = outcome.value;
    // Read-only before the reply; the line itself is written after it (afterReply).
    const earlier = afterReply && key && earlierOf ? await earlierOf(historyEntry(outcome.value, params, key)) : null;
    const reply = await succeed(data, { cost, fetchedAt, fromCache, earlier, quote: quote('profile', params, settings.provider) });
    if (afterReply) runAfterReply(afterReply);
    return reply;
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

  const handlers: LookupHandlers = {
    ...paidHandlers,
    // A profile check the user made also goes to the history, and carries the earlier figures.
    profile: (r) => profileCheck(r.params, r.mode),
    checkTab: (r) => checkTab(r.url),
    checkTabPart,
    resolveTarget: async (r) => {
      // Free: no credentials, no cache, no ledger entry. The Public Suffix List stays in the worker.
      const parsed = parseTarget(r.url);
      if (!parsed.ok) return fail(appError('unsupported-target', parsed.refusal.message, false));
      return succeed({ site: parsed.site });
    },
  };
  return handlers;
}
