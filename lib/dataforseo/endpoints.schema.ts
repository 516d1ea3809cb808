import { z } from 'zod/mini';
import { appError, type Outcome } from '../errors';
import { AccountSchema, AnchorsPageSchema, BacklinksPageSchema, ProfileSchema } from '../model';
import { AnchorsParamsSchema, BacklinksParamsSchema, ProfileParamsSchema } from '../params.schema';
import { ENDPOINT_NAMES, type Endpoint, type EndpointModel, type EndpointParams, type PaidEndpoint } from './endpoints';
import { mapAccount, mapAnchorsPage, mapBacklinksPage, mapProfile } from './map';
import { buildAnchorsBody, buildBacklinksBody, buildProfileBody } from './requests';
import { BULK_SCHEMA_ROWS } from './bulk.schema';
import { parseFirstResult, type Task } from './schemas';

/**
 * The worker-only half of the endpoint table (./endpoints.ts has the zod-free half): per endpoint,
 * the request builder, the result schema + mapper (task → model), the model schema the cache checks
 * entries against, and — for the paid data requests — the params schema of the protocol.
 * Pages never import this file (it pulls in zod).
 */

/** The endpoint names as a zod enum (as stored in the cache and the ledger). */
export const EndpointSchema = z.enum(ENDPOINT_NAMES as [Endpoint, ...Endpoint[]]);

export interface EndpointSchemaRow<E extends Endpoint> {
  /** Params → POST body (`undefined`: a GET without body), or the refusal; a refusal sends nothing. */
  build: (params: EndpointParams<E>) => Outcome<unknown>;
  /** The task of a successful envelope → the model and how many rows came back. */
  toData: (task: Task, params: EndpointParams<E>) => Outcome<{ data: EndpointModel<E>; rows: number }>;
  /** The model as stored and sent to pages (lib/model.ts). */
  model: z.ZodMiniType<EndpointModel<E>>;
}

/** What a page sends as `params` of each paid data request (lib/params.ts); lib/messages.ts builds the requests from it. */
export const PARAMS_SCHEMAS: { [E in PaidEndpoint]: z.ZodMiniType<EndpointParams<E>> } = {
  profile: ProfileParamsSchema,
  anchors: AnchorsParamsSchema,
  backlinks: BacklinksParamsSchema,
};

export const ENDPOINT_SCHEMAS: { [E in Endpoint]: EndpointSchemaRow<E> } = {
  profile: {
    build: buildProfileBody,
    toData: (task, params) => {
      const row = parseFirstResult('profile', task);
      if (!row)
        return {
          ok: false,
          error: appError(
            'not-found',
            `DataForSEO has no backlink data for ${params.target.display || params.target.value} yet.`,
            false,
            task.status_code != null ? { statusCode: task.status_code } : {},
          ),
        };
      return { ok: true, value: { data: mapProfile(row), rows: 1 } };
    },
    model: ProfileSchema,
  },
  anchors: {
    build: buildAnchorsBody,
    toData: (task) => {
      const page = mapAnchorsPage(parseFirstResult('anchors', task));
      return { ok: true, value: { data: page, rows: page.items.length } };
    },
    model: AnchorsPageSchema,
  },
  backlinks: {
    build: buildBacklinksBody,
    toData: (task) => {
      const page = mapBacklinksPage(parseFirstResult('backlinks', task));
      return { ok: true, value: { data: page, rows: page.items.length } };
    },
    model: BacklinksPageSchema,
  },
  account: {
    build: () => ({ ok: true, value: undefined }),
    toData: (task) => {
      const row = parseFirstResult('account', task);
      if (!row)
        return {
          ok: false,
          error: appError('bad-response', 'DataForSEO answered the account check without account data. Try again later.', false),
        };
      return { ok: true, value: { data: mapAccount(row), rows: 0 } };
    },
    model: AccountSchema,
  },
  ...BULK_SCHEMA_ROWS,
};
