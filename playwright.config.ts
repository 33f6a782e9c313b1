import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  // Each test starts its own Chromium with a fresh profile; two cores do not gain from parallel browsers.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
  outputDir: process.env.RINGSIDE_OUT_DIR ? `${process.env.RINGSIDE_OUT_DIR}/test-results` : 'test-results',
  use: { trace: 'retain-on-failure' },
});
