#!/usr/bin/env node
// Runs the real-browser tests: builds the production extension (`wxt build`), then every Chromium spec
// tests/e2e/*.e2e.ts one file at a time with Node's test runner; then builds the Firefox extension
// (`wxt build -b firefox --mv3`) and runs the Firefox specs tests/e2e/firefox-*.e2e.ts in Firefox ESR.
// The shared journeys (tests/e2e/journeys/*.journey.ts) run in both: journeys.e2e.ts (Chromium) and
// firefox-journeys.e2e.ts (Firefox); `npm run test:e2e -- journeys` runs just those two.
//
//   npm run test:e2e                  build + all specs (Chromium, then Firefox)
//   npm run test:e2e -- firefox       only the Firefox specs (and only the Firefox build)
//   npm run test:e2e -- popup options only specs whose file name contains one of the words
//   E2E_SKIP_BUILD=1 npm run test:e2e reuse the last build
//   WXT_OUT_DIR=/tmp/out npm run test:e2e   build (and test) somewhere other than .output
//   E2E_FIREFOX_EXTENSION_DIR=DIR     test another Firefox build (e.g. with E2E_SKIP_BUILD=1); FIREFOX_PATH the binary
//   E2E_TEST_TIMEOUT_MS=90000         per-test timeout used by the specs (harness TEST_TIMEOUT, default 60000)
//   E2E_FILE_TIMEOUT_MS=900000        timeout of one whole spec file (default 600000)
//
// Node 20's --test-timeout bounds each spec file as a whole; each test sets its own
// `{ timeout: TEST_TIMEOUT }` (exported by harness.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const outDir = resolve(root, process.env.WXT_OUT_DIR || '.output');
const extensionDir = process.env.E2E_EXTENSION_DIR ? resolve(process.env.E2E_EXTENSION_DIR) : join(outDir, 'chrome-mv3');
const firefoxDir = process.env.E2E_FIREFOX_EXTENSION_DIR ? resolve(process.env.E2E_FIREFOX_EXTENSION_DIR) : join(outDir, 'firefox-mv3');
const fileTimeoutMs = Number(process.env.E2E_FILE_TIMEOUT_MS || 600_000);

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

const words = process.argv.slice(2);
const matching = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.ts'))
  .filter((f) => words.length === 0 || words.some((w) => f.includes(w)))
  .sort()
  .map((f) => join('tests', 'e2e', f));
if (matching.length === 0) {
  console.error(`e2e: no spec matches ${words.join(' ') || '*.e2e.ts'}`);
  process.exit(1);
}
const isFirefox = (f) => f.startsWith(join('tests', 'e2e', 'firefox-'));
const phases = [
  { name: 'Chromium', files: matching.filter((f) => !isFirefox(f)), build: [], dir: extensionDir, env: 'E2E_EXTENSION_DIR' },
  { name: 'Firefox', files: matching.filter(isFirefox), build: ['-b', 'firefox', '--mv3'], dir: firefoxDir, env: 'E2E_FIREFOX_EXTENSION_DIR' },
].filter((p) => p.files.length > 0);

let failed = 0;
for (const phase of phases) {
  if (process.env.E2E_SKIP_BUILD !== '1') {
    console.log(`\n== e2e ${phase.name}: building the extension (wxt build ${phase.build.join(' ')} → ${phase.dir})`);
    const status = run(bin('wxt'), ['build', ...phase.build]);
    if (status !== 0) {
      console.error(`e2e ${phase.name}: the build failed`);
      process.exit(status);
    }
  }
  if (!existsSync(join(phase.dir, 'manifest.json'))) {
    console.error(`e2e ${phase.name}: no built extension at ${phase.dir}`);
    process.exit(1);
  }
  console.log(`\n== e2e ${phase.name}: ${phase.files.length} spec file(s), one at a time, at most ${fileTimeoutMs} ms per file`);
  const status = run(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=1', `--test-timeout=${fileTimeoutMs}`, '--test-reporter=spec', ...phase.files],
    { ...process.env, [phase.env]: phase.dir },
  );
  if (status !== 0) failed = status;
}
process.exit(failed);
