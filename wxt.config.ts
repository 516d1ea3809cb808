import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as rolldown } from 'rolldown';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { setZipDatesIn } from './scripts/zip-dates';
import { SERP_ORIGINS } from './lib/serp/hosts';
import { languages, localeFile } from './lib/messages/catalog';

// The only hosts the worker talks to: the provider APIs. No content scripts, no <all_urls>
// (the link scan is injected on the user's click, with activeTab).
export const PROVIDER_HOSTS = [
  'https://api.dataforseo.com/*',
  'https://sandbox.dataforseo.com/*',
  'https://api.aisa.one/*',
];

/**
 * The source of lib/ (tests aside) as one hash: the cache stamps what it writes with it, and reads
 * back without re-checking an entry whose stamp is this build's (the same code validated it when it
 * was written). Any change to lib/ gives another stamp, and entries of other builds are checked.
 */
function sourceStamp(): string {
  const root = fileURLToPath(new URL('./lib', import.meta.url));
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update('\0').update(readFileSync(join(root, f))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Modules the pages use to show untrusted text and figures (see the 'vite:build:extendConfig' hook). */
const PAGE_TEXT_MODULES = /\/lib\/(display|format|punycode)\.ts$|\/components\/common\/(text|Count|SafeLink)\.tsx$/;

/**
 * The promise polyfill only in the worker. Its one job in MV3 is the worker's `runtime.onMessage`
 * listeners, which answer by returning a promise (Chrome's own API wants `sendResponse`). Pages and
 * content scripts only call APIs that return promises natively in Chrome MV3 and Firefox
 * (storage, tabs, windows, permissions, runtime.sendMessage, …; the worker's replies are checked
 * by their outline in lib/ask.ts either way), so there `wxt/browser` is WXT's own
 * `globalThis.browser ?? chrome`: 2.7 KB gzip less at every page's open. Types stay the polyfill's.
 */
function useNativeBrowser(config: { resolve?: { alias?: unknown } }): void {
  const alias = config.resolve?.alias;
  // A devDependency of its own (also what wxt/browser re-exports), so the alias never rests on hoisting.
  const target = '@wxt-dev/browser';
  if (Array.isArray(alias)) {
    config.resolve = { ...config.resolve, alias: [{ find: /^wxt\/browser$/, replacement: target }, ...alias.filter((a) => a?.find !== 'wxt/browser')] };
  } else {
    config.resolve = { ...config.resolve, alias: { ...(alias as object), 'wxt/browser': target } };
  }
}

/**
 * The popup's start script (entrypoints/popup/startScript.ts) as one classic script: popup.html loads it
 * in <head>, so it cannot be a module of the page's build. Bundled alone, with the pages' `wxt/browser`.
 */
async function popupStartScript(): Promise<string> {
  const root = fileURLToPath(new URL('.', import.meta.url));
  const { output } = await rolldown({
    input: `${root}entrypoints/popup/startScript.ts`,
    cwd: root,
    write: false,
    resolve: { alias: { '@': root.replace(/\/$/, ''), 'wxt/browser': '@wxt-dev/browser' } },
    output: { format: 'iife', minify: true },
  });
  return output[0].code;
}

export default defineConfig({
  // WXT_OUT_DIR lets a build go elsewhere than .output (e.g. a scratch build beside a running test).
  outDir: process.env.WXT_OUT_DIR || '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  // The sources zip Firefox's review asks for: what builds the extension, not test output or docs.
  zip: {
    excludeSources: ['tests/e2e/screenshots/**', 'demo-screenshots/**', 'docs/**', 'coverage/**', 'test-results/**'],
  },
  // WXT's zip writer leaves every entry undated (1980-00-00); give them the last commit's time.
  hooks: {
    // The browser's _locales/<lang>/messages.json, merged from lib/messages/<lang>/<area>.json.
    'build:publicAssets': async (_wxt, files) => {
      for (const lang of languages()) files.push({ relativeDest: `_locales/${lang}/messages.json`, contents: localeFile(lang) });
      files.push({ relativeDest: 'popup-start.js', contents: await popupStartScript() });
    },
    // The pages' build (popup, side panel, options, bulk; not the worker or the content scripts, which are
    // single files): their text helpers (safe names and URLs, numbers, capped texts) in one chunk, which the
    // popup, options and bulk pages load at open and the side panel only with its views.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((e) => e.type === 'background')) useNativeBrowser(config);
      else {
        // The worker file's first statement: with the marks of entrypoints/background it splits a cold
        // start into the browser's part (until our file runs) and ours (npm run bench).
        const ro = config.build?.rolldownOptions ?? {};
        const output = { ...(ro.output as object), banner: "performance.mark('bl:script');" };
        config.build = { ...config.build, rolldownOptions: { ...ro, output } };
      }
      if (!entrypoints.some((e) => e.name === 'popup')) return;
      const ro = config.build?.rolldownOptions ?? {};
      const output = { ...(ro.output as object), codeSplitting: { includeDependenciesRecursively: false, groups: [{ name: 'text', test: PAGE_TEXT_MODULES }] } };
      config.build = { ...config.build, rolldownOptions: { ...ro, output } };
    },
    'zip:done': (wxt) => {
      setZipDatesIn(wxt.config.outBaseDir);
    },
  },
  vite: () => ({
    plugins: [preact()],
    define: { 'import.meta.env.BL_SOURCE_STAMP': JSON.stringify(sourceStamp()) },
    // tldts' ES module build carries its suffix trie as verbose literals (~116 KB gzip bundled);
    // its own minified build holds the same list in ~47 KB.
    resolve: { alias: { tldts: 'tldts/dist/index.esm.min.js' } },
    // No modulepreload polyfill: every browser the extension supports preloads modules itself. The
    // popup's HTML preloads nothing: its start script (the first message) runs ~5 ms sooner when the
    // page's other modules are not being fetched and compiled meanwhile, and the files are local, so the
    // main module finds its imports at once (measured in Chromium: the modules are ready as early).
    build: {
      sourcemap: false,
      modulePreload: {
        polyfill: false,
        resolveDependencies: (_file: string, deps: string[], host: { hostId: string; hostType: 'html' | 'js' }) =>
          host.hostType === 'html' && /[\\/]popup[\\/]index\.html$/.test(host.hostId) ? [] : deps,
      },
    },
  }),
  manifest: ({ browser }) => ({
    // Manifest strings come from _locales/<lang>/messages.json (built from lib/messages; English is the default).
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // scripting + activeTab: "Links on this page" injects one script into the tab the user clicked in (no host access).
    permissions: ['storage', 'activeTab', 'contextMenus', 'scripting', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    optional_permissions: ['tabs'],
    host_permissions: PROVIDER_HOSTS,
    // Google results pages: asked for only when the user turns on "Show backlink figures on Google
    // results" (lib/serp); the overlay's script is registered at run time for the granted hosts.
    optional_host_permissions: SERP_ORIGINS,
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+B' },
        description: '__MSG_commandExecuteAction__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'backlink-lens@backlinklens.dev',
              strict_min_version: '140.0',
              // The checked site's domain or URL goes to the user's chosen API provider.
              data_collection_permissions: { required: ['browsingActivity'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
