/** The Firefox driver of the journeys: firefox/harness.ts (Firefox ESR over BiDi, the real popup and sidebar). */
import type { Page } from 'puppeteer-core';
import { launchFirefoxWorld, type FirefoxWorld } from '../firefox/harness.ts';
import type { FormPage, JourneyBrowser, View } from './browser.ts';
import { waitFor } from './browser.ts';

function formPage(page: Page): FormPage {
  return {
    waitFor: async (sel) => {
      await page.waitForSelector(sel);
    },
    click: (sel) => page.click(sel),
    type: (sel, text) => page.type(sel, text),
    value: (sel) => page.$eval(sel, (e) => (e as HTMLInputElement).value),
    text: (sel) => page.$eval(sel, (e) => e.textContent ?? ''),
    close: () => page.close(),
  };
}

export type FirefoxJourneys = JourneyBrowser & { world: FirefoxWorld };

export async function launchFirefoxJourneys(): Promise<FirefoxJourneys> {
  const w = await launchFirefoxWorld();
  let front: Page | null = null;
  const b: FirefoxJourneys = {
    name: 'firefox',
    world: w,
    sandbox: w.sandbox,
    openOptions: async () => formPage(await w.openExtensionPage('options.html')),
    async openSite(url) {
      await w.helper();
      front = await w.openSite(url);
    },
    openPopup: (): Promise<View> => w.openRealPopup(),
    closePopup: () => w.closePopup(),
    async panel() {
      const sidebar = w.sidebar();
      await waitFor('the sidebar document', () => sidebar.evaluate<boolean>('(d) => !!d.body'));
      return sidebar;
    },
    panelOpen: () => w.sidebarOpen(),
    async closePanel() {
      await w.chrome(`({ ext, global }) => { global.sidebarActionFor(ext).close(window); }`);
      await waitFor('the sidebar to close', async () => !(await w.sidebarOpen()));
    },
    async contextMenu(item) {
      if (!front) throw new Error('contextMenu: no site tab');
      // The native menu: a right click on the page, then the item in the extension's submenu.
      await front.mouse.click(200, 200, { button: 'right' });
      await w.chooseContextMenuItem('Backlink Lens', item);
    },
    sendMessage: (msg) => w.sendMessage(msg),
    setCredentials: () => w.setCredentials(),
    stopBackground: () => w.terminateBackground(),
    backgroundState: () => w.backgroundState(),
    async restart() {
      front = null;
      await w.restart();
    },
    close: () => w.close(),
  };
  return b;
}
