import { AnchorsPageSchema, type AnchorsPage } from '@/lib/model';
import { AnchorsParamsSchema, type AnchorsParams } from '@/lib/params.schema';
import type { EndpointSchemaRow } from '@/lib/dataforseo/endpointRow.schema';
import { mapAnchorsPage } from '@/lib/dataforseo/map';
import { buildAnchorsBody } from '@/lib/dataforseo/requests/anchors';
import { parseFirstResult } from '@/lib/dataforseo/results.schema';

declare module '../endpointRow' {
  interface EndpointTypes {
    anchors: { params: AnchorsParams; model: AnchorsPage; paid: true; csv: true };
  }
}

export const schema: EndpointSchemaRow<'anchors'> = {
  name: 'anchors',
  build: buildAnchorsBody,
  toData: (task) => {
    const page = mapAnchorsPage(parseFirstResult('anchors', task));
    return { ok: true, value: { data: page, rows: page.items.length } };
  },
  model: AnchorsPageSchema,
  params: AnchorsParamsSchema,
};
