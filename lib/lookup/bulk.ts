import {
  BULK_METRICS,
  MAX_BULK_CALL_TARGETS,
  type BulkFigures,
  type BulkMetric,
  type BulkQuote,
  type BulkRefusal,
  type BulkRunResult,
} from '@/lib/bulk';
import { accountFingerprint, credentialsFor, loadCredentials } from '@/lib/credentials';
import type { BacklinksClient } from '@/lib/dataforseo/api';
import { METRIC_ENDPOINT, type BulkItem } from '@/lib/dataforseo/bulk';
import { ENDPOINTS } from '@/lib/dataforseo/endpoints';
import { appError, type AppError, type Outcome } from '@/lib/errors';
import { formatMoney } from '@/lib/format';
import { t } from '@/lib/i18n';
import type { Credentials, Provider } from '@/lib/providers';
import type { Settings } from '@/lib/settings/fields';
import { loadSettings } from '@/lib/settings/store';
import { budgetMessage, type Budget } from './budget';
import type { BulkStore, StoredValues } from './bulkStore';
import type { Ledger } from './ledger';
import { roundUsd } from './ledgerMath';
import type { Limiter } from './limiter';
import { isFree, noCredentialsMessage } from './pipeline';
import { readTargets } from './bulkTargets';

/**
 * Many targets at once (bulkQuote / bulkRun, contract in lib/bulk.ts). Every text is checked with
 * the single lookup's rules (lib/target.ts); refused ones are listed with the reason and never
 * sent. Accepted targets are normalized and de-duplicated, then each metric is looked up in the
 * per-target cache (./bulkStore.ts); only the rest is bought, ≤ 1,000 targets a call. The quote and
 * the run share one plan, so a run makes exactly the calls its quote priced. Each call goes through
 * the same money path as a single check: budget reserve (in the ledger, before the call) → limiter
 * → client → settle with the response's cost → cache; a failed call is released and named, the
 * figures of the others are kept.
 */

export interface BulkContext {
  clientFor: (credentials: Credentials) => BacklinksClient;
  now: () => number;
  ledger: Ledger;
  budget: Budget;
  store: BulkStore;
  limiterFor: (provider: Provider, settings: Settings) => Limiter;
}

/** One call of the plan. */
interface PlannedCall {
  metric: BulkMetric;
  targets: string[];
  estimate: number;
}

interface Plan {
  targets: string[];
  refused: BulkRefusal[];
  metrics: BulkMetric[];
  provider: Provider;
  creds: Credentials;
  settings: Settings;
  ttlMs: number;
  scopes: Record<BulkMetric, string>;
  /** Per metric: the cached values by target (fresh ones only). */
  cached: Record<BulkMetric, Map<string, { fetchedAt: number; values: StoredValues }>>;
  buying: string[];
  calls: PlannedCall[];
  price: number;
}

const chunk = <T>(list: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

/** The values a metric stores per target, from a mapped item. */
function valuesOf(metric: BulkMetric, item: BulkItem | undefined): StoredValues {
  switch (metric) {
    case 'rank':
      return [item?.rank ?? null];
    case 'referringDomains':
      return [item?.referringDomains ?? null, item?.referringDomainsNofollow ?? null];
    case 'backlinks':
      return [item?.backlinks ?? null];
    case 'spamScore':
      return [item?.spamScore ?? null];
  }
}

/** Error kinds after which no further call of the run is tried (they would fail the same way). */
const STOPS_THE_RUN = new Set<AppError['kind']>(['auth', 'account', 'payment', 'no-access', 'budget', 'cost-limit', 'internal', 'no-credentials']);

export function createBulk(ctx: BulkContext) {
  const { now, store } = ctx;

  async function plan(texts: readonly string[], asked: readonly BulkMetric[]): Promise<Outcome<Plan>> {
    const { targets, refused } = readTargets(texts);
    const metrics = BULK_METRICS.filter((m) => asked.includes(m));
    const settings = await loadSettings();
    const creds = credentialsFor(await loadCredentials(), settings.provider);
    if (!creds) return { ok: false, error: appError('no-credentials', noCredentialsMessage(settings.provider), false) };
    const provider = creds.provider;
    const account = await accountFingerprint(creds);
    const ttlMs = ENDPOINTS.bulkRanks.cacheTtlMs(settings);
    const scopes = Object.fromEntries(
      BULK_METRICS.map((m) => [m, `${provider}:${account}${m === 'rank' ? `:${settings.rankScale}` : ''}`]),
    ) as Record<BulkMetric, string>;
    const t = now();
    const cached = Object.fromEntries(BULK_METRICS.map((m) => [m, new Map()])) as Plan['cached'];
    for (const m of metrics) cached[m] = await store.read(m, scopes[m], targets, { now: t, ttlMs });
    const buying = targets.filter((target) => metrics.some((m) => !cached[m].has(target)));
    const calls: PlannedCall[] = [];
    for (const batch of chunk(buying, MAX_BULK_CALL_TARGETS)) {
      for (const metric of metrics) {
        const toBuy = batch.filter((target) => !cached[metric].has(target));
        if (toBuy.length === 0) continue;
        const estimate = isFree(provider) ? 0 : ENDPOINTS[METRIC_ENDPOINT[metric]].price(toBuy.length);
        calls.push({ metric, targets: toBuy, estimate });
      }
    }
    const price = roundUsd(calls.reduce((sum, c) => sum + c.estimate, 0));
    return {
      ok: true,
      value: { targets, refused, metrics, provider, creds, settings, ttlMs, scopes, cached, buying, calls, price },
    };
  }

  function quoteOf(p: Plan): BulkQuote {
    return {
      targets: p.targets,
      refused: p.refused,
      perMetric: p.metrics.map((metric) => {
        const mine = p.calls.filter((c) => c.metric === metric);
        return {
          metric,
          cached: p.cached[metric].size,
          toBuy: mine.reduce((n, c) => n + c.targets.length, 0),
          calls: mine.length,
        };
      }),
      calls: p.calls.length,
      priceUsd: p.price,
      buying: p.buying,
    };
  }

  async function quote(texts: readonly string[], metrics: readonly BulkMetric[]): Promise<Outcome<BulkQuote>> {
    const p = await plan(texts, metrics);
    return p.ok ? { ok: true, value: quoteOf(p.value) } : p;
  }

  async function run(texts: readonly string[], asked: readonly BulkMetric[], maxPriceUsd: number): Promise<Outcome<BulkRunResult>> {
    const planned = await plan(texts, asked);
    if (!planned.ok) return planned;
    const p = planned.value;
    // The price the user confirmed is a ceiling: a plan that costs more (the cache expired since
    // the quote, other targets) is refused whole, before anything is spent.
    if (p.price > roundUsd(Math.max(0, maxPriceUsd)) + 1e-9) {
      return {
        ok: false,
        error: appError('invalid-request', t('errBulkPriceRose', formatMoney(p.price), formatMoney(maxPriceUsd)), false),
      };
    }
    const dailyBudget = p.settings.dailyBudget;
    if (dailyBudget !== null && p.price > 0) {
      const summary = await ctx.ledger.summary(now());
      if (summary.committedToday + p.price > dailyBudget + 1e-9) {
        const inProgress = roundUsd(summary.committedToday - summary.today);
        return { ok: false, error: appError('budget', budgetMessage(dailyBudget, summary.today, Math.max(0, inProgress), p.price), false) };
      }
    }

    const values: Record<BulkMetric, Map<string, { fetchedAt: number; values: StoredValues }>> = p.cached;
    const failed: BulkRunResult['failed'] = [];
    let calls = 0;
    let spent = 0;
    let estimated = 0;
    let stopped: AppError | null = null;
    const limiter = ctx.limiterFor(p.provider, p.settings);
    const client = ctx.clientFor(p.creds);

    async function oneCall(call: PlannedCall): Promise<AppError | null> {
      const endpoint = METRIC_ENDPOINT[call.metric];
      const reservation = await ctx.budget.reserve({
        estimate: call.estimate,
        dailyBudget,
        now: now(),
        meta: { provider: p.provider, endpoint, target: `${call.targets.length} sites` },
      });
      if (!reservation.ok) return reservation.error;
      let settled = false;
      try {
        const outcome = await limiter.run(() => client.bulk(endpoint, { targets: call.targets, rankScale: p.settings.rankScale }));
        if (!outcome.ok) return outcome.error; // a failed task is not charged: released below
        const at = now();
        // Money first: the reservation is settled with the response's cost before anything else.
        const settlement = await reservation.value.settle(isFree(p.provider) ? 0 : outcome.value.cost, { rows: outcome.value.rows, at });
        settled = true;
        if (!settlement.ok) console.error('Backlink Lens: could not settle the cost of a bulk call', settlement.message);
        calls++;
        estimated = roundUsd(estimated + call.estimate);
        spent = roundUsd(spent + (isFree(p.provider) ? 0 : settlement.ok ? settlement.cost : call.estimate));
        const byTarget = new Map<string, BulkItem>();
        const byLower = new Map<string, BulkItem>();
        for (const item of outcome.value.data.items) {
          byTarget.set(item.target, item);
          byLower.set(item.target.toLowerCase(), item);
        }
        const bought = new Map<string, StoredValues>();
        for (const target of call.targets) {
          const item = byTarget.get(target) ?? byLower.get(target.toLowerCase());
          const v = valuesOf(call.metric, item);
          bought.set(target, v);
          values[call.metric].set(target, { fetchedAt: at, values: v });
        }
        try {
          await store.write(call.metric, p.scopes[call.metric], bought, { now: at, ttlMs: p.ttlMs });
        } catch (e) {
          console.error('Backlink Lens: could not cache bulk figures', e);
        }
        return null;
      } finally {
        if (!settled) await reservation.value.releaseNow();
      }
    }

    // Metrics side by side (the limiter bounds the calls in flight), each metric's calls in turn.
    await Promise.all(
      p.metrics.map(async (metric) => {
        for (const call of p.calls.filter((c) => c.metric === metric)) {
          if (stopped) break;
          const error = await oneCall(call);
          if (!error) continue;
          failed.push({ metric, message: error.message });
          if (STOPS_THE_RUN.has(error.kind)) stopped = error;
          break; // the rest of this metric would fail the same way
        }
      }),
    );
    if (stopped) {
      for (const metric of p.metrics) {
        if (!failed.some((f) => f.metric === metric) && p.calls.some((c) => c.metric === metric && c.targets.some((x) => !values[metric].has(x)))) {
          failed.push({ metric, message: t('errNotFetched', (stopped as AppError).message) });
        }
      }
    }

    const figures: BulkFigures[] = p.targets.map((target) => {
      const get = (m: BulkMetric) => (p.metrics.includes(m) ? values[m].get(target) : undefined);
      const times = p.metrics.map((m) => get(m)?.fetchedAt).filter((x): x is number => x !== undefined);
      const rd = get('referringDomains')?.values;
      return {
        target,
        rank: get('rank')?.values[0] ?? null,
        referringDomains: rd?.[0] ?? null,
        referringDomainsNofollow: rd?.[1] ?? null,
        backlinks: get('backlinks')?.values[0] ?? null,
        spamScore: get('spamScore')?.values[0] ?? null,
        fetchedAt: times.length ? new Date(Math.min(...times)).toISOString() : null,
      };
    });
    return { ok: true, value: { figures, refused: p.refused, calls, spentUsd: spent, estimatedUsd: estimated, failed } };
  }

  return { quote, run };
}
