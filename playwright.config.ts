import { defineConfig } from '@playwright/test';
import type { ExtensionOptions } from './tests/e2e/fixtures';

/**
 * E2e tests drive a real Chromium (Debian's, or CHROMIUM_PATH) that loads the built dist/. Every spec runs
 * twice: with Chromium's native WebMCP (--enable-features=WebMCPTesting) and with our polyfill.
 */
export default defineConfig<ExtensionOptions>({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  projects: [
    { name: 'polyfill', use: { webmcp: 'polyfill' } },
    { name: 'native', use: { webmcp: 'native' } },
  ],
});
