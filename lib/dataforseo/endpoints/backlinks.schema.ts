import { BacklinksPageSchema, type BacklinksPage } from '@/lib/model';
import { BacklinksParamsSchema, type BacklinksParams } from '@/lib/params.schema';
import type { EndpointSchemaRow } from '@/lib/dataforseo/endpointRow.schema';
import { mapBacklinksPage } from '@/lib/dataforseo/map';
import { buildBacklinksBody } from '@/lib/dataforseo/requests/backlinks';
import { parseFirstResult } from '@/lib/dataforseo/results.schema';

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
