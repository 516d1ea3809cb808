import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ReplyDataSchemas, parseRequest, type Request, type RequestType } from '@/lib/messages';
import { createLookupService } from '@/lib/lookup/service';
import { anchorsParams, backlinksParams, fakeClient, makeAnchors, makeBacklinks, profileParams } from '@/tests/helpers/lookup';
import { ENDPOINT_PATH } from './api';
import { CSV_ENDPOINTS, ENDPOINT_NAMES, ENDPOINTS, PAID_ENDPOINTS, ROW_FILES, type CsvEndpoint, type PaidEndpoint } from './endpoints';
import { CSV_COLUMNS } from './endpoints.csv';
import { ENDPOINT_SCHEMAS, EndpointSchema, PARAMS_SCHEMAS, SCHEMA_FILES } from './endpoints.schema';

/** The endpoint table is the one place an endpoint is described: every row must be complete. */
describe('endpoint table', () => {
  it('lists the endpoints, one row module and one schema module per endpoint, each with a distinct API path', () => {
    expect(ENDPOINT_NAMES).toEqual(expect.arrayContaining(['profile', 'anchors', 'backlinks', 'account']));
    // ./endpoints/<name>.ts holds the row of <name>, ./endpoints/<name>.schema.ts its schema half.
    for (const [file, name] of Object.entries(ROW_FILES)) expect(file).toBe(`./endpoints/${name}.ts`);
    for (const [file, name] of Object.entries(SCHEMA_FILES)) expect(file).toBe(`./endpoints/${name}.schema.ts`);
    expect(Object.values(SCHEMA_FILES).sort()).toEqual([...ENDPOINT_NAMES].sort());
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
      expect(row.name).toBe(e);
      expect(ENDPOINTS[e].name).toBe(e);
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
    expect(parseRequest({ type: 'anchors', params: anchorsParams(), mode: 'normal' }).success).toBe(true);
    // Every row's example params are a valid request of its own type, and its builder takes them.
    for (const e of PAID_ENDPOINTS) {
      expect(parseRequest({ type: e, params: ENDPOINTS[e].example, mode: 'normal' }).success, e).toBe(true);
      expect((ENDPOINT_SCHEMAS[e].build as (p: unknown) => { ok: boolean })(ENDPOINTS[e].example).ok, e).toBe(true);
    }
    expect(parseRequest({ type: 'anchors', params: backlinksParams(), mode: 'normal' }).success).toBe(false);
  });

  it('the CSV endpoints have columns and a row function giving one cell per column', () => {
    // Other endpoints check their row function on their own items in ./endpoints/<name>.test.ts.
    const samples: Partial<Record<CsvEndpoint, unknown>> = { anchors: makeAnchors(1).items[0], backlinks: makeBacklinks(1).items[0] };
    const withCsv = ENDPOINT_NAMES.filter((e) => ENDPOINTS[e].csv);
    expect(withCsv).toEqual(expect.arrayContaining(Object.keys(samples)));
    expect([...CSV_ENDPOINTS].sort()).toEqual(withCsv.sort());
    expect(Object.keys(CSV_COLUMNS).sort()).toEqual(withCsv.sort());
    for (const e of CSV_ENDPOINTS) {
      const csv = CSV_COLUMNS[e];
      expect(csv.columns.length).toBeGreaterThan(0);
      expect(new Set(csv.columns).size).toBe(csv.columns.length);
      if (samples[e]) expect((csv.row as (item: unknown) => unknown[])(samples[e])).toHaveLength(csv.columns.length);
    }
  });
});

describe('every request type has a handler', () => {
  /** One valid request of each type (a new request type must be added here, or this does not compile). */
  const paidSamples = Object.fromEntries(
    PAID_ENDPOINTS.map((e) => [e, { type: e, params: ENDPOINTS[e].example, mode: 'cacheOnly' }]),
  ) as unknown as { [K in PaidEndpoint]: Extract<Request, { type: K }> };
  const samples: { [K in RequestType]: Extract<Request, { type: K }> } = {
    ...paidSamples,
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
    checkSpend: { type: 'checkSpend' },
    resolveUnconfirmed: { type: 'resolveUnconfirmed', charged: false },
    resolveTarget: { type: 'resolveTarget', url: 'https://example.com/' },
    scanLinks: { type: 'scanLinks', tabId: 1 },
    linksReport: { type: 'linksReport', tabId: 1 },
    bulkQuote: { type: 'bulkQuote', targets: ['example.com'], metrics: ['rank'] },
    bulkRun: { type: 'bulkRun', targets: ['example.com'], metrics: ['rank'], maxPriceUsd: 0 },
    checkTab: { type: 'checkTab', url: 'https://example.com/' },
    checkTabPart: { type: 'checkTabPart', token: 'no-such-token', url: 'https://example.com/' },
  };

  it('covers the protocol: one sample per reply schema', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(ReplyDataSchemas).sort());
  });

  it.each(Object.keys(samples) as RequestType[])('%s is answered by its own handler, never as an unknown request', async (type) => {
    fakeBrowser.reset();
    const service = createLookupService({ clientFor: () => fakeClient() });
    const request = samples[type];
    expect(parseRequest(request).success).toBe(true);
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
