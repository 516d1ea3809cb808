import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from './server';

const BASIC = `Basic ${Buffer.from('demo@backlinklens.test:demo-api-password').toString('base64')}`;
const T = 'refdomains-check.com';

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

describe('referring_domains', () => {
  it.each([
    [{ target: T, mode: 'as_is' }, 40506],
    [{ target: T, search_after_token: 'x' }, 40506],
    [{ target: 'www.refdomains-check.com' }, 40501],
    [{ target: T, limit: 1001 }, 40501],
    [{ target: T, limit: 0 }, 40501],
    [{ target: T, offset: 20_001 }, 40501],
    [{ target: T, filters: ['anchor', '=', 'x'] }, 40501],
    [{ target: T, filters: ['url_from', '=', 'x'] }, 40501],
    [{ target: T, order_by: ['domain_from,desc'] }, 40501],
    [{ target: T, order_by: ['a,desc', 'b,desc', 'c,desc', 'd,desc'] }, 40501],
    [{ target: T, backlinks_status_type: 'dead' }, 40501],
    [{ target: T, internal_list_limit: 1001 }, 40501],
  ])('%j → %i at no cost', async (task, code) => {
    const r = await live('referring_domains', task);
    expect(r.status_code).toBe(code);
    expect(r.cost).toBe(0);
    expect(sb.apiCalls({ endpoint: 'referring_domains', target: task.target })).toHaveLength(1);
  });

  it('one item per referring domain: the count and the backlinks agree with the summary', async () => {
    const s = (await live('summary', { target: T })).tasks[0].result[0];
    const all: any[] = [];
    let total = 0;
    for (let offset = 0; ; offset += 1000) {
      const r = await live('referring_domains', { target: T, limit: 1000, offset });
      const res = r.tasks[0].result[0];
      total = res.total_count;
      expect(r.cost).toBe(Math.round((0.02 + 0.00003 * res.items_count) * 1e5) / 1e5);
      all.push(...res.items);
      if (res.items_count < 1000) break;
    }
    expect(total).toBe(s.referring_domains);
    expect(all).toHaveLength(s.referring_domains);
    expect(new Set(all.map((x) => x.domain)).size).toBe(all.length);
    expect(all.reduce((n, x) => n + x.backlinks, 0)).toBe(s.backlinks);
    expect(all.filter((x) => x.referring_domains_nofollow > 0)).toHaveLength(s.referring_domains_nofollow);
    // Default order: rank, descending.
    for (let i = 1; i < all.length; i++) expect(all[i - 1].rank).toBeGreaterThanOrEqual(all[i].rank);
    expect(all[0].type).toBe('backlinks_referring_domain');
  });

  it('filters, order_by, rank_scale and backlinks_filters act on it', async () => {
    const r = (await live('referring_domains', { target: T, filters: [['backlinks', '>', 2], 'and', ['domain', 'like', '%.com']], order_by: ['backlinks,desc', 'domain,asc'], limit: 50, rank_scale: 'one_hundred' })).tasks[0].result[0];
    expect(r.items.length).toBeGreaterThan(0);
    for (const x of r.items) {
      expect(x.backlinks).toBeGreaterThan(2);
      expect(x.domain.endsWith('.com')).toBe(true);
      expect(x.rank).toBeLessThanOrEqual(100);
    }
    for (let i = 1; i < r.items.length; i++) expect(r.items[i - 1].backlinks).toBeGreaterThanOrEqual(r.items[i].backlinks);
    const dofollow = (await live('referring_domains', { target: T, backlinks_filters: ['dofollow', '=', true], limit: 1 })).tasks[0].result[0];
    const sDofollow = (await live('summary', { target: T, backlinks_filters: ['dofollow', '=', true] })).tasks[0].result[0];
    expect(dofollow.total_count).toBe(sDofollow.referring_domains);
  });
});

describe('domain_intersection', () => {
  const A = 'beta-store.com';
  const B = 'gamma.org';
  async function allDomains(target: string): Promise<Map<string, any>> {
    const out = new Map<string, any>();
    for (let offset = 0; ; offset += 1000) {
      const res = (await live('referring_domains', { target, limit: 1000, offset })).tasks[0].result[0];
      for (const x of res.items) out.set(x.domain, x);
      if (res.items_count < 1000) return out;
    }
  }

  it.each([
    [{ targets: ['a.com', 'b.com'] }, 40501],
    [{ targets: {} }, 40501],
    [{ targets: { a: 'a.com' } }, 40501],
    [{ targets: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [String(i + 1), `t${i}.com`])) }, 40501],
    [{ targets: { '1': 'a.com', '2': 'www.b.com' } }, 40501],
    [{ targets: { '1': 'a.com' }, exclude_targets: Array.from({ length: 11 }, (_, i) => `x${i}.com`) }, 40501],
    [{ targets: { '1': 'a.com' }, exclude_targets: ['ftp://x.com'] }, 40501],
    [{ targets: { '1': 'a.com' }, intersection_mode: 'some' }, 40501],
    [{ targets: { '1': 'a.com' }, order_by: ['rank,desc'] }, 40501],
    [{ targets: { '1': 'a.com' }, limit: 1001 }, 40501],
    [{ targets: { '1': 'a.com' }, target: 'a.com' }, 40506],
    [{ targets: { '1': 'a.com' }, mode: 'as_is' }, 40506],
  ])('%j → %i at no cost', async (task, code) => {
    const r = await live('domain_intersection', task);
    expect(r.status_code).toBe(code);
    expect(r.cost).toBe(0);
  });

  it('the intersection and the exclusion agree with each target\'s referring_domains', async () => {
    const a = await allDomains(A);
    const b = await allDomains(B);
    const both = [...a.keys()].filter((d) => b.has(d));
    expect(both.length).toBeGreaterThan(0);
    const r = await live('domain_intersection', { targets: { '1': A, '2': B } });
    const res = r.tasks[0].result[0];
    expect(res.total_count).toBe(both.length);
    expect(r.cost).toBe(Math.round((0.02 + 0.00003 * res.items_count) * 1e5) / 1e5);
    for (const it of res.items) {
      expect(it.summary.intersections_count).toBe(2);
      const d = it.domain_intersection['1'].target;
      const { domain: _d, type: _t, ...fromA } = a.get(d);
      const { domain: _e, type: _u, ...fromB } = b.get(d);
      expect(it.domain_intersection['1']).toEqual({ type: 'backlinks_domain_intersection', target: d, ...fromA });
      expect(it.domain_intersection['2']).toEqual({ type: 'backlinks_domain_intersection', target: d, ...fromB });
    }
    // Link gap: domains of A that do not link to B.
    const gap = (await live('domain_intersection', { targets: { '1': A }, exclude_targets: [B], limit: 1000 })).tasks[0].result[0];
    expect(gap.total_count).toBe(a.size - both.length);
    expect(gap.items.some((x: any) => b.has(x.domain_intersection['1'].target))).toBe(false);
    // Partial: every domain linking to either, the shared ones first.
    const partial = (await live('domain_intersection', { targets: { '1': A, '2': B }, intersection_mode: 'partial', limit: 1000 })).tasks[0].result[0];
    expect(partial.total_count).toBe(a.size + b.size - both.length);
    expect(partial.items.slice(0, both.length).every((x: any) => x.summary.intersections_count === 2)).toBe(true);
    expect(partial.items[both.length].summary.intersections_count).toBe(1);
    expect(Object.values(partial.items[both.length].domain_intersection)).toContain(null);
  });
});

describe('competitors', () => {
  it.each([
    [{ target: T, mode: 'as_is' }, 40506],
    [{ target: T, targets: [T] }, 40506],
    [{ target: 'https://x.com/a b' }, 40501],
    [{ target: T, main_domain: 'yes' }, 40501],
    [{ target: T, exclude_large_domains: 1 }, 40501],
    [{ target: T, filters: ['domain', '=', 'x'] }, 40501],
    [{ target: T, order_by: ['backlinks,desc'] }, 40501],
    [{ target: T, limit: 1001 }, 40501],
  ])('%j → %i at no cost', async (task, code) => {
    const r = await live('competitors', task);
    expect(r.status_code).toBe(code);
    expect(r.cost).toBe(0);
  });

  it('intersections equal the domain_intersection count of the pair; rank is the competitor summary rank', async () => {
    const r = await live('competitors', { target: T, rank_scale: 'one_hundred' });
    const res = r.tasks[0].result[0];
    expect(res.items.length).toBeGreaterThan(0);
    expect(r.cost).toBe(Math.round((0.02 + 0.00003 * res.items_count) * 1e5) / 1e5);
    for (let i = 1; i < res.items.length; i++) expect(res.items[i - 1].intersections).toBeGreaterThanOrEqual(res.items[i].intersections);
    for (const c of res.items.slice(0, 3)) {
      expect(c.type).toBe('backlinks_competitor');
      expect(c.target).not.toBe(T);
      const pair = (await live('domain_intersection', { targets: { '1': T, '2': c.target }, limit: 1 })).tasks[0].result[0];
      expect(pair.total_count).toBe(c.intersections);
      const s = (await live('summary', { target: c.target, rank_scale: 'one_hundred' })).tasks[0].result[0];
      expect(c.rank).toBe(s.rank);
    }
    const filtered = (await live('competitors', { target: T, filters: ['intersections', '>=', res.items[0].intersections], order_by: ['target,asc'] })).tasks[0].result[0];
    expect(filtered.items.every((x: any) => x.intersections >= res.items[0].intersections)).toBe(true);
    expect(filtered.total_count).toBeGreaterThan(0);
  }, 60_000);
});
