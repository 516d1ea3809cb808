/**
 * A production build with source maps, for the bundle analysis of the benchmark:
 * `tsx tests/bench/sourcemap-build.ts <outDir> [browser]`. Same config as `wxt build`, plus maps.
 */
import { build } from 'wxt';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: tsx tests/bench/sourcemap-build.ts <outDir> [browser]');
  process.exit(2);
}
await build({
  outDir,
  browser: process.argv[3] ?? 'chrome',
  vite: () => ({ build: { sourcemap: true } }),
});
