import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    // Every unit test wherever it lives (beside its module, or in tests/unit and tests/sandbox), so a moved
    // test cannot drop out of the run; the real-browser specs are *.e2e.ts (tests/e2e/run.mjs).
    include: ['**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '.output/**', '.wxt/**'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
  },
});
