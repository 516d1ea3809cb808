import { bulkRow } from '@/lib/dataforseo/bulk';

/** backlinks/bulk_spam_score/live: spam scores (0–100) of up to 1,000 targets. Reached only through bulkRun (../bulk.ts). */
export const row = bulkRow('bulkSpamScore', 'backlinks/bulk_spam_score/live');
