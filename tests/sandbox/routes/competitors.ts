import type { SandboxRoute } from '../route';
import { competitors, validateCompetitors } from '../research';

/** backlinks/competitors/live (data: ../research.ts). */
export const route: SandboxRoute = {
  path: 'backlinks/competitors/live',
  endpoint: 'competitors',
  no: 273,
  aisa: true,
  answer: (seed, task) => competitors(seed, validateCompetitors(task)),
};
