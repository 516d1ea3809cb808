import type { z } from 'zod/mini';
import type { Outcome } from '@/lib/errors';
import type { Endpoint, EndpointModel, EndpointParams, PaidEndpoint } from './endpointRow';
import type { Task } from './envelope.schema';

/**
 * The worker-only half of an endpoint row (./endpoints/<name>.schema.ts exports one as `schema`):
 * the request builder, the result schema + mapper (task → model), the model schema the cache checks
 * entries against, and — for a paid endpoint — the params schema of the protocol.
 */
interface SchemaRowBase<E extends Endpoint> {
  name: E;
  /** Params → POST body (`undefined`: a GET without body), or the refusal; a refusal sends nothing. */
  build: (params: EndpointParams<E>) => Outcome<unknown>;
  /** The task of a successful envelope → the model and how many rows came back. */
  toData: (task: Task, params: EndpointParams<E>) => Outcome<{ data: EndpointModel<E>; rows: number }>;
  /** The model as stored and sent to pages. */
  model: z.ZodMiniType<EndpointModel<E>>;
}

export type EndpointSchemaRow<E extends Endpoint> = SchemaRowBase<E> &
  (E extends PaidEndpoint
    ? { /** What a page sends as `params` (checked on every incoming request). */ params: z.ZodMiniType<EndpointParams<E>> }
    : { params?: undefined });
