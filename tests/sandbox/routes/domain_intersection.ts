import type { SandboxRoute } from '../route';
import { domainIntersection, validateIntersection } from '../research';

/** backlinks/domain_intersection/live (data: ../research.ts). */
export const route: SandboxRoute = {
  path: 'backlinks/domain_intersection/live',
  endpoint: 'domain_intersection',
  no: 274,
  aisa: true,
  answer: (seed, task) => domainIntersection(seed, validateIntersection(task)),
};
