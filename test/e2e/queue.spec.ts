import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  expectCount,
  expectNoSeriousA11yViolations,
  orderRows,
  chooseFilter,
  openFilterMenu,
  queueGrid,
  sandboxOrders,
  screenshot,
  shownCount,
} from './ui-support';

/**
 * The queue against the real desk core and the embedded sandbox: what the table shows is compared
 * with the sandbox's own records (its inspection API), not with fixed numbers.
 */
const SYNC_INTERVAL_MS = 1_500;
// Two desks, two sandboxes and two Chromiums share two cores: first syncs take a while.
test.describe.configure({ timeout: 90_000 });
test.use({
  deskSync: {
    intervalMs: SYNC_INTERVAL_MS,
    sandbox: { orders: 160, accounts: 3, orderIntervalMs: null, seed: 'e2e-queue' },
  },
});

async function openQueueSynced(page: Page, url: string, sandboxUrl: string): Promise<number> {
  const { total } = await sandboxOrders(sandboxUrl);
  await page.goto(url);
  await expect(orderRows(page).first()).toBeVisible({ timeout: 20_000 });
  // Every order the sandbox holds has reached the desk through the gateway.
  await expectCount(page, total, 20_000);
  return total;
}

test('the queue lists the orders, and kind, status and customer filters narrow it like the sandbox says', async ({
  page,
  previewUrl,
  embedded,
}, testInfo) => {
  const sandboxUrl = embedded.sandbox.url;
  const total = await openQueueSynced(page, previewUrl, sandboxUrl);
  expect(total).toBeGreaterThan(100);
  await expect(page.getByRole('columnheader', { name: 'Due' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await screenshot(page, testInfo, 'queue');
  await expectNoSeriousA11yViolations(page, 'queue');

  const truthBg = await sandboxOrders(sandboxUrl, { kind: 'background_check' });
  const kindMenu = await openFilterMenu(page, 'Kind');
  await chooseFilter(kindMenu.getByRole('checkbox', { name: /Background check/ }));
  await expectCount(page, truthBg.total);
  await expect(page.getByText('Kind: Background check')).toBeVisible();
  const kinds = await orderRows(page).locator('.queue-cell-kind').allTextContents();
  expect(new Set(kinds)).toEqual(new Set(['Background check']));

  // Statuses the sandbox's orders have locally: each one narrows to its own rows.
  const statusMenu = await openFilterMenu(page, 'Status');
  const firstStatus = statusMenu.locator('.menu-check').first();
  const statusLabel = (await firstStatus.locator('.menu-check-label').textContent()) ?? '';
  const statusCount = Number(
    ((await firstStatus.locator('.chip-count').textContent()) ?? '').replace(/\D/g, ''),
  );
  await chooseFilter(firstStatus.getByRole('checkbox'));
  await expectCount(page, statusCount);
  await expect(page.getByText(`Status: ${statusLabel}`)).toBeVisible();
  const statuses = await orderRows(page).locator('.queue-cell-status').allTextContents();
  expect(new Set(statuses)).toEqual(new Set([statusLabel]));
  await page.getByRole('button', { name: `Remove filter Status: ${statusLabel}` }).click();
  await expectCount(page, truthBg.total);

  const customerMenu = await openFilterMenu(page, 'Customer');
  const customer = customerMenu.locator('.menu-check').first();
  const accounts = embedded.accounts;
  const label = (await customer.locator('.menu-check-label').textContent()) ?? '';
  const account = accounts.find((a) => label.startsWith(a.name));
  if (!account) throw new Error(`no sandbox account for option "${label}"`);
  await chooseFilter(customer.getByRole('checkbox'));
  const truthAccount = await sandboxOrders(sandboxUrl, {
    kind: 'background_check',
    accountId: account.id,
  });
  await expectCount(page, truthAccount.total);
  const customers = await orderRows(page).locator('.queue-cell-customer').allTextContents();
  expect(customers.every((c) => c.startsWith(account.name))).toBe(true);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expectCount(page, total);
});

test('searching a candidate finds their order, and the order page shows candidate, application and job', async ({
  page,
  previewUrl,
  embedded,
}, testInfo) => {
  await openQueueSynced(page, previewUrl, embedded.sandbox.url);
  const { orders } = await sandboxOrders(embedded.sandbox.url, { kind: 'assessment' });
  const order = orders[7];
  if (!order) throw new Error('the sandbox has too few orders');
  const inspect = embedded.sandbox.inspect;
  const candidate = inspect.record(order.account_id, 'candidates', order.candidate_id);
  const application = inspect.record(order.account_id, 'applications', order.application_id);
  const job = inspect.record(order.account_id, 'jobs', order.job_id);
  if (!candidate?.name || !application || !job?.title) throw new Error('sandbox records missing');

  await page.keyboard.press('/');
  await expect(page.getByLabel('Search orders')).toBeFocused();
  await page.keyboard.type(candidate.name);
  await expect(page.getByText(`Search: “${candidate.name}”`)).toBeVisible();
  await expect(queueGrid(page)).toHaveAttribute('aria-busy', 'false');
  const row = orderRows(page).and(page.locator(`[data-order-id="${order.id}"]`));
  await expect(row).toBeVisible();
  expect(await shownCount(page)).toBeLessThan(20);
  // Full-text search on the candidate's name: every hit carries the searched words.
  const words = candidate.name.toLowerCase().split(/\s+/);
  const names = await orderRows(page).locator('.queue-cell-candidate').allTextContents();
  for (const name of names) for (const w of words) expect(name.toLowerCase()).toContain(w);

  await row.click();
  await expect(page).toHaveURL(new RegExp(`#/order/${order.account_id}/${order.id}$`));
  await expect(page.getByRole('heading', { level: 2, name: candidate.name })).toBeVisible();
  const candidateCard = page.getByRole('region', { name: 'Candidate' });
  const email = candidate.emails?.[0]?.value;
  if (email) await expect(candidateCard).toContainText(email);
  const applicationCard = page.getByRole('region', { name: 'Application' });
  const stage = application.application_stage?.name;
  if (stage) await expect(applicationCard).toContainText(stage);
  const jobCard = page.getByRole('region', { name: 'Job' });
  await expect(jobCard).toContainText(job.title);
  for (const member of job.hiring_team ?? []) {
    if (member.email) await expect(jobCard).toContainText(member.email);
  }

  await screenshot(page, testInfo, 'order');
  await page.getByRole('button', { name: /Raw event/ }).click();
  await expect(page.getByLabel('Raw webhook event JSON')).toContainText(order.id);
  await expectNoSeriousA11yViolations(page, 'order page');
});

test('search finds text inside words: the middle of an email, an ATS reference, a job code', async ({
  page,
  previewUrl,
  embedded,
}) => {
  const total = await openQueueSynced(page, previewUrl, embedded.sandbox.url);
  const { orders } = await sandboxOrders(embedded.sandbox.url);
  const inspect = embedded.sandbox.inspect;
  const jobCode = (o: (typeof orders)[number]) =>
    inspect.record(o.account_id, 'jobs', o.job_id)?.code ?? null;
  const order = orders.find((o) => jobCode(o) !== null);
  if (!order) throw new Error('no sandbox order whose job has a code');
  const email = inspect.record(order.account_id, 'candidates', order.candidate_id)?.emails?.[0]
    ?.value;
  const { remote_id: reference } = order as typeof order & { remote_id?: string };
  if (!email || !reference) throw new Error('sandbox order without an email or ATS reference');
  const local = email.split('@')[0]!;

  const box = page.getByLabel('Search orders');
  // "cia35" of zoe.garcia35@…, "REQ-1003", and the reference as the ATS shows it.
  for (const text of [local.slice(-5), jobCode(order)!, reference]) {
    await box.fill(text);
    await expect(page.getByText(`Search: “${text}”`)).toBeVisible();
    await expect(queueGrid(page)).toHaveAttribute('aria-busy', 'false');
    await expect(
      orderRows(page).and(page.locator(`[data-order-id="${order.id}"]`)),
      text,
    ).toBeVisible();
    expect(await shownCount(page), text).toBeLessThan(total);
  }
});

test('keyboard triage: j/k select, Enter opens, Esc returns with the selection and scroll kept', async ({
  page,
  previewUrl,
  embedded,
}) => {
  await openQueueSynced(page, previewUrl, embedded.sandbox.url);
  const grid = queueGrid(page);
  // Far enough down that the grid has to scroll.
  for (let i = 0; i < 30; i++) await page.keyboard.press('j');
  await page.keyboard.press('k');
  const selected = grid.locator('[role=row][aria-selected=true]');
  await expect(selected).toHaveAttribute('aria-rowindex', '30'); // row 29, after the header
  await expect(grid).toBeFocused();
  const id = await selected.getAttribute('data-order-id');
  const scrollTop = await grid.evaluate((el) => el.scrollTop);
  expect(scrollTop).toBeGreaterThan(0);

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/order/[^/]+/${id}$`));
  await expect(page.getByRole('button', { name: /Back to queue/ })).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/queue$/);
  await expect(grid.locator('[role=row][aria-selected=true]')).toHaveAttribute(
    'data-order-id',
    id ?? '',
  );
  expect(Math.abs((await grid.evaluate((el) => el.scrollTop)) - scrollTop)).toBeLessThan(2);

  await page.keyboard.press('ArrowDown');
  await expect(grid.locator('[role=row][aria-selected=true]')).toHaveAttribute(
    'aria-rowindex',
    '31',
  );
});

test('an order created through the sandbox appears without a reload within one sync interval', async ({
  page,
  previewUrl,
  embedded,
}) => {
  const total = await openQueueSynced(page, previewUrl, embedded.sandbox.url);
  await page.evaluate(() => {
    (window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true;
  });
  // Select a row: a live update must not move the selection to another order.
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  const selectedId = await queueGrid(page)
    .locator('[role=row][aria-selected=true]')
    .getAttribute('data-order-id');

  const res = await fetch(`${embedded.sandbox.url}/_sandbox/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count: 1, kind: 'background_check' }),
  });
  expect(res.status).toBe(201);
  const { orders } = (await res.json()) as {
    orders: { id: string; candidate_id: string; account_id: string }[];
  };
  const created = orders[0];
  if (!created) throw new Error('the sandbox created no order');

  // One interval for the pass to start, plus the pass itself (webhook → gateway → feed → cache).
  await expectCount(page, total + 1, SYNC_INTERVAL_MS * 2 + 3_000);
  await expect(queueGrid(page).locator('[role=row][aria-selected=true]')).toHaveAttribute(
    'data-order-id',
    selectedId ?? '',
  );
  const name = embedded.sandbox.inspect.record(
    created.account_id,
    'candidates',
    created.candidate_id,
  )?.name;
  if (name) {
    await page.getByLabel('Search orders').fill(name);
    await expect(page.locator(`[role=row][data-order-id="${created.id}"]`)).toBeVisible();
  }
  expect(
    await page.evaluate(
      () => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage,
    ),
  ).toBe(true);
});
