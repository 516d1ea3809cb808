/**
 * What the worker's handler groups (the other modules of this folder) share: the typed shape of the
 * handler map and of a reply, the reply helpers, and the context lib/lookup/service.ts builds once
 * per worker (stores, the paid pipeline, the limiters, the work that runs after a reply).
 */
import type { BacklinksClient } from '@/lib/dataforseo/api';
import type { Endpoint } from '@/lib/dataforseo/endpoints';
import type { AppError } from '@/lib/errors';
import { credentialsFor, loadCredentials } from '@/lib/credentials';
import type { LinksService } from '@/lib/links/service';
import type { Reply, ReplyMeta, Request, RequestType } from '@/lib/messages';
import type { Credentials, Provider } from '@/lib/providers';
import type { Settings } from '@/lib/settings/fields';
import type { createBulk } from '@/lib/lookup/bulk';
import type { BulkStore } from '@/lib/lookup/bulkStore';
import type { Cache } from '@/lib/lookup/cache';
import type { History } from '@/lib/lookup/history';
import type { Ledger } from '@/lib/lookup/ledger';
import type { Limiter } from '@/lib/lookup/limiter';
import type { createPaidPipeline } from '@/lib/lookup/pipeline';

/** A reply before it is matched to its request type: the handler map checks each one's data type. */
export type Replied<D> = { ok: true; data: D; meta: ReplyMeta } | { ok: false; error: AppError };

export type RequestOf<K extends RequestType> = Extract<Request, { type: K }>;

/** One handler per request type of the protocol (lib/messages.ts). */
export type Handlers = { [K in RequestType]: (request: RequestOf<K>) => Promise<Reply<K>> };

export interface HandlerContext {
  /** The service's dependencies, read when a request is handled (as lib/lookup/service.ts gets them). */
  deps: {
    readonly clientFor: (credentials: Credentials) => BacklinksClient;
    readonly links?: LinksService;
  };
  now: () => number;
  estimateCost: (endpoint: Endpoint, rows: number) => number;
  cache: Cache;
  ledger: Ledger;
  history: History;
  bulk: ReturnType<typeof createBulk>;
  bulkStore: BulkStore;
  paidCall: ReturnType<typeof createPaidPipeline>;
  limiterFor: (provider: Provider) => Limiter;
  /** Work that runs after a reply has gone out (history lines); `history` waits for it. */
  afterReplies: Set<Promise<void>>;
  runAfterReply: (work: () => Promise<void>) => void;
  fail: (error: AppError) => { ok: false; error: AppError };
  succeed: <D>(data: D, partial?: Partial<ReplyMeta>) => Promise<{ ok: true; data: D; meta: ReplyMeta }>;
}

/** The reply helpers: every reply's meta carries what was spent today (from the ledger). */
export function createReplies(ledger: Ledger, now: () => number): Pick<HandlerContext, 'fail' | 'succeed'> {
  async function meta(partial: Partial<ReplyMeta> = {}): Promise<ReplyMeta> {
    const at = now();
    const { today } = await ledger.totals(at);
    return { cost: 0, fetchedAt: at, fromCache: false, ...partial, spentToday: today };
  }

  const fail = (error: AppError): { ok: false; error: AppError } => ({ ok: false, error });

  async function succeed<D>(data: D, partial: Partial<ReplyMeta> = {}): Promise<{ ok: true; data: D; meta: ReplyMeta }> {
    return { ok: true, data, meta: await meta(partial) };
  }

  return { fail, succeed };
}

/** The stored credentials of the provider the settings name (null: none). */
export async function activeCredentials(settings: Settings): Promise<Credentials | null> {
  return credentialsFor(await loadCredentials(), settings.provider);
}
