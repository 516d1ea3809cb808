import type { SandboxRoute } from '../route';
import { trend, validateTrend } from '../trends';

/** backlinks/history/live (data: ../trends.ts). */
export const route: SandboxRoute = {
  path: 'backlinks/history/live',
  endpoint: 'history',
  no: 276,
  aisa: true,
  answer: (seed, task) => trend(seed, 'history', validateTrend('history', task)),
};
