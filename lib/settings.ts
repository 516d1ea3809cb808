import { z } from 'zod';
import { ProviderSchema } from './providers';
import { RankScaleSchema, StatusTypeSchema } from './params';

/**
 * Everything the user sets, except credentials (those live in their own item, read only by the
 * worker). Storage items, versions and migrations are defined further down this file.
 */
export const SettingsSchema = z.object({
  provider: ProviderSchema,
  includeSubdomains: z.boolean(),
  statusType: StatusTypeSchema,
  rankScale: RankScaleSchema,
  excludeInternalBacklinks: z.boolean(),
  includeIndirectLinks: z.boolean(),
  /** Rows per anchors request (popup shows the top 10; the side panel's anchors tab pages by this). */
  anchorsPageSize: z.number().int().min(10).max(1000),
  /** Rows per backlinks request in the side panel. */
  backlinksPageSize: z.number().int().min(10).max(1000),
  /** Cache lifetime in hours (0 = do not reuse answers). */
  cacheHours: z.number().min(0).max(24 * 30),
  /** Daily spending cap in USD; null = no cap. */
  dailyBudget: z.number().min(0).max(10000).nullable(),
  /** Side panel following the tab: check new sites automatically (within the budget) instead of offering a button. */
  autoCheckInPanel: z.boolean(),
  /** Requests per minute allowed for the AIsa gateway (its free tier allows 60). */
  aisaPerMinute: z.number().int().min(1).max(2000),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  provider: 'dataforseo',
  includeSubdomains: true,
  statusType: 'live',
  rankScale: 'one_hundred',
  excludeInternalBacklinks: true,
  includeIndirectLinks: true,
  anchorsPageSize: 100,
  backlinksPageSize: 100,
  cacheHours: 24,
  dailyBudget: null,
  autoCheckInPanel: false,
  aisaPerMinute: 60,
};
