import type { BulkPage, BulkParams } from '@/lib/dataforseo/bulk';
import { bulkSchemaRow } from '@/lib/dataforseo/bulk.schema';

declare module '../endpointRow' {
  interface EndpointTypes {
    /** paid: false — not a data request of its own; it spends money only through bulkRun (lib/lookup/bulk.ts). */
    bulkRanks: { params: BulkParams; model: BulkPage; paid: false };
  }
}

export const schema = bulkSchemaRow('bulkRanks');
