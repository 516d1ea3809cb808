import { publishStartedCheck } from './start';

/*
 * The popup's start script: built on its own as a classic script (popup-start.js, by the
 * 'build:publicAssets' hook in wxt.config.ts) and loaded in popup.html's <head>, before the popup's
 * modules. It sends the first message at document start (start.ts).
 */
publishStartedCheck();
