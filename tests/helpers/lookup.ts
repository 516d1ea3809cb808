/**
 * Test-only: model data and a fake API client for the worker's tests. Nothing here is used by the
 * extension itself.
 */
import type { ApiAnswer, BacklinksClient, EndpointCall } from '@/lib/dataforseo/api';
import type { BulkEndpoint, BulkItem } from '@/lib/dataforseo/bulk';
import { ENDPOINT_NAMES, PAID_ENDPOINTS, type Endpoint, type PaidEndpoint } from '@/lib/dataforseo/endpoints';
import { ENDPOINT_SCHEMAS } from '@/lib/dataforseo/endpoints.schema';
import type { Task } from '@/lib/dataforseo/envelope.schema';
import type { AppError, Outcome } from '@/lib/errors';
import type { Account, AnchorsPage, Backlink, BacklinksPage, Profile } from '@/lib/model';
import type { AnchorsParams, BacklinksParams, LookupTarget, ProfileParams, QueryOptions } from '@/lib/params.schema';
import { DEFAULT_FILTERS } from '@/lib/defaults';

export const OPTIONS: QueryOptions = {
  includeSubdomains: true,
  includeIndirectLinks: true,
  excludeInternalBacklinks: true,
  statusType: 'live',
  rankScale: 'one_hundred',
};

export function domainTarget(value: string): LookupTarget {
  return { scope: 'domain', value, display: value };
}

export function profileParams(value = 'example.com'): ProfileParams {
  return { target: domainTarget(value), options: { ...OPTIONS } };
}

export function anchorsParams(value = 'example.com'): AnchorsParams {
  return { target: domainTarget(value), options: { ...OPTIONS }, limit: 100, offset: 0, sort: 'backlinks', text: '' };
}

export function backlinksParams(value = 'example.com'): BacklinksParams {
  return {
    target: domainTarget(value),
    options: { ...OPTIONS },
    limit: 100,
    offset: 0,
    searchAfterToken: null,
    sort: 'rank',
    dir: 'desc',
    mode: 'as_is',
    filters: { ...DEFAULT_FILTERS },
  };
}

export function makeProfile(target: string, rank = 42, backlinks = 1234): Profile {
  return {
    target,
    rank,
    backlinks,
    backlinksSpamScore: 3,
    crawledPages: 10,
    referringDomains: 56,
    referringDomainsNofollow: 4,
    referringMainDomains: 50,
    referringMainDomainsNofollow: 3,
    referringIps: 40,
    referringSubnets: 30,
    referringPages: 900,
    referringPagesNofollow: 100,
    brokenBacklinks: 2,
    brokenPages: 1,
    internalLinks: 5000,
    externalLinks: 300,
    firstSeen: '2020-01-18T00:00:00.000Z',
    lostDate: null,
    info: {
      server: 'nginx',
      cms: null,
      platformTypes: ['blogs'],
      ipAddress: '192.0.2.1',
      country: 'US',
      isIp: false,
      targetSpamScore: 1,
    },
    tlds: [{ key: 'com', count: 10 }],
    linkTypes: [{ key: 'anchor', count: 9 }],
    linkAttributes: [{ key: 'nofollow', count: 2 }],
    platformTypes: [{ key: 'blogs', count: 3 }],
    semanticLocations: [{ key: 'article', count: 4 }],
    countries: [{ key: 'US', count: 5 }],
  };
}

export function makeAnchors(n: number): AnchorsPage {
  return {
    totalCount: n,
    items: Array.from({ length: n }, (_, i) => ({
      anchor: `anchor ${i}`,
      rank: i,
      backlinks: 100 - i,
      backlinksSpamScore: 0,
      referringDomains: 3,
      referringDomainsNofollow: 0,
      referringMainDomains: 3,
      referringPages: 4,
      referringPagesNofollow: 0,
      brokenBacklinks: 0,
      firstSeen: null,
      lostDate: null,
    })),
  };
}

export function makeBacklink(i: number): Backlink {
  return {
    domainFrom: `site${i}.example`,
    urlFrom: `https://site${i}.example/some/long/path/to/an/article-${i}.html`,
    domainTo: 'example.com',
    urlTo: 'https://example.com/',
    tldFrom: 'example',
    isNew: false,
    isLost: false,
    isBroken: false,
    isIndirect: false,
    spamScore: 5,
    rank: 100 + i,
    pageFromRank: 50,
    domainFromRank: 60,
    domainFromCountry: 'DE',
    pageFromTitle: `An article about things, number ${i}`,
    pageFromLanguage: 'en',
    pageFromStatusCode: 200,
    firstSeen: '2021-03-04T05:06:07.000Z',
    prevSeen: '2024-03-04T05:06:07.000Z',
    lastSeen: '2024-05-04T05:06:07.000Z',
    itemType: 'anchor',
    attributes: ['nofollow'],
    dofollow: false,
    anchor: `anchor text ${i}`,
    alt: null,
    imageUrl: null,
    textPre: 'some text before the link that the page had',
    textPost: 'and some text after it, as the API returns',
    semanticLocation: 'article',
    linksCount: 1,
    groupCount: 0,
    urlToStatusCode: 200,
    urlToSpamScore: 0,
    urlToRedirectTarget: null,
    indirectPath: [],
  };
}

export function makeBacklinks(n: number): BacklinksPage {
  return { totalCount: n * 10, items: Array.from({ length: n }, (_, i) => makeBacklink(i)), searchAfterToken: null };
}

export function makeAccount(expiry: string | null): Account {
  return {
    login: 'me@example.com',
    timezone: 'UTC',
    balance: 12.5,
    totalDeposited: 50,
    backlinksSubscriptionExpiry: expiry,
    dailyCostLimit: null,
    spentToday: 0,
  };
}

export const cost = (rows: number) => Math.round((0.02 + 0.00003 * rows) * 1e8) / 1e8;

export interface FakeClientOptions {
  /** Resolve after this promise (lets a test hold calls in flight). */
  gate?: () => Promise<void>;
  /** Answer with this error instead (or a function deciding per call, by call number from 1). */
  error?: AppError | ((call: number) => AppError | null);
  account?: Account;
  /** Rank reported by profile(), so a test can tell two answers apart. */
  rank?: number;
  /** Rows per backlinks answer (default: the request's limit, at most 1000). */
  backlinkRows?: number;
  throws?: boolean;
  /** A bulk call's error (by endpoint and bulk call number from 1), else its items. */
  bulkError?: (endpoint: BulkEndpoint, call: number) => AppError | null;
}

/** The figure the fake bulk client answers for a target and endpoint (deterministic). */
export function fakeFigure(endpoint: BulkEndpoint, target: string): number {
  let h = endpoint.length * 31;
  for (const ch of target) h = (h * 33 + ch.charCodeAt(0)) % 100_003;
  return h % 1000;
}

export interface FakeClient extends BacklinksClient {
  /** Calls per endpoint of the table. */
  calls: Record<Endpoint, number>;
  /** Every bulk call, in order: its endpoint and targets (also counted in `calls`). */
  bulkLog: { endpoint: BulkEndpoint; targets: string[] }[];
  total(): number;
}

/** An answer with no result row, through the endpoint's own mapper (what a new endpoint's fake answers). */
function emptyAnswer<E extends PaidEndpoint>(endpoint: E, params: Parameters<EndpointCall<E>>[0]) {
  const task: Task = { status_code: 20000, result: [] };
  return ENDPOINT_SCHEMAS[endpoint].toData(task, params);
}

/**
 * A BacklinksClient that answers from memory and counts its calls: profile, anchors, backlinks and
 * the account check with the model data above; every other paid row of the endpoint table with its
 * own mapper's answer to a task without result rows (an empty page or series).
 */
export function fakeClient(opts: FakeClientOptions = {}): FakeClient {
  const calls = Object.fromEntries(ENDPOINT_NAMES.map((e) => [e, 0])) as Record<Endpoint, number>;
  const bulkLog: FakeClient['bulkLog'] = [];
  let n = 0;
  async function answer<T>(kind: Endpoint, make: () => Outcome<ApiAnswer<T>>): Promise<Outcome<ApiAnswer<T>>> {
    calls[kind]++;
    const call = ++n;
    if (opts.gate) await opts.gate();
    else await Promise.resolve();
    if (opts.throws) throw new Error('client exploded');
    const error = typeof opts.error === 'function' ? opts.error(call) : opts.error;
    if (error) return { ok: false, error };
    return make();
  }
  const ok = <T>(value: ApiAnswer<T>): Outcome<ApiAnswer<T>> => ({ ok: true, value });
  const derived = Object.fromEntries(
    PAID_ENDPOINTS.map((e) => [
      e,
      (p: Parameters<EndpointCall<typeof e>>[0]) =>
        answer(e, () => {
          const out = emptyAnswer(e, p);
          return out.ok ? ok({ data: out.value.data, cost: cost(out.value.rows), rows: out.value.rows }) : out;
        }),
    ]),
  ) as unknown as { [E in PaidEndpoint]: EndpointCall<E> };
  return {
    ...derived,
    calls,
    bulkLog,
    total: () => Object.values(calls).reduce((a, b) => a + b, 0),
    profile: (p) =>
      answer('profile', () => ok({ data: makeProfile(p.target.value, opts.rank ?? 42), cost: cost(1), rows: 1 })),
    anchors: (p) => answer('anchors', () => ok({ data: makeAnchors(Math.min(p.limit, 20)), cost: cost(Math.min(p.limit, 20)), rows: Math.min(p.limit, 20) })),
    backlinks: (p) => {
      const rows = opts.backlinkRows ?? Math.min(p.limit, 1000);
      return answer('backlinks', () => ok({ data: makeBacklinks(rows), cost: cost(rows), rows }));
    },
    bulk: (endpoint, p) => {
      bulkLog.push({ endpoint, targets: [...p.targets] });
      const error = opts.bulkError?.(endpoint, bulkLog.length);
      if (error) {
        calls[endpoint]++;
        return Promise.resolve({ ok: false, error });
      }
      return answer(endpoint, () => {
        const items: BulkItem[] = p.targets.map((target) => {
          const v = fakeFigure(endpoint, target);
          return {
            target,
            rank: endpoint === 'bulkRanks' ? v : null,
            referringDomains: endpoint === 'bulkReferringDomains' ? v : null,
            referringDomainsNofollow: endpoint === 'bulkReferringDomains' ? Math.floor(v / 3) : null,
            backlinks: endpoint === 'bulkBacklinks' ? v * 7 : null,
            spamScore: endpoint === 'bulkSpamScore' ? v % 101 : null,
          };
        });
        return ok({ data: { items }, cost: cost(items.length), rows: items.length });
      });
    },
    account: () => answer('account', () => ok({ data: opts.account ?? makeAccount(null), cost: 0, rows: 1 })),
  };
}

/** A promise a test resolves when it wants held calls to finish. */
export function gate(): { wait: () => Promise<void>; open: () => void } {
  let open!: () => void;
  const p = new Promise<void>((resolve) => (open = resolve));
  return { wait: () => p, open };
}
