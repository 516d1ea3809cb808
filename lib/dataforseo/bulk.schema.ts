import { z } from 'zod/mini';
import { appError, type Outcome } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { MAX_BULK_CALL_TARGETS } from '@/lib/bulk';
import type { BulkEndpoint, BulkItem, BulkPage, BulkParams } from './bulk';
import type { EndpointSchemaRow } from './endpointRow.schema';
import { num, str } from './fields.schema';
import type { Task } from './envelope.schema';

/**
 * The worker-only half of the bulk rows (./bulk.ts has the zod-free half): request builder, result
 * schema + mapper and model schema of the bulk rows (./endpoints/bulk*.schema.ts are built with `bulkSchemaRow`).
 * Every field of an answer may be missing or null: an item without a target is dropped, a figure
 * that is not a number is null.
 */

const ItemShape = {
  target: str(),
  rank: num(),
  backlinks: num(),
  referring_domains: num(),
  referring_domains_nofollow: num(),
  spam_score: num(),
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const BulkResultSchema = z.looseObject({
  items: z.optional(z.pipe(z.unknown(), z.transform((v) => (Array.isArray(v) ? v : [])))),
});
const BulkItemSchema = z.looseObject(ItemShape);

/** What each endpoint answers, as the extension's names. */
const FIELDS: { [E in BulkEndpoint]: (item: z.infer<typeof BulkItemSchema>) => Partial<BulkItem> } = {
  bulkRanks: (i) => ({ rank: i.rank ?? null }),
  bulkBacklinks: (i) => ({ backlinks: i.backlinks ?? null }),
  bulkReferringDomains: (i) => ({
    referringDomains: i.referring_domains ?? null,
    referringDomainsNofollow: i.referring_domains_nofollow ?? null,
  }),
  bulkSpamScore: (i) => ({ spamScore: i.spam_score ?? null }),
};

const EMPTY: Omit<BulkItem, 'target'> = {
  rank: null,
  referringDomains: null,
  referringDomainsNofollow: null,
  backlinks: null,
  spamScore: null,
};

/** The items of a bulk task, mapped (every result's items, in order). */
export function mapBulkPage(endpoint: BulkEndpoint, task: Task): BulkPage {
  const items: BulkItem[] = [];
  for (const result of task.result ?? []) {
    const parsed = BulkResultSchema.safeParse(result);
    if (!parsed.success) continue;
    for (const raw of parsed.data.items ?? []) {
      if (!isRecord(raw)) continue;
      const item = BulkItemSchema.safeParse(raw);
      if (!item.success || !item.data.target) continue;
      items.push({ ...EMPTY, target: item.data.target, ...FIELDS[endpoint](item.data) });
    }
  }
  return { items };
}

/** The body of one bulk call; more than 1,000 targets, or none, is refused before anything is sent. */
export function buildBulkBody(endpoint: BulkEndpoint, params: BulkParams): Outcome<unknown> {
  const n = params.targets.length;
  if (n < 1 || n > MAX_BULK_CALL_TARGETS) {
    return {
      ok: false,
      error: appError('invalid-request', t('errBulkTargets', String(MAX_BULK_CALL_TARGETS), String(n)), false),
    };
  }
  const task: Record<string, unknown> = { targets: [...params.targets] };
  if (endpoint === 'bulkRanks') task.rank_scale = params.rankScale;
  return { ok: true, value: [task] };
}

const BulkItemModel = z.object({
  target: z.string(),
  rank: z.nullable(z.number()),
  referringDomains: z.nullable(z.number()),
  referringDomainsNofollow: z.nullable(z.number()),
  backlinks: z.nullable(z.number()),
  spamScore: z.nullable(z.number()),
});
export const BulkPageSchema: z.ZodMiniType<BulkPage> = z.object({ items: z.array(BulkItemModel) });

/** The schema half of one bulk row (./endpoints/bulk*.schema.ts). */
export function bulkSchemaRow<E extends BulkEndpoint>(name: E): EndpointSchemaRow<E> {
  const row: EndpointSchemaRow<BulkEndpoint> = {
    name,
    build: (params: BulkParams) => buildBulkBody(name, params),
    toData: (task: Task): Outcome<{ data: BulkPage; rows: number }> => {
      const page = mapBulkPage(name, task);
      return { ok: true, value: { data: page, rows: page.items.length } };
    },
    model: BulkPageSchema,
  };
  return row as EndpointSchemaRow<E>;
}
