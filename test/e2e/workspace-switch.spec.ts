import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectNoSeriousA11yViolations, orderRows, screenshot } from './ui-support';

/**
 * Switching workspaces in the real desk: the sidebar's count, the queue's search and the empty
 * state belong to the workspace shown; a live workspace that cannot sync says why; the Sandbox
 * comes back as it was left (a new order included), not regenerated.
 */
test.describe.configure({ timeout: 90_000 });
test.use({
  deskSync: {
    intervalMs: 1_000,
    sandbox: { orders: 30, accounts: 2, orderIntervalMs: null, seed: 'e2e-switch' },
  },
});

const queueLink = (page: Page) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /^Queue/ });

async function openCount(page: Page): Promise<number> {
  const text = (await queueLink(page).textContent()) ?? '';
  return Number(/([\d,]+) open orders/.exec(text)?.[1]?.replaceAll(',', '') ?? NaN);
}

async function switchTo(page: Page, name: string) {
  const switcher = page.getByLabel('Workspace', { exact: true });
  await expect(switcher).toBeEnabled();
  await switcher.selectOption({ label: name });
}

test('counts, search and empty states follow the workspace; the Sandbox is kept', async ({
  page,
  preview,
  previewUrl,
  embedded,
}, testInfo) => {
  const created = await preview.desk.invoke('workspaces:create', {
    name: 'Acme live',
    gatewayUrl: 'https://gateway.example',
    linkedAccounts: [{ id: 'acc-live', label: 'Acme', provider: 'workday' }],
  });
  expect(created.ok).toBe(true);

  await page.goto(previewUrl);
  await expect(orderRows(page).first()).toBeVisible({ timeout: 20_000 });
  await expect(queueLink(page)).toContainText('30 open orders', { timeout: 20_000 });

  // A new order in the Sandbox, then a search: both belong to the Sandbox.
  const live = embedded.sandbox.inspect.createOrder({ kind: 'assessment' });
  await expect(queueLink(page)).toContainText('31 open orders', { timeout: 20_000 });
  const term = 'zz-only-in-sandbox';
  await page.getByLabel('Search orders').fill(term);

  await switchTo(page, 'Acme live');
  await expect(queueLink(page)).toContainText('0 open orders');
  await expect(page.getByLabel('Search orders')).toHaveValue('');
  const empty = page.locator('.empty-state');
  await expect(empty).toContainText('No orders: this workspace cannot receive them yet');
  await expect(empty).toContainText('No gateway token is stored for this workspace');
  await expect(empty.getByRole('button', { name: 'Open Settings' })).toBeVisible();
  await expect(page.locator('#main')).not.toContainText(/sandbox/i);
  await expect(page.getByText('No orders match these filters')).toHaveCount(0);
  await screenshot(page, testInfo, 'workspace-switch-live-empty');
  await expectNoSeriousA11yViolations(page, 'live workspace without data');

  await switchTo(page, 'Sandbox');
  await expect(page.getByLabel('Search orders')).toHaveValue(term);
  await page.getByLabel('Search orders').fill('');
  // Kept, not regenerated: the order created before the switch is still there.
  await expect(queueLink(page)).toContainText('31 open orders', { timeout: 20_000 });
  expect(await openCount(page)).toBe(31);
  const kept = await preview.desk.invoke('orders:get', { accountId: live.account_id, id: live.id });
  expect(kept.ok && kept.value).toBeTruthy();
});
