import { expect, test } from './fixtures';
import {
  expectCount,
  expectNoSeriousA11yViolations,
  orderRows,
  openQueueAtSandboxOrder,
  screenshot,
} from './ui-support';

// Several axe passes and first syncs on a shared two-core machine.
test.describe.configure({ timeout: 120_000 });
test.use({
  deskSync: {
    intervalMs: 1_000,
    backoff: { baseMs: 500, maxMs: 1_000 },
    stackone: { retry: { maxAttempts: 1 }, timeoutMs: 2_000 },
    sandbox: { orders: 40, accounts: 2, orderIntervalMs: null, seed: 'e2e-offline' },
  },
});

test('stopping the sandbox shows the offline banner, and a cached candidate page still opens', async ({
  page,
  previewUrl,
  embedded,
}, testInfo) => {
  const { total, candidate } = await openQueueAtSandboxOrder(page, previewUrl, embedded.sandbox, 3);
  await expect(page.getByText(/Synced/).first()).toBeVisible();

  await embedded.sandbox.close();
  const banner = page.locator('.offline-banner');
  await expect(banner).toContainText('Offline — showing cached data from', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Offline' })).toBeVisible();

  // The cache stays usable: the queue still lists every order.
  await expect(orderRows(page).first()).toBeVisible();
  await expectCount(page, total);

  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: /Candidates/ })
    .click();
  await page.getByLabel('Search candidates').fill(candidate.name);
  await page.getByRole('link', { name: candidate.name }).first().click();
  await expect(page.getByRole('heading', { level: 2, name: candidate.name })).toBeVisible();
  const profile = page.getByRole('region', { name: 'Profile' });
  const email = candidate.emails[0]?.value;
  if (email) await expect(profile).toContainText(email);
  await expect(page.getByRole('region', { name: 'Orders' })).toBeVisible();
  await expect(banner).toBeVisible();
  await screenshot(page, testInfo, 'offline-candidate');
  await expectNoSeriousA11yViolations(page, 'offline candidate page');

  // The status popover says which source is unreachable, in plain words.
  await page.getByRole('button', { name: 'Offline' }).click();
  const popover = page.getByRole('region', { name: 'Sync status' });
  await expect(popover).toContainText('Unreachable');
  await screenshot(page, testInfo, 'offline-sync-status');
});
