import { appError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { AccountSchema, type Account } from '@/lib/model';
import type { EndpointSchemaRow } from '@/lib/dataforseo/endpointRow.schema';
import { mapAccount } from '@/lib/dataforseo/map';
import { parseFirstResult } from '@/lib/dataforseo/results.schema';

declare module '../endpointRow' {
  interface EndpointTypes {
    account: { params: void; model: Account; paid: false };
  }
}

export const schema: EndpointSchemaRow<'account'> = {
  name: 'account',
  build: () => ({ ok: true, value: undefined }),
  toData: (task) => {
    const row = parseFirstResult('account', task);
    if (!row)
      return {
        ok: false,
        error: appError('bad-response', t('errAccountNoData'), false),
      };
    return { ok: true, value: { data: mapAccount(row), rows: 0 } };
  },
  model: AccountSchema,
};
