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

/** Modules the pages use to show untrusted text and figures (see the 'vite:build:extendConfig' hook). */
const PAGE_TEXT_MODULES = /\/lib\/(display|format|punycode)\.ts$|\/components\/common\/(text|Count|SafeLink)\.tsx$/;

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
    'build:publicAssets': (_wxt, files) => {
      for (const lang of languages()) files.push({ relativeDest: `_locales/${lang}/messages.json`, contents: localeFile(lang) });
    },
    // The pages' build (popup, side panel, options, bulk; not the worker or the content scripts, which are
    // single files): their text helpers (safe names and URLs, numbers, capped texts) in one chunk, which the
    // popup, options and bulk pages load at open and the side panel only with its views.
    'vite:build:extendConfig': (entrypoints, config) => {
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
    // tldts' ES module build carries its suffix trie as verbose literals (~116 KB gzip bundled);
    // its own minified build holds the same list in ~47 KB.
    resolve: { alias: { tldts: 'tldts/dist/index.esm.min.js' } },
    build: { sourcemap: false },
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
