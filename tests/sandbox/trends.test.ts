import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from './server';

const BASIC = `Basic ${Buffer.from('demo@backlinklens.test:demo-api-password').toString('base64')}`;
const T = 'trend-check.com';
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => sb.reset());

async function live(name: string, task: Record<string, unknown>): Promise<any> {
  const res = await fetch(`${sb.url}/v3/backlinks/${name}/live`, { method: 'POST', headers: { authorization: BASIC }, body: JSON.stringify([task]) });
  expect(res.status).toBe(200);
  return res.json();
}
const result = async (name: string, task: Record<string, unknown>) => {
  const r = await live(name, task);
  expect(r.status_code, JSON.stringify(r.tasks?.[0]?.status_message)).toBe(20000);
  return r.tasks[0].result[0];
};

describe('trend endpoints: validation', () => {
  it.each([
    ['history', { target: T, group_range: 'month' }, 40506],
    ['history', { target: T, include_subdomains: true }, 40506],
    ['timeseries_new_lost_summary', { target: T, rank_scale: 'one_hundred' }, 40506],
    ['timeseries_summary', { target: T, limit: 5 }, 40506],
    ['history', { target: 'https://trend-check.com/' }, 40501],
    ['history', { target: 'www.trend-check.com' }, 40501],
    ['timeseries_summary', {}, 40501],
    ['history', { target: T, date_from: '2018-12-31' }, 40501],
    ['timeseries_summary', { target: T, date_from: '2019-01-29' }, 40501],
    ['timeseries_summary', { target: T, date_from: '2021-02-30' }, 40501],
    ['timeseries_summary', { target: T, date_from: '2021/02/01' }, 40501],
    ['timeseries_summary', { target: T, date_to: '2999-01-01' }, 40501],
    ['timeseries_summary', { target: T, date_from: '2022-05-02', date_to: '2022-05-01' }, 40501],
    ['timeseries_summary', { target: T, group_range: 'quarter' }, 40501],
    ['timeseries_summary', { target: T, include_subdomains: 'no' }, 40501],
    ['history', { target: T, rank_scale: 'ten' }, 40501],
  ])('%s %j → %i at no cost', async (name, task, code) => {
    const r = await live(name, task);
    expect(r.status_code).toBe(code);
    expect(r.tasks[0].result).toBeNull();
    expect(r.cost).toBe(0);
    expect(sb.apiCalls({ endpoint: name })).toHaveLength(1);
  });
});

describe('trend endpoints: figures', () => {
  it('the latest point of history and timeseries_summary equals the summary', async () => {
    const s = (await live('summary', { target: T, rank_scale: 'one_hundred' })).tasks[0].result[0];
    const h = await result('history', { target: T, rank_scale: 'one_hundred' });
    expect(h.date_from).toBe('2019-01-01');
    expect(h.date_to).toBe(today);
    const last = h.items[h.items.length - 1];
    expect(last.date).toBe(`${today} 00:00:00 +00:00`);
    for (const k of ['rank', 'backlinks', 'referring_domains', 'referring_domains_nofollow', 'referring_main_domains', 'referring_main_domains_nofollow', 'referring_ips', 'referring_subnets', 'referring_pages', 'referring_pages_nofollow', 'broken_backlinks', 'crawled_pages', 'info', 'referring_links_tld'])
      expect(last[k], k).toEqual(s[k]);
    expect(h.items[0].date.slice(0, 7)).toBe('2019-01');
    expect(h.items[0].new_backlinks).toBe(0);
    expect(h.items_count).toBe(h.items.length);
    expect(h.items.length).toBeGreaterThan(80);
    // A long history grows: the first point is below the latest.
    expect(h.items[0].backlinks).toBeLessThan(last.backlinks);

    const ts = await result('timeseries_summary', { target: T, date_from: daysAgo(90), group_range: 'week', rank_scale: 'one_hundred' });
    const tl = ts.items[ts.items.length - 1];
    for (const k of ['rank', 'backlinks', 'referring_domains', 'referring_main_domains', 'referring_pages', 'referring_ips']) expect(tl[k], k).toBe(s[k]);
    expect(ts.group_range).toBe('week');
  });

  it('groups into full periods dated by their last day, as documented', async () => {
    const ts = await result('timeseries_summary', { target: T, date_from: '2022-03-23', date_to: '2022-05-13', group_range: 'month' });
    expect(ts.items.map((x: any) => x.date)).toEqual(['2022-03-31 00:00:00 +00:00', '2022-04-30 00:00:00 +00:00', '2022-05-31 00:00:00 +00:00']);
    const days = await result('timeseries_new_lost_summary', { target: T, date_from: '2022-03-23', date_to: '2022-03-29', group_range: 'day' });
    expect(days.items).toHaveLength(7);
    const weeks = await result('timeseries_summary', { target: T, date_from: '2024-01-03', date_to: '2024-01-20', group_range: 'week' });
    expect(weeks.items.map((x: any) => x.date.slice(0, 10))).toEqual(['2024-01-07', '2024-01-14', '2024-01-21']);
    const years = await result('timeseries_summary', { target: T, date_from: '2020-06-01', date_to: '2021-02-01', group_range: 'year' });
    expect(years.items.map((x: any) => x.date.slice(0, 10))).toEqual(['2020-12-31', '2021-12-31']);
  });

  it('new − lost of each period is the change of the figures from the previous period', async () => {
    const task = { target: T, date_from: daysAgo(200), group_range: 'week' };
    const ts = (await result('timeseries_summary', task)).items;
    const nl = (await result('timeseries_new_lost_summary', task)).items;
    expect(nl.map((x: any) => x.date)).toEqual(ts.map((x: any) => x.date));
    let moved = 0;
    for (let i = 1; i < ts.length; i++) {
      expect(ts[i].backlinks - ts[i - 1].backlinks).toBe(nl[i].new_backlinks - nl[i].lost_backlinks);
      expect(ts[i].referring_domains - ts[i - 1].referring_domains).toBe(nl[i].new_referring_domains - nl[i].lost_referring_domains);
      expect(ts[i].referring_main_domains - ts[i - 1].referring_main_domains).toBe(nl[i].new_referring_main_domains - nl[i].lost_referring_main_domains);
      expect(nl[i].lost_backlinks).toBeGreaterThanOrEqual(0);
      expect(nl[i].new_backlinks).toBeGreaterThanOrEqual(0);
      moved += nl[i].new_backlinks + nl[i].lost_backlinks;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('is deterministic, honours include_subdomains, and bills one row per item', async () => {
    const task = { target: T, date_from: daysAgo(60), group_range: 'day', include_subdomains: false };
    const r1 = await live('timeseries_summary', task);
    const r2 = await live('timeseries_summary', task);
    expect(r2.tasks[0].result).toEqual(r1.tasks[0].result);
    const items = r1.tasks[0].result[0].items;
    expect(items).toHaveLength(61);
    expect(r1.cost).toBe(Math.round((0.02 + 0.00003 * 61) * 1e5) / 1e5);
    expect(sb.apiCalls({ endpoint: 'timeseries_summary' })[0]!.cost).toBe(r1.cost);
    const s = (await live('summary', { target: T, include_subdomains: false })).tasks[0].result[0];
    expect(items[60].backlinks).toBe(s.backlinks);
    expect(items[60].referring_domains).toBe(s.referring_domains);
  });

  it('an empty target has zeros throughout; the AIsa path answers too', async () => {
    const h = await result('history', { target: 'empty-trend.com', date_from: daysAgo(70) });
    expect(h.items.every((x: any) => x.backlinks === 0 && x.referring_domains === 0 && x.rank === 0)).toBe(true);
    const res = await fetch(`${sb.url}/apis/v1/dataforseo/backlinks/timeseries_new_lost_summary/live`, { method: 'POST', headers: { authorization: 'Bearer sk-aisa-demo' }, body: JSON.stringify([{ target: T }]) });
    const j: any = await res.json();
    expect(j.status_code).toBe(20000);
    expect(j.tasks[0].result[0].items[0].type).toBe('backlinks_timeseries_new_lost_summary');
    expect(sb.apiCalls({ endpoint: 'timeseries_new_lost_summary' })[0]!.provider).toBe('aisa');
  });
});
