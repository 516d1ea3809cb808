import type { SandboxRoute } from '../route';
import { trend, validateTrend } from '../trends';

/** backlinks/timeseries_new_lost_summary/live (data: ../trends.ts). */
export const route: SandboxRoute = {
  path: 'backlinks/timeseries_new_lost_summary/live',
  endpoint: 'timeseries_new_lost_summary',
  no: 279,
  aisa: true,
  answer: (seed, task) => trend(seed, 'timeseries_new_lost_summary', validateTrend('timeseries_new_lost_summary', task)),
};
