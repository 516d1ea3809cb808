import type { BacklinksClient } from '@/lib/dataforseo/api';
import { ENDPOINTS, type Endpoint } from '@/lib/dataforseo/endpoints';
import { appError } from '@/lib/errors';
import type { Reply, Request, RequestType } from '@/lib/messages';
import type { Credentials, Provider } from '@/lib/providers';
import { createBudget } from './budget';
import { createBulk } from './bulk';
import { createBulkStore } from './bulkStore';
import { createCache, type CacheOptions } from './cache';
import { createHistory } from './history';
import { createInflight } from './inflight';
import { createLedger } from './ledger';

import { createLimiter, type Clock, type Limiter } from './limiter';
import type { LinksService } from '@/lib/links/service';
import { createPaidPipeline } from './pipeline';
import { bulkHandlers } from './handlers/bulk';
import { connectionHandlers } from './handlers/connection';
import { createReplies, type HandlerContext, type Handlers, type RequestOf } from './handlers/context';
import { historyHandlers } from './handlers/history';
import { linksHandlers } from './handlers/links';
import { lookupHandlers } from './handlers/lookups';
import { settingsHandlers } from './handlers/settings';
import { loadCredentials } from '@/lib/credentials';
import { loadSettings } from '@/lib/settings/store';
import { spendHandlers } from './handlers/spend';

/**
 * Everything the worker answers, as one object with no browser-event wiring (lib/worker.ts adds
 * that): one handler per request type (`handlers` below, each from its group in ./handlers/); every
 * paid request goes through the one pipeline of ./pipeline.ts (target → credentials → a stopped
 * worker's lost answer → cache → in-flight dedupe → budget reservation → limiter → client → answer
 * cached with its reservation, then the ledger settled → reply → history after the reply). All state that
 * matters is in storage; what is held in memory (in-flight map, limiter counters, budget
 * reservations) matters only while the worker lives.
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

/** The service as the worker's entry holds it. */
export interface WorkerLookupService extends LookupService {
  /**
   * Called once as the worker starts: opens the cache database and reads the settings and
   * credentials (both held in memory, lib/storageMemo.ts) while the first message waits for the
   * script to finish, so a woken worker's first answer does not wait for them in turn. Reads only.
   */
  warm(): void;
}

/** Requests per minute DataForSEO allows one account. */
const DATAFORSEO_PER_MINUTE = 2000;

export function createLookupService(deps: LookupServiceDeps): WorkerLookupService {
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

  const { fail, succeed } = createReplies(ledger, now);

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

  const ctx: HandlerContext = {
    deps,
    now,
    estimateCost,
    cache,
    ledger,
    history,
    bulk,
    bulkStore,
    paidCall,
    limiterFor,
    afterReplies,
    runAfterReply,
    fail,
    succeed,
  };

  /** The one typed map: every request type's handler, from its group (a missing one fails to compile). */
  const handlers: Handlers = {
    ...lookupHandlers(ctx),
    ...connectionHandlers(ctx),
    ...spendHandlers(ctx),
    ...historyHandlers(ctx),
    ...settingsHandlers(ctx),
    ...linksHandlers(ctx),
    ...bulkHandlers(ctx),
  };

  /** The handler of one request type, typed by the map: no casts between request and reply. */
  function dispatch<K extends RequestType>(type: K, request: RequestOf<K>): Promise<Reply<K>> {
    const handler: Handlers[K] = handlers[type];
    return handler(request);
  }

  return {
    async handle<R extends Request>(request: R): Promise<Reply<R['type']>> {
      const type: R['type'] = request.type;
      // Requests arrive checked by parseRequest; a type without a handler is still answered.
      if (!Object.hasOwn(handlers, type)) {
        return fail(appError('internal', `Unknown request ${String(type)}.`, false));
      }
      // R is one member of the Request union, so it is the request of its own type.
      return dispatch(type, request as RequestOf<R['type']>);
    },
    warm() {
      const quiet = (e: unknown) => console.error('Backlink Lens: could not read ahead at start', e);
      void cache.warm().catch(quiet);
      void loadSettings().catch(quiet);
      void loadCredentials().catch(quiet);
    },
  };
}
