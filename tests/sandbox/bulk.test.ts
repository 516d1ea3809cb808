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
  }, 60_000); // exact mode generates each target's data set: seconds on a loaded machine

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

describe('bulk endpoints: the fast figures mode', () => {
  let fast: SandboxHandle;
  beforeAll(async () => {
    fast = await startSandbox({ port: 0, bulkFigures: 'fast' });
  });
  afterAll(async () => {
    await fast.close();
  });
  const fastLive = async (name: string, task: Record<string, unknown>) => {
    const res = await fetch(`${fast.url}/v3/backlinks/${name}/live`, { method: 'POST', headers: { authorization: BASIC, 'content-type': 'application/json' }, body: JSON.stringify([task]) });
    expect(res.status).toBe(200);
    return res.json() as Promise<any>;
  };

  it('answers 4 × 1,000 new targets in seconds, not minutes (no data set generated)', async () => {
    const targets = Array.from({ length: 1000 }, (_, i) => `fast-site-${i}.com`);
    const started = performance.now();
    for (const name of ['bulk_ranks', 'bulk_backlinks', 'bulk_referring_domains', 'bulk_spam_score']) {
      const r = await fastLive(name, { targets });
      expect(r.status_code).toBe(20000);
      expect(r.tasks[0].result[0].items).toHaveLength(1000);
      expect(r.cost).toBe(0.05);
    }
    // The exact mode takes ≈ 0.2 s per new target, i.e. minutes for these 4,000 items even on a fast machine.
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  it('each figure equals what the summary answers for the same target, on both rank scales', async () => {
    for (const t of ['fast-a.com', 'blog.fast-b.org', 'https://fast-c.net/pricing', 'empty-fast.com']) {
      const s = (await fastLive('summary', { target: t })).tasks[0].result[0];
      const s100 = (await fastLive('summary', { target: t, rank_scale: 'one_hundred' })).tasks[0].result[0];
      const rank = (await fastLive('bulk_ranks', { targets: [t] })).tasks[0].result[0].items[0];
      const rank100 = (await fastLive('bulk_ranks', { targets: [t], rank_scale: 'one_hundred' })).tasks[0].result[0].items[0];
      const bl = (await fastLive('bulk_backlinks', { targets: [t] })).tasks[0].result[0].items[0];
      const rd = (await fastLive('bulk_referring_domains', { targets: [t] })).tasks[0].result[0].items[0];
      const spam = (await fastLive('bulk_spam_score', { targets: [t] })).tasks[0].result[0].items[0];
      expect(rank).toEqual({ target: t, rank: s.rank ?? 0 });
      expect(rank100.rank).toBe(s100.rank ?? 0);
      expect(bl).toEqual({ target: t, backlinks: s.backlinks });
      expect(rd).toEqual({
        target: t,
        referring_domains: s.referring_domains,
        referring_domains_nofollow: s.referring_domains_nofollow ?? 0,
        referring_main_domains: s.referring_main_domains,
        referring_main_domains_nofollow: s.referring_main_domains_nofollow ?? 0,
      });
      expect(spam.spam_score).toBe(s.backlinks_spam_score ?? 0);
      if (!t.startsWith('empty')) {
        expect(s.backlinks).toBeGreaterThan(0);
        expect(s.referring_domains).toBeGreaterThan(0);
        expect(s.referring_domains).toBeLessThanOrEqual(s.backlinks);
        expect(s.referring_main_domains).toBeLessThanOrEqual(s.referring_domains);
      }
    }
  });

  it('keeps the validation: > 1,000 targets → 40501, unknown fields → 40506, at no cost', async () => {
    const r = await fastLive('bulk_ranks', { targets: Array.from({ length: 1001 }, (_, i) => `x${i}.com`) });
    expect(r.status_code).toBe(40501);
    expect(r.cost).toBe(0);
    expect((await fastLive('bulk_spam_score', { targets: ['a.com'], limit: 3 })).status_code).toBe(40506);
  });

  it('the same target gives the same figures in the fast and in another fast sandbox (deterministic)', async () => {
    const a = (await fastLive('bulk_backlinks', { targets: ['same.com', 'other.com'] })).tasks[0].result[0].items;
    const again = await startSandbox({ port: 0, bulkFigures: 'fast' });
    try {
      const res = await fetch(`${again.url}/v3/backlinks/bulk_backlinks/live`, { method: 'POST', headers: { authorization: BASIC }, body: JSON.stringify([{ targets: ['same.com', 'other.com'] }]) });
      expect(((await res.json()) as any).tasks[0].result[0].items).toEqual(a);
    } finally {
      await again.close();
    }
    expect(a[0].backlinks).not.toBe(a[1].backlinks);
  });
});
