/**
 * The shared journeys (journeys/core.journey.ts) in real Firefox ESR: the production Firefox build as a
 * temporary add-on, against the API sandbox through the local proxy. Run: npm run test:e2e -- firefox
 */
import { coreJourneys } from './journeys/core.journey.ts';
import { launchFirefoxJourneys } from './journeys/firefox.ts';

coreJourneys('Firefox: the journeys in real Firefox ESR', launchFirefoxJourneys);
