import { BacklinksPageSchema, type BacklinksPage } from '../../model';
import { BacklinksParamsSchema, type BacklinksParams } from '../../params.schema';
import type { EndpointSchemaRow } from '../endpointRow.schema';
import { mapBacklinksPage } from '../map';
import { buildBacklinksBody } from '../requests';
import { parseFirstResult } from '../schemas';

declare module '../endpointRow' {
  interface EndpointTypes {
    backlinks: { params: BacklinksParams; model: BacklinksPage; paid: true; csv: true };
  }
}

export const schema: EndpointSchemaRow<'backlinks'> = {
  name: 'backlinks',
  build: buildBacklinksBody,
  toData: (task) => {
    const page = mapBacklinksPage(parseFirstResult('backlinks', task));
    return { ok: true, value: { data: page, rows: page.items.length } };
  },
  model: BacklinksPageSchema,
  params: BacklinksParamsSchema,
};
