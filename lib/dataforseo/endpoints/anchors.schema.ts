import { AnchorsPageSchema, type AnchorsPage } from '../../model';
import { AnchorsParamsSchema, type AnchorsParams } from '../../params.schema';
import type { EndpointSchemaRow } from '../endpointRow.schema';
import { mapAnchorsPage } from '../map';
import { buildAnchorsBody } from '../requests';
import { parseFirstResult } from '../schemas';

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
