import { describe, expect, it } from 'vitest';
import { AccountSchema, AnchorsPageSchema, BacklinksPageSchema, ProfileSchema } from '@/lib/model';
import { apiDateToIso, mapAccount, mapAnchorsPage, mapBacklinksPage, mapProfile, toBreakdown } from './map';
import { EnvelopeSchema, type Task } from './envelope.schema';
import { parseFirstResult } from './results.schema';
import { fixture, nullEverything, nullLeaves } from '@/tests/helpers/dataforseo';

function firstTask(json: unknown): Task {
  const env = EnvelopeSchema.parse(json);
  const task = env.tasks?.[0];
  if (!task) throw new Error('no task');
  return task;
}

describe('documented fixtures parse and map', () => {
  it('summary → Profile', () => {
    const row = parseFirstResult('profile', firstTask(fixture('summary')));
    expect(row).not.toBeNull();
    const p = mapProfile(row!);
    expect(ProfileSchema.parse(p)).toEqual(p);
    expect(p.target).toBe('explodingtopics.com');
    expect(p.rank).toBe(371);
    expect(p.backlinks).toBe(41245);
    expect(p.backlinksSpamScore).toBe(8);
    expect(p.referringDomains).toBe(12372);
    expect(p.referringMainDomains).toBe(11438);
    expect(p.internalLinks).toBe(25507);
    expect(p.externalLinks).toBe(18419);
    expect(p.firstSeen).toBe('2020-01-18T11:50:58.000Z');
    expect(p.lostDate).toBeNull();
    expect(p.info).toEqual({
      server: 'cloudflare',
      cms: null,
      platformTypes: ['unknown'],
      ipAddress: '172.67.129.80',
      country: 'US',
      isIp: false,
      targetSpamScore: 0,
    });
    expect(p.tlds[0]).toEqual({ key: 'com', count: 26012 });
    expect(p.tlds).toHaveLength(10);
    expect(p.linkTypes.map((b) => b.key)).toEqual(['anchor', 'redirect', 'image', 'canonical']);
    expect(p.semanticLocations[0]).toEqual({ key: '', count: 20318 });
    expect(p.countries[1]).toEqual({ key: 'US', count: 3867 });
  });

  it('anchors → AnchorsPage', () => {
    const page = mapAnchorsPage(parseFirstResult('anchors', firstTask(fixture('anchors'))));
    expect(AnchorsPageSchema.parse(page)).toEqual(page);
    expect(page.totalCount).toBe(83736);
    expect(page.items).toHaveLength(4);
    expect(page.items[0]).toMatchObject({
      anchor: 'news',
      backlinks: 4186,
      rank: 277,
      referringDomains: 835,
      backlinksSpamScore: 24,
      firstSeen: '2019-01-16T05:58:32.000Z',
      lostDate: null,
    });
    expect(page.items[1]?.anchor).toBe('Forex news');
  });

  it('backlinks → BacklinksPage', () => {
    const page = mapBacklinksPage(parseFirstResult('backlinks', firstTask(fixture('backlinks'))));
    expect(BacklinksPageSchema.parse(page)).toEqual(page);
    expect(page.totalCount).toBe(42671699);
    expect(page.items).toHaveLength(5);
    const first = page.items[0]!;
    expect(first.domainFrom).toBe('www.opencart.com');
    expect(first.urlFrom).toBe('https://www.opencart.com/');
    expect(first.itemType).toBe('image');
    expect(first.attributes).toEqual([]);
    expect(first.anchor).toBeNull();
    expect(first.alt).toBe('Forbes');
    expect(first.rank).toBe(862);
    expect(first.domainFromRank).toBe(716);
    expect(first.spamScore).toBe(0);
    expect(first.isIndirect).toBe(true);
    expect(first.pageFromExternalLinks).toBe(22);
    expect(first.domainFromPlatformTypes).toEqual(['unknown']);
    expect(first.rankedKeywordsTop10).toBe(62);
    expect(first.rankedKeywordsTop100).toBe(2034);
    expect(first.groupCount).toBe(0);
    expect(first.urlToSpamScore).toBe(0);
    expect(first.indirectPath).toEqual([{ type: 'redirect', statusCode: 302, url: 'https://goo.gl/0fV3mB' }]);
    expect(first.lastSeen).toBe('2023-04-11T16:16:52.000Z');
    expect(page.items[1]?.indirectPath).toEqual([]);
    expect(page.items[1]?.anchor).toBe('forbes.com');
    expect(page.searchAfterToken).toMatch(/^eyJDdXJyZW50T2Zmc2V0Ij/);
  });
});

describe('tolerance', () => {
  it.each(['summary', 'anchors', 'backlinks'] as const)('%s with every leaf null parses and maps to nulls', (name) => {
    const task = firstTask(nullLeaves(fixture(name)));
    expect(task.status_code).toBeNull();
    if (name === 'summary') {
      const p = mapProfile(parseFirstResult('profile', task)!);
      expect(ProfileSchema.parse(p)).toEqual(p);
      expect(p.rank).toBeNull();
      expect(p.tlds).toEqual([]);
      expect(p.info.platformTypes).toEqual([]);
    } else if (name === 'anchors') {
      const page = mapAnchorsPage(parseFirstResult('anchors', task));
      expect(page.items).toHaveLength(4);
      expect(page.items.every((a) => a.anchor === null && a.backlinks === null)).toBe(true);
    } else {
      const page = mapBacklinksPage(parseFirstResult('backlinks', task));
      expect(BacklinksPageSchema.parse(page)).toEqual(page);
      expect(page.items[0]?.indirectPath).toEqual([{ type: null, statusCode: null, url: null }]);
      expect(page.searchAfterToken).toBeNull();
    }
  });

  it.each(['summary', 'anchors', 'backlinks'] as const)('%s with every field null at every level parses', (name) => {
    const json = nullEverything(fixture(name));
    const task = firstTask(json);
    expect(task.result).toHaveLength(1);
    const endpoint = name === 'summary' ? 'profile' : name;
    const row = parseFirstResult(endpoint, task);
    expect(row).not.toBeNull();
    if (endpoint === 'profile') expect(ProfileSchema.parse(mapProfile(row as never)).backlinks).toBeNull();
    if (endpoint === 'anchors') expect(mapAnchorsPage(row as never)).toEqual({ totalCount: null, items: [] });
    if (endpoint === 'backlinks')
      expect(mapBacklinksPage(row as never)).toEqual({ totalCount: null, items: [], searchAfterToken: null });
  });

  it('an envelope of nulls (tasks null) parses', () => {
    const env = EnvelopeSchema.safeParse({
      version: null,
      status_code: null,
      status_message: null,
      time: null,
      cost: null,
      tasks_count: null,
      tasks_error: null,
      tasks: null,
    });
    expect(env.success).toBe(true);
    expect(env.data?.tasks).toBeNull();
  });

  it('extra unknown fields at every level pass', () => {
    const json = fixture('backlinks');
    json.brand_new_top = { a: 1 };
    json.tasks[0].brand_new_task = [1, 2];
    json.tasks[0].result[0].brand_new_result = 'x';
    json.tasks[0].result[0].items[0].brand_new_item = { nested: true };
    const task = firstTask(json);
    const row = parseFirstResult('backlinks', task)!;
    expect(row.brand_new_result).toBe('x');
    expect(row.items?.[0]?.brand_new_item).toEqual({ nested: true });
    expect(mapBacklinksPage(row).items[0]?.domainFrom).toBe('www.opencart.com');
  });

  it('drifting types never throw and are coerced or dropped', () => {
    const json = fixture('summary');
    const r = json.tasks[0].result[0];
    r.rank = '371';
    r.backlinks = 'lots';
    r.crawled_pages = { n: 1 };
    r.first_seen = 'yesterday';
    r.info = 'cloudflare';
    r.referring_links_tld = { com: 'many', net: 5, org: '7', io: null };
    r.referring_links_types = [1, 2, 3];
    r.target = 12;
    json.tasks[0].cost = '0.02003';
    const task = firstTask(json);
    expect(task.cost).toBe(0.02003);
    const p = mapProfile(parseFirstResult('profile', task)!);
    expect(ProfileSchema.parse(p)).toEqual(p);
    expect(p.rank).toBe(371);
    expect(p.backlinks).toBeNull();
    expect(p.crawledPages).toBeNull();
    expect(p.firstSeen).toBeNull();
    expect(p.info.server).toBeNull();
    expect(p.info.platformTypes).toEqual([]);
    expect(p.tlds).toEqual([
      { key: 'org', count: 7 },
      { key: 'net', count: 5 },
    ]);
    expect(p.linkTypes).toEqual([]);
    expect(p.target).toBe('12');
  });

  it('drifting backlink items never throw', () => {
    const json = fixture('backlinks');
    const items = json.tasks[0].result[0].items;
    items[0].attributes = 'nofollow';
    items[0].is_new = 'yes';
    items[0].is_lost = 'true';
    items[0].indirect_link_path = { type: 'redirect' };
    items[1].attributes = ['nofollow', 3, null, 'ugc'];
    items[1].indirect_link_path = [null, 'x', { status_code: '301', url: 5 }];
    items.push(null, 42, 'text');
    json.tasks[0].result[0].search_after_token = 123;
    const page = mapBacklinksPage(parseFirstResult('backlinks', firstTask(json)));
    expect(BacklinksPageSchema.parse(page)).toEqual(page);
    expect(page.items).toHaveLength(5);
    expect(page.items[0]).toMatchObject({ attributes: [], isNew: null, isLost: true, indirectPath: [] });
    expect(page.items[1]?.attributes).toEqual(['nofollow', 'ugc']);
    expect(page.items[1]?.indirectPath).toEqual([{ type: null, statusCode: 301, url: '5' }]);
    expect(page.searchAfterToken).toBe('123');
  });

  it('a result row that is not an object gives no row', () => {
    const json = fixture('anchors');
    json.tasks[0].result = ['nope'];
    expect(parseFirstResult('anchors', firstTask(json))).toBeNull();
    json.tasks[0].result = { not: 'an array' };
    expect(firstTask(json).result).toBeNull();
  });

  it.each([[null], [[]], ['text'], [42], [{}], [{ hello: 'world' }]])('%j is not an envelope', (body) => {
    expect(EnvelopeSchema.safeParse(body).success).toBe(false);
  });
});

describe('apiDateToIso', () => {
  it.each([
    ['2019-11-15 12:57:46 +00:00', '2019-11-15T12:57:46.000Z'],
    ['2020-01-18 11:50:58 +00:00', '2020-01-18T11:50:58.000Z'],
    ['2019-11-15 14:57:46 +02:00', '2019-11-15T12:57:46.000Z'],
    ['2019-11-15 07:57:46 -0500', '2019-11-15T12:57:46.000Z'],
    ['2019-11-15T12:57:46Z', '2019-11-15T12:57:46.000Z'],
    ['2019-11-15 12:57:46', '2019-11-15T12:57:46.000Z'],
    ['2019-11-15 12:57:46.250 +00:00', '2019-11-15T12:57:46.250Z'],
    ['2025-06-15', '2025-06-15T00:00:00.000Z'],
  ])('%s → %s', (raw, iso) => {
    expect(apiDateToIso(raw)).toBe(iso);
  });

  it.each([[null], [undefined], [''], ['yesterday'], ['2019-13-01 00:00:00 +00:00'], ['2019-02-30 00:00:00 +00:00'], ['2019-11-15 25:00:00 +00:00'], ['15/11/2019']])(
    '%j → null',
    (raw) => {
      expect(apiDateToIso(raw as string | null)).toBeNull();
    },
  );
});

describe('toBreakdown', () => {
  it('sorts by count, largest first, keeping the API order on ties', () => {
    expect(toBreakdown({ a: 1, b: 5, c: 3, d: 5 })).toEqual([
      { key: 'b', count: 5 },
      { key: 'd', count: 5 },
      { key: 'c', count: 3 },
      { key: 'a', count: 1 },
    ]);
    expect(toBreakdown(null)).toEqual([]);
  });
});

describe('account (appendix/user_data)', () => {
  const userData = {
    version: '0.1.20240801',
    status_code: 20000,
    status_message: 'Ok.',
    time: '0.1 sec.',
    cost: 0,
    tasks_count: 1,
    tasks_error: 0,
    tasks: [
      {
        id: '11111111-1111-1111-1111-111111111111',
        status_code: 20000,
        status_message: 'Ok.',
        time: '0.05 sec.',
        cost: 0,
        result_count: 1,
        path: ['v3', 'appendix', 'user_data'],
        data: { api: 'appendix', function: 'user_data' },
        result: [
          {
            login: 'me@example.com',
            timezone: 'UTC',
            rates: { limits: { minute: { total: 2000 } } },
            money: {
              total: 150.5,
              balance: 42.25,
              limits: { day: { total: 10, backlinks: {} }, minute: { total: 0 } },
              statistics: { day: { total: 1.234, total_backlinks: 1.2 }, minute: { total: 0.02 } },
            },
            price: {},
            backlinks_subscription_expiry_date: '2026-06-15 12:57:46 +00:00',
          },
        ],
      },
    ],
  };

  it('maps balance, limits and subscription', () => {
    const a = mapAccount(parseFirstResult('account', firstTask(userData))!);
    expect(AccountSchema.parse(a)).toEqual(a);
    expect(a).toEqual({
      login: 'me@example.com',
      timezone: 'UTC',
      balance: 42.25,
      totalDeposited: 150.5,
      backlinksSubscriptionExpiry: '2026-06-15T12:57:46.000Z',
      dailyCostLimit: 10,
      spentToday: 1.234,
    });
  });

  it('an unset daily limit (0) and no subscription map to null', () => {
    const json = structuredClone(userData);
    json.tasks[0]!.result[0]!.money.limits.day.total = 0;
    (json.tasks[0]!.result[0] as Record<string, unknown>).backlinks_subscription_expiry_date = null;
    const a = mapAccount(parseFirstResult('account', firstTask(json))!);
    expect(a.dailyCostLimit).toBeNull();
    expect(a.backlinksSubscriptionExpiry).toBeNull();
    expect(a.balance).toBe(42.25);
  });

  it('an all-null user_data row maps to nulls', () => {
    const a = mapAccount(parseFirstResult('account', firstTask(nullLeaves(userData)))!);
    expect(Object.values(a).every((x) => x === null)).toBe(true);
  });
});
