import { bulkRow } from '@/lib/dataforseo/bulk';

/** backlinks/bulk_ranks/live: rank scores of up to 1,000 domains, subdomains or pages (0–1000, or 0–100 with rank_scale). Reached only through bulkRun (../bulk.ts). */
export const row = bulkRow('bulkRanks', 'backlinks/bulk_ranks/live');
