import type { Account, Anchor, AnchorsPage, Backlink, BacklinksPage, Profile } from '../model';
import type { AnchorsParams, BacklinksParams, ProfileParams } from '../params';

/**
 * THE endpoint table, zod-free (pages load it for prices and CSV columns): one row per endpoint
 * with its API path, price estimate, cache lifetime rule and CSV columns. The worker-only half of
 * each row (request builder, result schema, mapper, model schema) is in ./endpoints.schema.ts.
 * The client, the protocol, the cache, the service's dispatch and the CSV export read these rows.
 */

/** What each endpoint is asked with (`void`: no params) and what it answers. */
export interface EndpointTypes {
  profile: { params: ProfileParams; model: Profile };
  anchors: { params: AnchorsParams; model: AnchorsPage };
  backlinks: { params: BacklinksParams; model: BacklinksPage };
  account: { params: void; model: Account };
}

/** The endpoints the extension uses, by the names the user sees. */
export type Endpoint = keyof EndpointTypes;
export type EndpointParams<E extends Endpoint> = EndpointTypes[E]['params'];
export type EndpointModel<E extends Endpoint> = EndpointTypes[E]['model'];

/** A spreadsheet cell before escaping (lib/csv.ts neutralizes it). */
export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumns<Item> {
  columns: readonly string[];
  row: (item: Item) => CsvValue[];
}

export interface EndpointRow<E extends Endpoint> {
  /** API path, relative to the provider base. */
  path: string;
  /** Whether a call can spend money (paid calls go through the budget, the ledger and the cache). */
  paid: boolean;
  /** Result rows the price estimate assumes for these params. */
  expectedRows: (params: EndpointParams<E>) => number;
  /** ESTIMATE in USD for a call expecting that many rows (the real cost is read from each response). */
  price: (expectedRows: number) => number;
  /** How long an answer may be reused (ms) under the settings; 0 or less: never cached. */
  cacheTtlMs: (settings: { cacheHours: number }) => number;
  /** CSV export of a page of this endpoint's items, if it has one. */
  csv?: CsvColumns<EndpointModel<E> extends { items: (infer I)[] } ? I : never>;
}

/**
 * DataForSEO charges per request plus per returned row; the documented examples match
 * $0.02 + $0.00003 × rows (a summary counts as one row; the account check is free).
 */
export const COST_PER_REQUEST = 0.02;
export const COST_PER_ROW = 0.00003;

const HOUR_MS = 3_600_000;

/** Price of one call returning `rows` rows; floating-point noise rounded away (0.02003, not 0.020030000000000003). */
function perCall(rows: number): number {
  const whole = Math.max(0, Math.floor(Number.isFinite(rows) ? rows : 0));
  return Math.round((COST_PER_REQUEST + COST_PER_ROW * whole) * 1e8) / 1e8;
}

const cacheHours = (settings: { cacheHours: number }) => settings.cacheHours * HOUR_MS;

const yesNo = (v: boolean | null): CsvValue => (v == null ? '' : v ? 'yes' : 'no');

export const ANCHOR_COLUMNS = [
  'Anchor',
  'Backlinks',
  'Referring domains',
  'Referring pages',
  'Rank',
  'Spam score',
  'Broken backlinks',
  'First seen',
  'Lost date',
] as const;

export function anchorRow(a: Anchor): CsvValue[] {
  return [a.anchor, a.backlinks, a.referringDomains, a.referringPages, a.rank, a.backlinksSpamScore, a.brokenBacklinks, a.firstSeen, a.lostDate];
}

export const BACKLINK_COLUMNS = [
  'Referring domain',
  'Referring page',
  'Page title',
  'Target URL',
  'Target status',
  'Anchor',
  'Link type',
  'Image alt',
  'Dofollow',
  'Attributes',
  'Backlink rank',
  'Page rank',
  'Domain rank',
  'Spam score',
  'First seen',
  'Last seen',
  'New',
  'Lost',
  'Broken',
  'Indirect',
  'Text before',
  'Text after',
  'Redirect path',
] as const;

export function backlinkRow(b: Backlink): CsvValue[] {
  return [
    b.domainFrom,
    b.urlFrom,
    b.pageFromTitle,
    b.urlTo,
    b.urlToStatusCode,
    b.anchor,
    b.itemType,
    b.alt,
    yesNo(b.dofollow),
    b.attributes.join(' '),
    b.rank,
    b.pageFromRank,
    b.domainFromRank,
    b.spamScore,
    b.firstSeen,
    b.lastSeen,
    yesNo(b.isNew),
    yesNo(b.isLost),
    yesNo(b.isBroken),
    yesNo(b.isIndirect),
    b.textPre,
    b.textPost,
    b.indirectPath.map((step) => [step.statusCode, step.url].filter((x) => x != null).join(' ')).join(' > '),
  ];
}

export const ENDPOINTS: { [E in Endpoint]: EndpointRow<E> } = {
  profile: {
    path: 'backlinks/summary/live',
    paid: true,
    expectedRows: () => 1,
    price: () => perCall(1),
    cacheTtlMs: cacheHours,
  },
  anchors: {
    path: 'backlinks/anchors/live',
    paid: true,
    expectedRows: (params) => params.limit,
    price: perCall,
    cacheTtlMs: cacheHours,
    csv: { columns: ANCHOR_COLUMNS, row: anchorRow },
  },
  backlinks: {
    path: 'backlinks/backlinks/live',
    paid: true,
    expectedRows: (params) => params.limit,
    price: perCall,
    cacheTtlMs: cacheHours,
    csv: { columns: BACKLINK_COLUMNS, row: backlinkRow },
  },
  account: {
    path: 'appendix/user_data',
    paid: false,
    expectedRows: () => 0,
    price: () => 0,
    cacheTtlMs: () => 0,
  },
};

/** Every endpoint name, in table order. */
export const ENDPOINT_NAMES = Object.keys(ENDPOINTS) as Endpoint[];

/** Endpoints that can spend money: the page-facing data requests of the protocol. */
export type PaidEndpoint = 'profile' | 'anchors' | 'backlinks';
export const PAID_ENDPOINTS = ['profile', 'anchors', 'backlinks'] as const satisfies readonly PaidEndpoint[];

/** Endpoints with a CSV export. */
export type CsvEndpoint = 'anchors' | 'backlinks';
