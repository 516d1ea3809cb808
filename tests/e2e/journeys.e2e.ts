/**
 * The shared journeys (journeys/core.journey.ts) in headless Chromium: the production build, every host
 * mapped to the API sandbox. Run: npm run test:e2e -- journeys (also runs the Firefox file)
 */
import { coreJourneys } from './journeys/core.journey.ts';
import { launchChromiumJourneys } from './journeys/chromium.ts';

coreJourneys('Chromium: the journeys in headless Chromium', launchChromiumJourneys);
