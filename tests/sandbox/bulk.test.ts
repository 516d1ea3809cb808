import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from './server';

const BASIC = `Basic ${Buffer.from('demo@backlinklens.test:demo-api-password').toString('base64')}`;
const TARGETS = ['bulk-one.com', 'blog.bulk-two.org', 'https://bulk-three.net/pricing'];

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => sb.reset());

async function post(path: string, body: unknown, auth = BASIC): Promise<any> {
  const res = await fetch(`${sb.url}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return res.json();
}
const live = (name: string, task: Record<string, unknown>) => post(`/v3/backlinks/${name}/live`, [task]);
const summary = async (target: string, extra: Record<string, unknown> = {}) => (await live('summary', { target, ...extra })).tasks[0].result[0];

describe('bulk endpoints: validation', () => {
  it.each(['bulk_ranks', 'bulk_backlinks', 'bulk_referring_domains', 'bulk_spam_score', 'bulk_pages_summary'])('%s refuses bad tasks at no cost', async (name) => {
    const cases: [Record<string, unknown>, number][] = [
      [{ targets: ['a.com'], target: 'a.com' }, 40506],
      [{ targets: ['a.com'], limit: 10 }, 40506],
      [{}, 40501],
      [{ targets: [] }, 40501],
      [{ targets: 'a.com' }, 40501],
      [{ targets: Array.from({ length: 1001 }, (_, i) => `empty${i}.com`) }, 40501],
      [{ targets: ['a.com', 'www.b.com'] }, 40501],
      [{ targets: ['ftp://a.com'] }, 40501],
      [{ targets: ['a.com/path'] }, 40501],
      [{ targets: ['a.com', 7] }, 40501],
      [{ targets: ['a.com'], tag: 'x'.repeat(256) }, 40501],
    ];
    for (const [task, code] of cases) {
      const r = await live(name, task);
      expect(r.status_code, JSON.stringify(task).slice(0, 80)).toBe(code);
      expect(r.tasks[0].status_code).toBe(code);
      expect(r.tasks[0].result).toBeNull();
      expect(r.cost).toBe(0);
    }
    expect(sb.apiCalls({ endpoint: name })).toHaveLength(cases.length);
  });

  it('checks rank_scale and include_subdomains where they are taken', async () => {
    expect((await live('bulk_ranks', { targets: ['a.com'], rank_scale: 'ten' })).status_code).toBe(40501);
    expect((await live('bulk_pages_summary', { targets: ['a.com'], include_subdomains: 'yes' })).status_code).toBe(40501);
    expect((await live('bulk_backlinks', { targets: ['a.com'], rank_scale: 'one_hundred' })).status_code).toBe(40506);
    expect((await live('bulk_ranks', { targets: ['a.com'], include_subdomains: true })).status_code).toBe(40506);
  });

  it('takes exactly 1,000 targets and bills one row per target', async () => {
    const targets = Array.from({ length: 1000 }, (_, i) => `empty${i}.com`);
    const r = await live('bulk_ranks', { targets, tag: 'list' });
    expect(r.status_code).toBe(20000);
    expect(r.tasks[0].result[0].items_count).toBe(1000);
    expect(r.tasks[0].result[0].items.map((x: any) => x.target)).toEqual(targets);
    expect(r.cost).toBe(0.05);
    expect(r.tasks[0].cost).toBe(0.05);
    expect(r.tasks[0].data.tag).toBe('list');
    expect(sb.apiCalls({ endpoint: 'bulk_ranks' })[0]!.cost).toBe(0.05);
  });
});

describe('bulk endpoints: figures agree with the summary', () => {
  it('rank, backlinks, referring domains and spam score equal the summary of each target', async () => {
    const sums = await Promise.all(TARGETS.map((t) => summary(t)));
    const sums100 = await Promise.all(TARGETS.map((t) => summary(t, { rank_scale: 'one_hundred' })));
    const ranks = (await live('bulk_ranks', { targets: TARGETS })).tasks[0].result[0];
    const ranks100 = (await live('bulk_ranks', { targets: TARGETS, rank_scale: 'one_hundred' })).tasks[0].result[0];
    const bls = (await live('bulk_backlinks', { targets: TARGETS })).tasks[0].result[0];
    const rds = (await live('bulk_referring_domains', { targets: TARGETS })).tasks[0].result[0];
    const spam = (await live('bulk_spam_score', { targets: TARGETS })).tasks[0].result[0];
    TARGETS.forEach((t, i) => {
      const s = sums[i];
      expect(ranks.items[i]).toEqual({ target: t, rank: s.rank });
      expect(ranks100.items[i].rank).toBe(sums100[i].rank);
      expect(ranks100.items[i].rank).toBeLessThanOrEqual(100);
      expect(bls.items[i]).toEqual({ target: t, backlinks: s.backlinks });
      expect(rds.items[i]).toEqual({
        target: t,
        referring_domains: s.referring_domains,
        referring_domains_nofollow: s.referring_domains_nofollow,
        referring_main_domains: s.referring_main_domains,
        referring_main_domains_nofollow: s.referring_main_domains_nofollow,
      });
      expect(spam.items[i]).toEqual({ type: 'backlinks_bulk_spam_score', target: t, spam_score: s.backlinks_spam_score });
      expect(s.backlinks).toBeGreaterThan(0);
    });
    expect(ranks.items_count).toBe(3);
  });

  it('bulk_pages_summary items are the summary of each target (url in place of target)', async () => {
    const r = await live('bulk_pages_summary', { targets: TARGETS, rank_scale: 'one_hundred', include_subdomains: false });
    expect(r.cost).toBe(0.02009);
    const res = r.tasks[0].result[0];
    expect(res.total_count).toBe(3);
    for (const [i, t] of TARGETS.entries()) {
      const { target, ...s } = await summary(t, { rank_scale: 'one_hundred', include_subdomains: false });
      expect(target).toBe(t);
      expect(res.items[i]).toEqual({ type: 'backlinks_page_summary', url: t, ...s });
    }
  });

  it('the same targets give the same figures in any order; empty targets give zeros', async () => {
    const a = (await live('bulk_backlinks', { targets: TARGETS })).tasks[0].result[0].items;
    const b = (await live('bulk_backlinks', { targets: [...TARGETS].reverse() })).tasks[0].result[0].items;
    expect(b.reverse()).toEqual(a);
    const e = (await live('bulk_ranks', { targets: ['empty-site.com'] })).tasks[0].result[0].items[0];
    expect(e).toEqual({ target: 'empty-site.com', rank: 0 });
  });
});

describe('bulk endpoints: gateway, log and faults', () => {
  it('answers on the AIsa path with a Bearer key and records the endpoint name', async () => {
    const r = await post('/apis/v1/dataforseo/backlinks/bulk_spam_score/live', [{ targets: ['bulk-one.com'] }], 'Bearer sk-aisa-demo');
    expect(r.status_code).toBe(20000);
    expect(r.cost).toBe(0.02003);
    const bad = await fetch(`${sb.url}/apis/v1/dataforseo/backlinks/bulk_spam_score/live`, { method: 'POST', headers: { authorization: 'Bearer nope' }, body: '[]' });
    expect(bad.status).toBe(401);
    const rec = sb.apiCalls({ endpoint: 'bulk_spam_score' });
    expect(rec.map((x) => x.provider)).toEqual(['aisa', 'aisa']);
    expect(rec[0]!.cost).toBe(0.02003);
  });

  it('wrong Basic credentials → 40100, and a fault can target a bulk endpoint by name', async () => {
    const res = await fetch(`${sb.url}/v3/backlinks/bulk_ranks/live`, { method: 'POST', headers: { authorization: 'Basic eDp5' }, body: '[]' });
    expect(res.status).toBe(401);
    sb.addFault({ endpoint: 'bulk_ranks', statusCode: 40210, times: 1 });
    const f = await fetch(`${sb.url}/v3/backlinks/bulk_ranks/live`, { method: 'POST', headers: { authorization: BASIC }, body: JSON.stringify([{ targets: ['a.com'] }]) });
    expect(f.status).toBe(402);
    expect(((await f.json()) as any).status_code).toBe(40210);
    expect((await live('bulk_backlinks', { targets: ['empty-x.com'] })).status_code).toBe(20000);
    expect((await live('bulk_ranks', { targets: ['empty-x.com'] })).status_code).toBe(20000);
  });
});
