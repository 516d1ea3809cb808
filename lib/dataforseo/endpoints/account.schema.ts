import { appError } from '../../errors';
import { AccountSchema, type Account } from '../../model';
import type { EndpointSchemaRow } from '../endpointRow.schema';
import { mapAccount } from '../map';
import { parseFirstResult } from '../schemas';

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
        error: appError('bad-response', 'DataForSEO answered the account check without account data. Try again later.', false),
      };
    return { ok: true, value: { data: mapAccount(row), rows: 0 } };
  },
  model: AccountSchema,
};
