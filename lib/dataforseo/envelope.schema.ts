import { z } from 'zod/mini';
import { isRecord, list, num, record, str, strList } from './fields.schema';

/**
 * Zod schemas of the response envelope and its tasks, as DataForSEO (and the AIsa gateway, which
 * relays the same envelope) sends them, and of the gateway's own error body. Tolerant like every
 * response schema (./fields.schema.ts).
 *
 * The one thing that does fail is a body that is not an envelope at all (not an object, or an object
 * without any of `version`, `status_code`, `tasks`): the client reports that as `bad-response`.
 */

export const TaskShape = {
  id: str(),
  status_code: num(),
  status_message: str(),
  time: str(),
  cost: num(),
  result_count: num(),
  path: strList(),
  data: record(),
  /** Checked per endpoint with the result schemas (./results.schema.ts, ./endpoints/<name>.schema.ts); here only "an array of something". */
  result: z.optional(z.pipe(z.unknown(), z.transform((v) => (Array.isArray(v) ? (v as unknown[]) : null)))),
};
export const TaskSchema = z.looseObject(TaskShape);
export type Task = z.infer<typeof TaskSchema>;

const ENVELOPE_KEYS = ['version', 'status_code', 'tasks'] as const;

export const EnvelopeSchema = z
  .looseObject({
    version: str(),
    status_code: num(),
    status_message: str(),
    time: str(),
    cost: num(),
    tasks_count: num(),
    tasks_error: num(),
    tasks: list(TaskShape),
  })
  .check(z.refine((v) => ENVELOPE_KEYS.some((k) => k in v), { message: 'not a DataForSEO response envelope' }));
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** The AIsa gateway's own error body: `{error: {type, code, message, request_id}}`. */
export const GatewayErrorSchema = z.looseObject({
  error: z.looseObject({
    type: str(),
    code: str(),
    message: str(),
    request_id: str(),
  }),
});
export type GatewayError = z.infer<typeof GatewayErrorSchema>;

/** The first result row of a task parsed with an endpoint's own result schema (./endpoints/<name>.schema.ts); not an object → null. */
export function parseFirst<S extends z.ZodMiniType>(schema: S, task: Task): z.infer<S> | null {
  const first = task.result?.[0];
  if (!isRecord(first)) return null;
  const parsed = schema.safeParse(first);
  return parsed.success ? (parsed.data as z.infer<S>) : null;
}
