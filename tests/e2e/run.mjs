#!/usr/bin/env node
// Runs the real-browser tests: builds the production extension (`wxt build`), then every
// tests/e2e/*.e2e.ts one file at a time with Node's test runner.
//
//   npm run test:e2e                  build + all specs
//   npm run test:e2e -- popup options only specs whose file name contains one of the words
//   E2E_SKIP_BUILD=1 npm run test:e2e reuse the last build
//   WXT_OUT_DIR=/tmp/out npm run test:e2e   build (and test) somewhere other than .output
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
const fileTimeoutMs = Number(process.env.E2E_FILE_TIMEOUT_MS || 600_000);

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

if (process.env.E2E_SKIP_BUILD !== '1') {
  console.log(`\n== e2e: building the extension (wxt build → ${extensionDir})`);
  const status = run(bin('wxt'), ['build']);
  if (status !== 0) {
    console.error('e2e: the build failed');
    process.exit(status);
  }
}
if (!existsSync(join(extensionDir, 'manifest.json'))) {
  console.error(`e2e: no built extension at ${extensionDir}`);
  process.exit(1);
}

const words = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.ts'))
  .filter((f) => words.length === 0 || words.some((w) => f.includes(w)))
  .sort()
  .map((f) => join('tests', 'e2e', f));
if (files.length === 0) {
  console.error(`e2e: no spec matches ${words.join(' ') || '*.e2e.ts'}`);
  process.exit(1);
}

console.log(`\n== e2e: ${files.length} spec file(s), one at a time, at most ${fileTimeoutMs} ms per file`);
const status = run(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', `--test-timeout=${fileTimeoutMs}`, '--test-reporter=spec', ...files],
  { ...process.env, E2E_EXTENSION_DIR: extensionDir },
);
process.exit(status);
