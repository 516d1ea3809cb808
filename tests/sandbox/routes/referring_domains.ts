import type { SandboxRoute } from '../route';
import { referringDomains, validateReferringDomains } from '../research';

/** backlinks/referring_domains/live (data: ../research.ts). */
export const route: SandboxRoute = {
  path: 'backlinks/referring_domains/live',
  endpoint: 'referring_domains',
  no: 270,
  aisa: true,
  answer: (seed, task) => referringDomains(seed, validateReferringDomains(task)),
};
