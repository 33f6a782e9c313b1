import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  // WXT's plugin gives tests the same aliases as the build and an in-memory `browser` (storage included).
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/conformance/**/*.test.ts'],
    // Sentences come from _locales through browser.i18n, which the fake browser lacks: English it is.
    setupFiles: ['tests/setup/i18n.ts'],
    testTimeout: 15_000,
  },
});
