import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ReplyDataSchemas, RequestSchema, type Request, type RequestType } from '../messages';
import { createLookupService } from '../lookup/service';
import { anchorsParams, backlinksParams, fakeClient, makeAnchors, makeBacklinks, profileParams } from '../lookup/test-helpers';
import { ENDPOINT_PATH } from './api';
import { ENDPOINT_NAMES, ENDPOINTS, PAID_ENDPOINTS, type CsvEndpoint } from './endpoints';
import { CSV_COLUMNS } from './endpoints.csv';
import { ENDPOINT_SCHEMAS, EndpointSchema, PARAMS_SCHEMAS } from './endpoints.schema';

/** The endpoint table is the one place an endpoint is described: every row must be complete. */
describe('endpoint table', () => {
  it('lists the four endpoints, each with a distinct API path', () => {
    expect(ENDPOINT_NAMES).toEqual(['profile', 'anchors', 'backlinks', 'account']);
    const paths = ENDPOINT_NAMES.map((e) => ENDPOINTS[e].path);
    for (const path of paths) expect(path).toMatch(/^[a-z_]+(\/[a-z_]+)+$/);
    expect(new Set(paths).size).toBe(paths.length);
    expect(ENDPOINT_PATH).toEqual(Object.fromEntries(ENDPOINT_NAMES.map((e) => [e, ENDPOINTS[e].path])));
  });

  it('every endpoint has a request builder, a mapper and a model schema', () => {
    expect(Object.keys(ENDPOINT_SCHEMAS).sort()).toEqual([...ENDPOINT_NAMES].sort());
    for (const e of ENDPOINT_NAMES) {
      const row = ENDPOINT_SCHEMAS[e];
      expect(typeof row.build, e).toBe('function');
      expect(typeof row.toData, e).toBe('function');
      expect(typeof row.model.safeParse, e).toBe('function');
    }
    expect(EndpointSchema.safeParse('backlinks').success).toBe(true);
    expect(EndpointSchema.safeParse('nope').success).toBe(false);
  });

  it('every endpoint has a finite, non-negative price; the paid ones cost something, the account check nothing', () => {
    for (const e of ENDPOINT_NAMES) {
      for (const rows of [0, 1, 100, 1000, -5, Number.NaN]) {
        const price = ENDPOINTS[e].price(rows);
        expect(Number.isFinite(price), `${e} ${rows}`).toBe(true);
        expect(price).toBeGreaterThanOrEqual(0);
      }
    }
    for (const e of PAID_ENDPOINTS) expect(ENDPOINTS[e].price(1)).toBeGreaterThan(0);
    expect(ENDPOINTS.account.price(1000)).toBe(0);
    expect(ENDPOINTS.backlinks.price(ENDPOINTS.backlinks.expectedRows(backlinksParams()))).toBe(0.023);
    expect(ENDPOINTS.anchors.expectedRows(anchorsParams())).toBe(100);
    expect(ENDPOINTS.profile.expectedRows(profileParams())).toBe(1);
  });

  it('every endpoint has a cache lifetime rule: the paid ones follow cacheHours, the account check is never cached', () => {
    for (const e of PAID_ENDPOINTS) {
      expect(ENDPOINTS[e].cacheTtlMs({ cacheHours: 24 })).toBe(24 * 3_600_000);
      expect(ENDPOINTS[e].cacheTtlMs({ cacheHours: 0 })).toBe(0);
    }
    expect(ENDPOINTS.account.cacheTtlMs({ cacheHours: 24 })).toBe(0);
  });

  it('the paid endpoints are exactly the rows marked paid, and each has a params schema and a data request', () => {
    expect([...PAID_ENDPOINTS].sort()).toEqual(ENDPOINT_NAMES.filter((e) => ENDPOINTS[e].paid).sort());
    for (const e of PAID_ENDPOINTS) {
      expect(PARAMS_SCHEMAS[e]).toBeDefined();
      expect(ReplyDataSchemas[e]).toBe(ENDPOINT_SCHEMAS[e].model);
    }
    expect(RequestSchema.safeParse({ type: 'anchors', params: anchorsParams(), mode: 'normal' }).success).toBe(true);
    expect(RequestSchema.safeParse({ type: 'anchors', params: backlinksParams(), mode: 'normal' }).success).toBe(false);
  });

  it('the CSV endpoints have columns and a row function giving one cell per column', () => {
    const samples: { [E in CsvEndpoint]: unknown } = { anchors: makeAnchors(1).items[0], backlinks: makeBacklinks(1).items[0] };
    const withCsv = ENDPOINT_NAMES.filter((e) => ENDPOINTS[e].csv);
    expect(withCsv.sort()).toEqual(Object.keys(samples).sort());
    expect(Object.keys(CSV_COLUMNS).sort()).toEqual(withCsv);
    for (const e of Object.keys(samples) as CsvEndpoint[]) {
      const csv = CSV_COLUMNS[e];
      expect(csv.columns.length).toBeGreaterThan(0);
      expect(new Set(csv.columns).size).toBe(csv.columns.length);
      expect((csv.row as (item: unknown) => unknown[])(samples[e])).toHaveLength(csv.columns.length);
    }
  });
});

describe('every request type has a handler', () => {
  /** One valid request of each type (a new request type must be added here, or this does not compile). */
  const samples: { [K in RequestType]: Extract<Request, { type: K }> } = {
    profile: { type: 'profile', params: profileParams(), mode: 'cacheOnly' },
    anchors: { type: 'anchors', params: anchorsParams(), mode: 'cacheOnly' },
    backlinks: { type: 'backlinks', params: backlinksParams(), mode: 'cacheOnly' },
    testConnection: { type: 'testConnection', confirmPaid: false },
    spend: { type: 'spend' },
    history: { type: 'history' },
    getSettings: { type: 'getSettings' },
    saveSettings: { type: 'saveSettings', patch: {} },
    saveCredentials: { type: 'saveCredentials', credentials: { provider: 'sandbox', login: 'a@b.c', password: 'pw' } },
    saveLogin: { type: 'saveLogin', login: 'x@b.c' },
    forgetCredentials: { type: 'forgetCredentials' },
    clearCache: { type: 'clearCache' },
    resolveTarget: { type: 'resolveTarget', url: 'https://example.com/' },
    checkTab: { type: 'checkTab', url: 'https://example.com/' },
  };

  it('covers the protocol: one sample per reply schema', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(ReplyDataSchemas).sort());
  });

  it.each(Object.keys(samples) as RequestType[])('%s is answered by its own handler, never as an unknown request', async (type) => {
    fakeBrowser.reset();
    const service = createLookupService({ clientFor: () => fakeClient() });
    const request = samples[type];
    expect(RequestSchema.safeParse(request).success).toBe(true);
    const reply = await service.handle(request);
    if (!reply.ok) expect(reply.error.message).not.toMatch(/Unknown request/);
  });

  it('a type without a handler is answered as an unknown request', async () => {
    const service = createLookupService({ clientFor: () => fakeClient() });
    const reply = await service.handle({ type: 'nope' } as unknown as Request);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).toMatchObject({ kind: 'internal', message: 'Unknown request nope.' });
  });
});
