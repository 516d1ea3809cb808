import type { SandboxRoute } from '../route';
import { trend, validateTrend } from '../trends';

/** backlinks/timeseries_summary/live (data: ../trends.ts). */
export const route: SandboxRoute = {
  path: 'backlinks/timeseries_summary/live',
  endpoint: 'timeseries_summary',
  no: 278,
  aisa: true,
  answer: (seed, task) => trend(seed, 'timeseries_summary', validateTrend('timeseries_summary', task)),
};
