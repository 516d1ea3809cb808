import { describe, expect, it } from 'vitest';
import type { AnchorsParams, BacklinksParams, LookupTarget, QueryOptions } from '@/lib/params.schema';
import { DEFAULT_FILTERS } from '@/lib/defaults';
import { estimateCost } from './cost';
import { andAll, certainNothing, escapeLike } from './requests/filters';
import { validateTask } from './requests/validate';
import { buildProfileBody } from './requests/profile';
import { buildAnchorsBody } from './requests/anchors';
import { buildBacklinksBody, newAndLostMessage } from './requests/backlinks';

const options: QueryOptions = {
  includeSubdomains: true,
  includeIndirectLinks: true,
  excludeInternalBacklinks: true,
  statusType: 'live',
  rankScale: 'one_hundred',
};

const domain: LookupTarget = { scope: 'domain', value: 'example.com', display: 'example.com' };
const host: LookupTarget = { scope: 'host', value: 'blog.example.com', display: 'blog.example.com' };
const page: LookupTarget = { scope: 'page', value: 'https://blog.example.com/post?id=1', display: 'blog.example.com/post' };

const anchors = (over: Partial<AnchorsParams> = {}): AnchorsParams => ({
  target: domain,
  options,
  limit: 100,
  offset: 0,
  sort: 'backlinks',
  text: '',
  ...over,
});

const backlinks = (over: Partial<BacklinksParams> = {}): BacklinksParams => ({
  target: domain,
  options,
  limit: 100,
  offset: 0,
  searchAfterToken: null,
  sort: 'rank',
  dir: 'desc',
  mode: 'as_is',
  filters: DEFAULT_FILTERS,
  ...over,
});

function ok<T>(o: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!o.ok) throw new Error(`expected ok, got ${JSON.stringify(o.error)}`);
  return o.value;
}

describe('profile (summary) bodies', () => {
  it('domain scope: root domain, include_subdomains from options', () => {
    expect(ok(buildProfileBody({ target: domain, options }))).toEqual([
      {
        target: 'example.com',
        include_subdomains: true,
        include_indirect_links: true,
        exclude_internal_backlinks: true,
        backlinks_status_type: 'live',
        rank_scale: 'one_hundred',
        internal_list_limit: 10,
      },
    ]);
    const noSubs = ok(
      buildProfileBody({
        target: domain,
        options: { ...options, includeSubdomains: false, statusType: 'all', rankScale: 'one_thousand', includeIndirectLinks: false, excludeInternalBacklinks: false },
      }),
    );
    expect(noSubs[0]).toMatchObject({
      include_subdomains: false,
      backlinks_status_type: 'all',
      rank_scale: 'one_thousand',
      include_indirect_links: false,
      exclude_internal_backlinks: false,
    });
  });

  it('host scope: include_subdomains false whatever the options say', () => {
    const [task] = ok(buildProfileBody({ target: host, options }));
    expect(task.target).toBe('blog.example.com');
    expect(task.include_subdomains).toBe(false);
  });

  it('page scope: absolute URL, no include_subdomains', () => {
    const [task] = ok(buildProfileBody({ target: page, options }));
    expect(task.target).toBe('https://blog.example.com/post?id=1');
    expect(task).not.toHaveProperty('include_subdomains');
    expect(task.rank_scale).toBe('one_hundred');
  });
});

describe('anchors bodies', () => {
  it('limit, offset, order_by and no filters without text', () => {
    expect(ok(buildAnchorsBody(anchors({ limit: 10, offset: 20 })))).toEqual([
      {
        target: 'example.com',
        include_subdomains: true,
        include_indirect_links: true,
        exclude_internal_backlinks: true,
        backlinks_status_type: 'live',
        rank_scale: 'one_hundred',
        limit: 10,
        offset: 20,
        order_by: ['backlinks,desc'],
      },
    ]);
  });

  it.each([
    ['backlinks', 'backlinks,desc'],
    ['referringDomains', 'referring_domains,desc'],
    ['rank', 'rank,desc'],
    ['firstSeen', 'first_seen,desc'],
  ] as const)('sort %s → %s', (sort, rule) => {
    expect(ok(buildAnchorsBody(anchors({ sort })))[0].order_by).toEqual([rule]);
  });

  it('text → anchor ilike, trimmed and escaped', () => {
    expect(ok(buildAnchorsBody(anchors({ text: ' news ' })))[0].filters).toEqual(['anchor', 'ilike', '%news%']);
    expect(ok(buildAnchorsBody(anchors({ text: '100%_off' })))[0].filters).toEqual(['anchor', 'ilike', '%100\\%\\_off%']);
    expect(ok(buildAnchorsBody(anchors({ text: '   ' })))[0]).not.toHaveProperty('filters');
  });
});

describe('backlinks bodies', () => {
  it('defaults: mode, order_by with tiebreaker, no filters, no token', () => {
    expect(ok(buildBacklinksBody(backlinks()))).toEqual([
      {
        target: 'example.com',
        include_subdomains: true,
        include_indirect_links: true,
        exclude_internal_backlinks: true,
        backlinks_status_type: 'live',
        rank_scale: 'one_hundred',
        mode: 'as_is',
        limit: 100,
        offset: 0,
        order_by: ['rank,desc', 'url_from,asc'],
      },
    ]);
  });

  it.each([
    ['rank', 'desc', 'rank,desc'],
    ['domainRank', 'desc', 'domain_from_rank,desc'],
    ['pageRank', 'asc', 'page_from_rank,asc'],
    ['firstSeen', 'asc', 'first_seen,asc'],
    ['lastSeen', 'desc', 'last_seen,desc'],
  ] as const)('sort %s %s → %s', (sort, dir, rule) => {
    const [task] = ok(buildBacklinksBody(backlinks({ sort, dir })));
    expect(task.order_by[0]).toBe(rule);
    expect(task.order_by.length).toBeLessThanOrEqual(3);
  });

  it('one filter stays flat', () => {
    const [task] = ok(buildBacklinksBody(backlinks({ filters: { ...DEFAULT_FILTERS, dofollowOnly: true } })));
    expect(task.filters).toEqual(['dofollow', '=', true]);
  });

  it('every filter, joined by "and" nested in threes as the API examples do', () => {
    const [task] = ok(
      buildBacklinksBody(
        backlinks({
          mode: 'one_per_domain',
          filters: { dofollowOnly: true, newOnly: true, lostOnly: false, brokenOnly: true, itemType: 'image', text: 'shop_50%' },
        }),
      ),
    );
    expect(task.mode).toBe('one_per_domain');
    expect(task.backlinks_status_type).toBe('live');
    expect(task.filters).toEqual([
      ['dofollow', '=', true],
      'and',
      [
        ['is_new', '=', true],
        'and',
        [
          ['is_broken', '=', true],
          'and',
          [['item_type', '=', 'image'], 'and', [['anchor', 'ilike', '%shop\\_50\\%%'], 'or', ['domain_from', 'ilike', '%shop\\_50\\%%']]],
        ],
      ],
    ]);
  });

  it('no level of any built filter holds more than three elements', () => {
    const maxWidth = (x: unknown): number =>
      Array.isArray(x) && typeof x[0] !== 'string' ? Math.max(x.length, ...x.map(maxWidth)) : 0;
    for (const f of [
      { dofollowOnly: true, newOnly: true, lostOnly: false, brokenOnly: true, itemType: 'meta' as const, text: 'x' },
      { dofollowOnly: true, newOnly: false, lostOnly: true, brokenOnly: true, itemType: 'image' as const, text: 'y' },
      { ...DEFAULT_FILTERS, dofollowOnly: true, brokenOnly: true },
    ]) {
      const [task] = ok(buildBacklinksBody(backlinks({ filters: f })));
      expect(maxWidth(task.filters)).toBeLessThanOrEqual(3);
    }
    expect(andAll([['a', '=', 1], ['b', '=', 2]])).toEqual([['a', '=', 1], 'and', ['b', '=', 2]]);
    expect(andAll([['a', '=', 1]])).toEqual(['a', '=', 1]);
    expect(andAll([])).toBeUndefined();
  });

  describe('a period (since): first_seen for new links, last_seen under the lost status type', () => {
    const today = new Date().toISOString().slice(0, 10);
    it('new links of a period: the chosen status, first_seen from the period start', () => {
      const [task] = ok(buildBacklinksBody(backlinks({ filters: { ...DEFAULT_FILTERS, since: '2026-03-03' } })));
      expect(task.backlinks_status_type).toBe('live');
      expect(task.filters).toEqual(['first_seen', '>=', '2026-03-03 00:00:00 +00:00']);
    });
    it('lost links of a period: the lost status type, last_seen from the period start', () => {
      const [task] = ok(buildBacklinksBody(backlinks({ filters: { ...DEFAULT_FILTERS, lostOnly: true, dofollowOnly: true, since: today } })));
      expect(task.backlinks_status_type).toBe('lost');
      expect(task.filters).toEqual([['dofollow', '=', true], 'and', ['last_seen', '>=', `${today} 00:00:00 +00:00`]]);
    });
    it('a period starting after today, or not a date, is refused before any call', () => {
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const future = buildBacklinksBody(backlinks({ filters: { ...DEFAULT_FILTERS, since: tomorrow } }));
      expect(future.ok).toBe(false);
      if (!future.ok) expect(future.error.message).toMatch(/after today/);
      const bad = buildBacklinksBody(backlinks({ filters: { ...DEFAULT_FILTERS, since: '2026-02-30' } }));
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.message).toMatch(/not a date/);
    });
  });

  describe('"Lost" asks for the lost status type, never is_lost under live', () => {
    it.each(['live', 'all', 'lost'] as const)('chosen status %s → lost, without a redundant is_lost filter', (statusType) => {
      const [task] = ok(buildBacklinksBody(backlinks({ options: { ...options, statusType }, filters: { ...DEFAULT_FILTERS, lostOnly: true } })));
      expect(task.backlinks_status_type).toBe('lost');
      expect(task).not.toHaveProperty('filters');
    });

    it('other filters combine with lost', () => {
      const [task] = ok(buildBacklinksBody(backlinks({ filters: { ...DEFAULT_FILTERS, lostOnly: true, dofollowOnly: true, brokenOnly: true } })));
      expect(task.backlinks_status_type).toBe('lost');
      expect(task.filters).toEqual([['dofollow', '=', true], 'and', ['is_broken', '=', true]]);
    });

    it('without "Lost" the chosen status type stays', () => {
      expect(ok(buildBacklinksBody(backlinks({ options: { ...options, statusType: 'all' } })))[0].backlinks_status_type).toBe('all');
      expect(ok(buildBacklinksBody(backlinks()))[0].backlinks_status_type).toBe('live');
    });

    it('"New" with "Lost" is refused with its sentence', () => {
      const r = buildBacklinksBody(backlinks({ filters: { ...DEFAULT_FILTERS, lostOnly: true, newOnly: true } }));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toBe(newAndLostMessage());
    });

    it('"New" under the lost status type is refused (a new link is never lost)', () => {
      const r = buildBacklinksBody(backlinks({ options: { ...options, statusType: 'lost' }, filters: { ...DEFAULT_FILTERS, newOnly: true } }));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.kind).toBe('invalid-request');
    });
  });

  describe('certainNothing', () => {
    it.each([
      ['live', ['is_lost', '=', true]],
      ['live', ['is_lost', '=', 'true']],
      ['live', ['is_lost', '<>', false]],
      ['lost', ['is_lost', '=', false]],
      ['lost', ['is_new', '=', true]],
      ['all', [['is_new', '=', true], 'and', ['is_lost', '=', true]]],
      ['all', [['is_lost', '=', true], 'and', [['rank', '>', 1], 'and', ['is_new', '=', true]]]],
      ['all', [['dofollow', '=', true], 'and', ['dofollow', '=', false]]],
      [undefined, ['is_lost', '=', true]],
    ])('status %s with %j → nothing', (status, filters) => {
      expect(certainNothing(status ?? 'live', filters)).toEqual(expect.any(String));
    });

    it.each([
      ['live', ['is_lost', '=', false]],
      ['lost', ['is_lost', '=', true]],
      ['all', ['is_lost', '=', true]],
      ['live', ['is_new', '=', true]],
      ['live', [['is_lost', '=', true], 'or', ['dofollow', '=', true]]],
      ['all', [['is_new', '=', true], 'or', ['is_lost', '=', true]]],
      ['live', undefined],
    ])('status %s with %j can return rows', (status, filters) => {
      expect(certainNothing(status, filters)).toBeNull();
    });
  });

  it('text alone → anchor or referring domain', () => {
    const [task] = ok(buildBacklinksBody(backlinks({ filters: { ...DEFAULT_FILTERS, text: 'seo' } })));
    expect(task.filters).toEqual([['anchor', 'ilike', '%seo%'], 'or', ['domain_from', 'ilike', '%seo%']]);
  });

  it('search_after_token when given (everything else identical)', () => {
    const first = ok(buildBacklinksBody(backlinks({ offset: 20000 })));
    const next = ok(buildBacklinksBody(backlinks({ offset: 20000, searchAfterToken: 'eyJ0b2tlbiI6MX0=' })));
    expect(next[0].search_after_token).toBe('eyJ0b2tlbiI6MX0=');
    const { search_after_token, ...rest } = next[0];
    expect(rest).toEqual(first[0]);
    expect(first[0]).not.toHaveProperty('search_after_token');
  });

  it('page scope has no include_subdomains', () => {
    expect(ok(buildBacklinksBody(backlinks({ target: page })))[0]).not.toHaveProperty('include_subdomains');
  });
});

describe('refusals before any network call', () => {
  const bad = (v: unknown) => v as never;
  const cases: [string, () => { ok: boolean; error?: { kind: string; message: string; retryable: boolean } }][] = [
    ['limit 0', () => buildBacklinksBody(backlinks({ limit: 0 }))],
    ['limit 1001', () => buildBacklinksBody(backlinks({ limit: 1001 }))],
    ['limit 2.5', () => buildAnchorsBody(anchors({ limit: 2.5 }))],
    ['anchors limit 5000', () => buildAnchorsBody(anchors({ limit: 5000 }))],
    ['offset -1', () => buildBacklinksBody(backlinks({ offset: -1 }))],
    ['offset 20001', () => buildBacklinksBody(backlinks({ offset: 20001 }))],
    ['anchors offset 20001', () => buildAnchorsBody(anchors({ offset: 20001 }))],
    ['unknown backlinks sort', () => buildBacklinksBody(backlinks({ sort: bad('spam') }))],
    ['unknown direction', () => buildBacklinksBody(backlinks({ dir: bad('sideways') }))],
    ['unknown mode', () => buildBacklinksBody(backlinks({ mode: bad('one_per_page') }))],
    ['unknown item type', () => buildBacklinksBody(backlinks({ filters: { ...DEFAULT_FILTERS, itemType: bad('video') } }))],
    ['unknown anchors sort', () => buildAnchorsBody(anchors({ sort: bad('alphabet') }))],
    ['unknown status type', () => buildProfileBody({ target: domain, options: { ...options, statusType: bad('dead') } })],
    ['unknown rank scale', () => buildProfileBody({ target: domain, options: { ...options, rankScale: bad('one_ten') } })],
    ['unknown scope', () => buildProfileBody({ target: { ...domain, scope: bad('site') }, options })],
    ['empty target', () => buildProfileBody({ target: { ...domain, value: '' }, options })],
    ['blank target', () => buildProfileBody({ target: { ...domain, value: '   ' }, options })],
    ['over-long domain', () => buildProfileBody({ target: { ...domain, value: `${'a'.repeat(60)}.`.repeat(5) + 'com' }, options })],
    ['over-long page', () => buildProfileBody({ target: { ...page, value: `https://example.com/${'a'.repeat(2100)}` }, options })],
    ['domain with scheme', () => buildProfileBody({ target: { ...domain, value: 'https://example.com' }, options })],
    ['host with scheme', () => buildProfileBody({ target: { ...host, value: 'http://blog.example.com' }, options })],
    ['domain with path', () => buildProfileBody({ target: { ...domain, value: 'example.com/blog' }, options })],
    ['domain with www.', () => buildProfileBody({ target: { ...domain, value: 'www.example.com' }, options })],
    ['host with www.', () => buildProfileBody({ target: { ...host, value: 'WWW.example.com' }, options })],
    ['domain with port', () => buildProfileBody({ target: { ...domain, value: 'example.com:8080' }, options })],
    ['domain with a space', () => buildProfileBody({ target: { ...domain, value: 'exa mple.com' }, options })],
    ['single-label domain', () => buildProfileBody({ target: { ...domain, value: 'localhost' }, options })],
    ['page without scheme', () => buildProfileBody({ target: { ...page, value: 'example.com/page' }, options })],
    ['page with ftp scheme', () => buildProfileBody({ target: { ...page, value: 'ftp://example.com/file' }, options })],
    ['page that is not a URL', () => buildProfileBody({ target: { ...page, value: 'https://' }, options })],
    ['text over 200', () => buildAnchorsBody(anchors({ text: 'x'.repeat(201) }))],
  ];

  it.each(cases)('%s', (_name, run) => {
    const r = run();
    expect(r.ok).toBe(false);
    expect(r.error?.kind).toBe('invalid-request');
    expect(r.error?.retryable).toBe(false);
    expect(r.error?.message.length).toBeGreaterThan(10);
  });

  it('accepts the edges: limit 1 and 1000, offset 0 and 20000', () => {
    expect(buildBacklinksBody(backlinks({ limit: 1 })).ok).toBe(true);
    expect(buildBacklinksBody(backlinks({ limit: 1000, offset: 20000 })).ok).toBe(true);
    expect(buildAnchorsBody(anchors({ limit: 1000, offset: 20000 })).ok).toBe(true);
    expect(buildProfileBody({ target: { ...domain, value: 'xn--bcher-kva.example' }, options }).ok).toBe(true);
  });
});

describe('validateTask', () => {
  const base = {
    target: 'example.com',
    include_subdomains: true,
    include_indirect_links: true,
    exclude_internal_backlinks: true,
    backlinks_status_type: 'live',
    rank_scale: 'one_hundred',
    mode: 'as_is',
    limit: 10,
    offset: 0,
    order_by: ['rank,desc'],
  };
  const cond = ['dofollow', '=', true];
  /** n conditions joined by "and", nested in threes: [c, "and", [c, "and", …]]. */
  const joined = (n: number): unknown => (n === 1 ? cond : [cond, 'and', joined(n - 1)]);
  const { backlinks_status_type: _status, ...withoutStatus } = base;
  const flat = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? [cond] : ['and', cond])).flat();

  it('accepts a valid body', () => {
    expect(validateTask('backlinks', [base])).toBeNull();
    expect(validateTask('backlinks', [{ ...base, filters: joined(8) }])).toBeNull();
    expect(validateTask('backlinks', [{ ...base, tag: 't'.repeat(255) }])).toBeNull();
    expect(validateTask('account', undefined)).toBeNull();
  });

  it('says why a certain-nothing body is refused, and why a flat one is', () => {
    expect(validateTask('backlinks', [{ ...withoutStatus, filters: ['is_lost', '=', true] }])?.message).toMatch(/can only come back empty/);
    expect(validateTask('backlinks', [{ ...base, backlinks_status_type: 'lost', filters: ['is_lost', '=', true] }])).toBeNull();
    expect(validateTask('backlinks', [{ ...base, filters: flat(2) }])).toBeNull();
    expect(validateTask('backlinks', [{ ...base, filters: flat(3) }])?.message).toMatch(/nest them/);
  });

  it.each([
    ['two tasks', [base, base]],
    ['no task', []],
    ['not an array', base],
    ['9 filters', [{ ...base, filters: joined(9) }]],
    ['9 filters, nested', [{ ...base, filters: [joined(5), 'or', joined(4)] }]],
    ['a flat "and" of 3 conditions (5 elements on one level)', [{ ...base, filters: flat(3) }]],
    ['a nested flat level of 5 elements', [{ ...base, filters: [cond, 'and', flat(3)] }]],
    ['is_lost under the live status type', [{ ...base, filters: ['is_lost', '=', true] }]],
    ['is_lost without a status type (live by default)', [{ ...withoutStatus, filters: ['is_lost', '=', true] }]],
    ['unknown filter operator', [{ ...base, filters: ['rank', '~', 5] }]],
    ['filters joined by "xor"', [{ ...base, filters: [cond, 'xor', cond] }]],
    ['4 order_by rules', [{ ...base, order_by: ['rank,desc', 'first_seen,asc', 'last_seen,asc', 'url_from,asc'] }]],
    ['unknown order_by field', [{ ...base, order_by: ['spam,desc'] }]],
    ['order_by without direction', [{ ...base, order_by: ['rank'] }]],
    ['tag over 255', [{ ...base, tag: 't'.repeat(256) }]],
    ['unknown mode', [{ ...base, mode: 'all' }]],
    ['unknown status type', [{ ...base, backlinks_status_type: 'gone' }]],
    ['limit missing', [{ ...base, limit: undefined }]],
    ['empty search_after_token', [{ ...base, search_after_token: '' }]],
    ['target with scheme', [{ ...base, target: 'ftp://example.com' }]],
    ['internal_list_limit 1001 (summary)', [{ ...base, internal_list_limit: 1001 }]],
  ])('refuses %s', (_name, body) => {
    const endpoint = _name.includes('summary') ? 'profile' : 'backlinks';
    const e = validateTask(endpoint, body);
    expect(e).not.toBeNull();
    expect(e?.kind).toBe('invalid-request');
    expect(e?.retryable).toBe(false);
  });
});

describe('escapeLike', () => {
  it('escapes wildcards and the escape character itself', () => {
    expect(escapeLike('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');
    expect(escapeLike('plain')).toBe('plain');
  });
});

describe('estimateCost', () => {
  it('matches the documented examples', () => {
    expect(estimateCost('profile', 1)).toBe(0.02003);
    expect(estimateCost('profile', 500)).toBe(0.02003);
    expect(estimateCost('anchors', 4)).toBe(0.02012);
    expect(estimateCost('backlinks', 5)).toBe(0.02015);
    expect(estimateCost('backlinks', 1000)).toBe(0.05);
    expect(estimateCost('account', 0)).toBe(0);
    expect(estimateCost('anchors', -3)).toBe(0.02);
  });
});
