/** The DataForSEO response envelope, status codes and the cost rule of the sandbox. */
import { randomBytes } from 'node:crypto';

export const API_VERSION = '0.1.20260515';

/** The codes of the API's error list, with messages in its wording style. */
export const STATUS_MESSAGES: Record<number, string> = {
  20000: 'Ok.',
  20100: 'Task Created.',
  40000: 'You can set only one task at a time.',
  40001: 'Invalid Parameter.',
  40100: 'You are not authorized to access this resource.',
  40101: 'Authentication failed.',
  40102: 'Task Not Found.',
  40103: 'Access denied for IP.',
  40104: 'Please verify your account before using the API.',
  40200: 'Payment Required.',
  40201: 'Your account has been temporarily paused due to unusual activity. Please contact support.',
  40202: 'Rate limit per minute exceeded.',
  40203: 'Daily cost limit reached.',
  40204: 'Access denied. Please activate the Backlinks API subscription.',
  40205: 'Limit of duplicate tasks per hour exceeded.',
  40206: 'Limit of duplicate tasks per day exceeded.',
  40207: 'Access denied. Your IP address is not whitelisted.',
  40208: 'Access denied. Too many requests with wrong credentials.',
  40209: 'Too many simultaneous requests.',
  40210: 'Insufficient funds. Please top up your balance.',
  40400: 'Not Found.',
  40401: 'Task Not Found.',
  40402: 'Invalid Path.',
  40403: 'Results Expired.',
  40404: 'No Prepared Data Found.',
  40405: 'Task Was Deleted.',
  40406: 'Invalid Task ID.',
  40407: 'Task Not Found for Specified Date.',
  40408: 'Search Engine Not Supported.',
  40501: 'Invalid Field.',
  40502: 'Invalid Field Value.',
  40503: 'POST Data Is Invalid.',
  40504: 'Too Many Tasks in One Request.',
  40505: 'Empty POST Data.',
  40506: 'Unknown Fields in POST Data.',
  50000: 'Internal Error.',
  50001: 'Internal Error. Please try again later.',
  50301: 'Service Unavailable.',
  50303: 'Update in progress. Please try again later.',
  50304: 'This function is temporarily unavailable.',
  50401: 'Timeout. The task took more than 120 seconds.',
};

export function messageFor(code: number): string {
  return STATUS_MESSAGES[code] ?? 'Error.';
}

/** HTTP status that goes with a DataForSEO status code. */
export function httpStatusFor(code: number): number {
  if (code === 40100) return 401;
  if (code === 40200 || code === 40210) return 402;
  return 200;
}

/** $0.02 per request plus $0.00003 per returned row, rounded to 5 decimals. */
export function costFor(rows: number): number {
  return Math.round((0.02 + 0.00003 * rows) * 1e5) / 1e5;
}

/** A task id in the API's shape: MMddHHmm-1535-0xxx-0000-hex. */
export function taskId(endpointNo: number): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}-1535-0${String(endpointNo).padStart(3, '0')}-0000-${randomBytes(6).toString('hex')}`;
}

export function seconds(startedAt: number): string {
  return `${((performance.now() - startedAt) / 1000).toFixed(4)} sec.`;
}

export interface TaskOutcome {
  statusCode: number;
  statusMessage?: string;
  /** Result objects (present only on success). */
  result: unknown[] | null;
  /** Rows charged (items returned; a summary counts as one). */
  rows: number;
  data: Record<string, unknown>;
}

/**
 * A full envelope with one task. `topCode` defaults to the task's code (validation errors appear at
 * both levels); pass 20000 to send a successful envelope that carries a failed task.
 */
export function envelope(path: string[], endpointNo: number, startedAt: number, t: TaskOutcome, topCode?: number): { body: Record<string, unknown>; cost: number } {
  const ok = t.statusCode === 20000;
  const cost = ok ? costFor(t.rows) : 0;
  const top = topCode ?? t.statusCode;
  const task = {
    id: taskId(endpointNo),
    status_code: t.statusCode,
    status_message: t.statusMessage ?? messageFor(t.statusCode),
    time: seconds(startedAt),
    cost,
    result_count: t.result ? t.result.length : 0,
    path,
    data: t.data,
    result: t.result,
  };
  return {
    cost,
    body: {
      version: API_VERSION,
      status_code: top,
      status_message: top === t.statusCode ? task.status_message : messageFor(top),
      time: seconds(startedAt),
      cost,
      tasks_count: 1,
      tasks_error: ok ? 0 : 1,
      tasks: [task],
    },
  };
}

/** An envelope without tasks (authorisation failures, unknown paths). */
export function bareEnvelope(code: number, startedAt: number, message?: string): Record<string, unknown> {
  return {
    version: API_VERSION,
    status_code: code,
    status_message: message ?? messageFor(code),
    time: seconds(startedAt),
    cost: 0,
    tasks_count: 0,
    tasks_error: 0,
    tasks: null,
  };
}
