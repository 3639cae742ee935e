import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests drive the built renderer through the preview server (test/e2e) in Chromium; the
 * Electron project (test/electron) launches the real app where an Electron binary exists.
 * `npm run test:e2e` builds first (electron-vite build → out/) and wraps the run in
 * scripts/with-keyring.sh so the keychain is a private, unlocked one.
 */

// Debian's Chromium when installed (CI installs it with apt), else Playwright's own download.
const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'test',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // The CI machine has two cores; the preview server runs in each worker.
  workers: 2,
  // Each test boots its own desk with an embedded sandbox that syncs while the test runs; the
  // longest settings flow takes ~17 s on an idle 2-core machine, so 30 s left no room for load.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testMatch: 'e2e/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    {
      name: 'electron',
      testMatch: 'electron/**/*.spec.ts',
    },
  ],
});
