import { z } from 'zod/mini';
import { PROVIDERS } from '@/lib/providers';
import { SETTING_FIELDS, SETTINGS_TABLE, type FieldSpec, type Settings } from './fields';

/** The worker's schemas, built from the field table (fields.ts). Worker only: pages load no zod. */

export const ProviderSchema = z.enum(PROVIDERS);

function fieldSchema(spec: FieldSpec): z.ZodMiniType {
  if (spec.kind === 'choice') return z.enum(spec.choices as [string, ...string[]]);
  if (spec.kind === 'boolean') return z.boolean();
  // Checks in the order the issues are reported: whole number first, then the bounds.
  const n = spec.int
    ? z.number().check(z.int(), z.minimum(spec.min), z.maximum(spec.max))
    : z.number().check(z.minimum(spec.min), z.maximum(spec.max));
  return spec.nullable ? z.nullable(n) : n;
}

const shape = Object.fromEntries(SETTING_FIELDS.map((k) => [k, fieldSchema(SETTINGS_TABLE[k])])) as {
  [K in keyof Settings]: z.ZodMiniType<Settings[K]>;
};

/** Everything the user sets, except credentials; one entry per row of the field table, in its order. */
export const SettingsSchema = z.object(shape);

// The schema and the table's type must describe the same value, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof SettingsSchema>, Settings> = true;
void sameShape;
