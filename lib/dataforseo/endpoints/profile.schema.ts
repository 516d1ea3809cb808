import { appError } from '../../errors';
import { ProfileSchema, type Profile } from '../../model';
import { ProfileParamsSchema, type ProfileParams } from '../../params.schema';
import type { EndpointSchemaRow } from '../endpointRow.schema';
import { mapProfile } from '../map';
import { buildProfileBody } from '../requests';
import { parseFirstResult } from '../schemas';

declare module '../endpointRow' {
  interface EndpointTypes {
    profile: { params: ProfileParams; model: Profile; paid: true };
  }
}

export const schema: EndpointSchemaRow<'profile'> = {
  name: 'profile',
  build: buildProfileBody,
  toData: (task, params) => {
    const row = parseFirstResult('profile', task);
    if (!row)
      return {
        ok: false,
        error: appError(
          'not-found',
          `DataForSEO has no backlink data for ${params.target.display || params.target.value} yet.`,
          false,
          task.status_code != null ? { statusCode: task.status_code } : {},
        ),
      };
    return { ok: true, value: { data: mapProfile(row), rows: 1 } };
  },
  model: ProfileSchema,
  params: ProfileParamsSchema,
};
