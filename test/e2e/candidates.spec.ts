import { expect, test } from './fixtures';
import { expectNoSeriousA11yViolations, openQueueAtSandboxOrder, screenshot } from './ui-support';

// Several axe passes and first syncs on a shared two-core machine.
test.describe.configure({ timeout: 120_000 });
test.use({
  deskSync: {
    intervalMs: 2_000,
    sandbox: { orders: 60, accounts: 2, orderIntervalMs: null, seed: 'e2e-candidates' },
  },
});

test('a candidate page shows their orders and applications, and links back to the order', async ({
  page,
  previewUrl,
  embedded,
}, testInfo) => {
  const { orders, order, candidate } = await openQueueAtSandboxOrder(
    page,
    previewUrl,
    embedded.sandbox,
    5,
  );
  const theirOrders = orders.filter(
    (o) => o.candidate_id === order.candidate_id && o.account_id === order.account_id,
  );

  await page.keyboard.press('g');
  await page.keyboard.press('c');
  await expect(page).toHaveURL(/#\/candidates$/);
  await page.keyboard.press('/');
  await page.keyboard.type(candidate.name);
  await page.getByRole('link', { name: candidate.name }).first().click();
  await expect(page.getByRole('heading', { level: 2, name: candidate.name })).toBeVisible();
  const ordersCard = page.getByRole('region', { name: 'Orders' });
  await expect(ordersCard.getByRole('link')).toHaveCount(theirOrders.length);
  await expect(page.getByRole('region', { name: 'Applications' })).toBeVisible();
  await screenshot(page, testInfo, 'candidate');
  await expectNoSeriousA11yViolations(page, 'candidate page');

  await ordersCard.getByRole('link').first().click();
  await expect(page).toHaveURL(/#\/order\//);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 2, name: candidate.name })).toBeVisible();

  await page.keyboard.press('g');
  await page.keyboard.press('j');
  await expect(page.getByRole('table', { name: 'Cached jobs' })).toBeVisible();
  await screenshot(page, testInfo, 'jobs');
  await expectNoSeriousA11yViolations(page, 'jobs');

  await page.keyboard.press('g');
  await page.keyboard.press('a');
  await expect(page.getByRole('table', { name: 'Sync state per source' })).toBeVisible();
  await screenshot(page, testInfo, 'activity');
  await expectNoSeriousA11yViolations(page, 'activity');
});

test.describe('with no orders yet', () => {
  test.use({
    deskSync: {
      intervalMs: 2_000,
      sandbox: { orders: 0, accounts: 2, orderIntervalMs: null, seed: 'e2e-empty' },
    },
  });

  test('the queue says what an empty queue means', async ({
    page,
    previewUrl,
    embedded,
  }, testInfo) => {
    expect(embedded.sandbox.inspect.orders().length).toBe(0);
    await page.goto(previewUrl);
    await expect(page.getByText('No orders yet')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(/creates one every minute/)).toBeVisible();
    await screenshot(page, testInfo, 'queue-empty');
    await expectNoSeriousA11yViolations(page, 'empty queue');
  });
});
