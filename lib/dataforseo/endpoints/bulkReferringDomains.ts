import { bulkRow } from '@/lib/dataforseo/bulk';

/** backlinks/bulk_referring_domains/live: live referring domains (and those with a nofollow link) of up to 1,000 targets. Reached only through bulkRun (../bulk.ts). */
export const row = bulkRow('bulkReferringDomains', 'backlinks/bulk_referring_domains/live');
