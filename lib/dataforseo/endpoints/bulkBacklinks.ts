import { bulkRow } from '@/lib/dataforseo/bulk';

/** backlinks/bulk_backlinks/live: live backlinks (any attribute) of up to 1,000 targets. Reached only through bulkRun (../bulk.ts). */
export const row = bulkRow('bulkBacklinks', 'backlinks/bulk_backlinks/live');
