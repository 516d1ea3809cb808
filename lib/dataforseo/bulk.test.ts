import { describe, expect, it } from 'vitest';
import { BULK_ENDPOINTS, METRIC_ENDPOINT } from './bulk';
import { buildBulkBody, mapBulkPage } from './bulk.schema';
import { ENDPOINTS, PAID_ENDPOINTS } from './endpoints';
import { ENDPOINT_SCHEMAS } from './endpoints.schema';

describe('bulk rows', () => {
  it('are four rows of the table with their API paths, priced per item, no data request of their own', () => {
    expect(Object.values(METRIC_ENDPOINT).sort()).toEqual([...BULK_ENDPOINTS].sort());
    expect(BULK_ENDPOINTS.map((e) => ENDPOINTS[e].path)).toEqual([
      'backlinks/bulk_ranks/live',
      'backlinks/bulk_referring_domains/live',
      'backlinks/bulk_backlinks/live',
      'backlinks/bulk_spam_score/live',
    ]);
    for (const e of BULK_ENDPOINTS) {
      expect(ENDPOINTS[e].price(ENDPOINTS[e].expectedRows({ targets: Array(1000).fill('a.com'), rankScale: 'one_hundred' }))).toBe(0.05);
      expect(ENDPOINTS[e].cacheTtlMs({ cacheHours: 2 })).toBe(2 * 3_600_000);
      expect(PAID_ENDPOINTS).not.toContain(e);
      expect(ENDPOINT_SCHEMAS[e].build(ENDPOINTS[e].example).ok).toBe(true);
    }
  });

  it('one call takes 1 to 1,000 targets; only bulk_ranks carries the rank scale', () => {
    expect(buildBulkBody('bulkRanks', { targets: ['a.com'], rankScale: 'one_hundred' })).toEqual({ ok: true, value: [{ targets: ['a.com'], rank_scale: 'one_hundred' }] });
    expect(buildBulkBody('bulkSpamScore', { targets: ['a.com'], rankScale: 'one_hundred' })).toEqual({ ok: true, value: [{ targets: ['a.com'] }] });
    for (const n of [0, 1001]) {
      const r = buildBulkBody('bulkBacklinks', { targets: Array(n).fill('a.com'), rankScale: 'one_thousand' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ kind: 'invalid-request', message: expect.stringMatching(/Nothing was sent/) });
    }
  });

  it('maps untrusted items: missing target dropped, numeric strings read, anything else null', () => {
    const task = {
      status_code: 20000,
      result: [
        {
          items_count: 5,
          items: [
            { target: 'a.com', referring_domains: '12', referring_domains_nofollow: null, rank: 9 },
            { referring_domains: 3 },
            'junk',
            { target: 'b.com', referring_domains: { x: 1 }, referring_domains_nofollow: 4, extra: [1] },
            null,
          ],
        },
        { items: 'not a list' },
        null,
      ],
    };
    expect(mapBulkPage('bulkReferringDomains', task).items).toEqual([
      { target: 'a.com', rank: null, referringDomains: 12, referringDomainsNofollow: null, backlinks: null, spamScore: null },
      { target: 'b.com', rank: null, referringDomains: null, referringDomainsNofollow: 4, backlinks: null, spamScore: null },
    ]);
    expect(mapBulkPage('bulkRanks', { result: null }).items).toEqual([]);
    expect(mapBulkPage('bulkSpamScore', { result: [{ items: [{ target: 'c.com', spam_score: 7, type: 'x' }] }] }).items[0]).toMatchObject({ target: 'c.com', spamScore: 7 });
  });
});
