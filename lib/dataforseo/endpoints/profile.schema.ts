import { appError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { ProfileSchema, type Profile } from '@/lib/model';
import { ProfileParamsSchema, type ProfileParams } from '@/lib/params.schema';
import type { EndpointSchemaRow } from '@/lib/dataforseo/endpointRow.schema';
import { mapProfile } from '@/lib/dataforseo/map';
import { buildProfileBody } from '@/lib/dataforseo/requests/profile';
import { parseFirstResult } from '@/lib/dataforseo/results.schema';

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
          t('errNoProfileData', params.target.display || params.target.value),
          false,
          task.status_code != null ? { statusCode: task.status_code } : {},
        ),
      };
    return { ok: true, value: { data: mapProfile(row), rows: 1 } };
  },
  model: ProfileSchema,
  params: ProfileParamsSchema,
};
