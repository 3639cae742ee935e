import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectNoSeriousA11yViolations, orderRows, sandboxOrders, screenshot } from './ui-support';

// Several axe passes, sends through the outbox and first syncs on a shared two-core machine.
test.describe.configure({ timeout: 240_000 });
test.use({
  deskSync: {
    intervalMs: 2_000,
    sandbox: { orders: 40, accounts: 2, orderIntervalMs: null, seed: 'e2e-results' },
  },
});

interface SandboxResult {
  seq: number;
  orderId: string;
  accountId: string;
  status: number;
  bodyText: string | null;
}

/** The result PATCHes the sandbox received for an order, as another process sees them. */
async function sandboxResults(sandboxUrl: string, orderId: string): Promise<SandboxResult[]> {
  const res = await fetch(`${sandboxUrl}/_sandbox/results?orderId=${encodeURIComponent(orderId)}`);
  expect(res.ok, `GET /_sandbox/results answered ${res.status}`).toBe(true);
  return (await res.json()) as SandboxResult[];
}

/** Switch the simulated ATS's result rules of one account (Greenhouse-like or lenient). */
async function setResultRules(
  sandboxUrl: string,
  accountId: string,
  rules: { requireResultUrlForFinal?: boolean; refuseChangeAfterFinal?: boolean },
): Promise<void> {
  const res = await fetch(`${sandboxUrl}/_sandbox/results/rules/${encodeURIComponent(accountId)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rules),
  });
  expect(res.ok, `PUT /_sandbox/results/rules answered ${res.status}`).toBe(true);
}

async function openOrder(page: Page, accountId: string, orderId: string): Promise<void> {
  await page.evaluate(
    ([a, o]) => {
      window.location.hash = `#/order/${encodeURIComponent(a ?? '')}/${encodeURIComponent(o ?? '')}`;
    },
    [accountId, orderId],
  );
  await expect(page.getByRole('combobox', { name: 'Result' })).toBeVisible({ timeout: 20_000 });
}

const currentStep = (page: Page) => page.locator('.standing-step[aria-current="step"]');

/** Ctrl+Enter opens the preview; returns the body text it shows, exactly. */
async function openPreview(page: Page): Promise<string> {
  await page.keyboard.press('Control+Enter');
  const dialog = page.getByRole('dialog', { name: /Preview/ });
  await expect(dialog).toBeVisible();
  return (await dialog.getByTestId('preview-body').textContent()) ?? '';
}

/** Waits until the desk is synced with every order the sandbox holds. */
async function openDesk(page: Page, previewUrl: string, sandboxUrl: string) {
  const { total, orders } = await sandboxOrders(sandboxUrl);
  await page.goto(previewUrl);
  await expect(page.locator('.queue-count strong')).toHaveText(
    new Intl.NumberFormat('en-US').format(total),
    { timeout: 30_000 },
  );
  return orders;
}

test('results for an assessment and a background check: preview, send, the ATS holds the previewed bytes', async ({
  page,
  previewUrl,
  embedded,
}, testInfo) => {
  const sandboxUrl = embedded.sandbox.url;
  const orders = await openDesk(page, previewUrl, sandboxUrl);
  const assessment = orders.find((o) => o.kind === 'assessment');
  const check = orders.find((o) => o.kind === 'background_check');
  if (!assessment || !check) throw new Error('the sandbox has no order of each kind');
  for (const o of [assessment, check]) {
    await setResultRules(sandboxUrl, o.account_id, {
      requireResultUrlForFinal: false,
      refuseChangeAfterFinal: false,
    });
  }

  // An assessment, every field of the form.
  await openOrder(page, assessment.account_id, assessment.id);
  await page.getByRole('combobox', { name: 'Result' }).selectOption('passed');
  await page.getByLabel('Score Value').fill('87');
  await page.getByLabel('Score Min').fill('0');
  await page.getByLabel('Score Max').fill('100');
  await page.getByLabel('Score Label').fill('Percentage');
  await page.getByLabel('Summary').fill('Strong on algorithms.\nClear "communication".');
  await page.getByLabel('Result URL').fill('https://reports.example.com/r/87');
  await page.getByLabel('Started').fill('2025-03-01T09:15');
  await page.getByRole('button', { name: 'Submitted now' }).click();
  await page.getByRole('button', { name: 'Add attachment' }).click();
  await page.getByLabel('Attachment 1 URL').fill('https://reports.example.com/r/87.pdf');
  await page.getByLabel('Candidate profile URL').fill('https://provider.example.com/c/1');
  await expect(page.getByText(/Draft saved/)).toBeVisible();
  await expect(currentStep(page)).toHaveText(/Draft/);
  await screenshot(page, testInfo, 'result-form');
  await expectNoSeriousA11yViolations(page, 'result form');

  const body = await openPreview(page);
  const dialog = page.getByRole('dialog', { name: /Preview/ });
  await expect(dialog.getByTestId('preview-path')).toHaveText(
    `/unified/ats/assessments/orders/${assessment.id}/result`,
  );
  await expect(dialog.getByRole('row', { name: /x-account-id/ })).toContainText(
    assessment.account_id,
  );
  expect(JSON.parse(body)).toMatchObject({
    result: { value: 'passed' },
    score: { label: 'Percentage', value: '87', min: '0', max: '100' },
    result_url: 'https://reports.example.com/r/87',
  });
  await screenshot(page, testInfo, 'result-preview');
  await expectNoSeriousA11yViolations(page, 'result preview');
  await dialog.getByRole('button', { name: 'Send to the ATS' }).click();
  await expect(dialog).toBeHidden();
  await expect(currentStep(page)).toHaveText(/Sent/, { timeout: 20_000 });

  const received = await sandboxResults(sandboxUrl, assessment.id);
  expect(received.map((r) => r.status)).toEqual([200]);
  expect(received[0]?.bodyText).toBe(body);

  // The queue shows it Sent.
  await page.keyboard.press('Escape');
  const row = orderRows(page).and(page.locator(`[data-order-id="${assessment.id}"]`));
  await page.getByLabel('Search orders').fill(assessment.id);
  await expect(row).toContainText('Sent', { timeout: 10_000 });

  // A background check: marked Initiated from the order page by key, then a verdict.
  await openOrder(page, check.account_id, check.id);
  await page.keyboard.press('i');
  await expect(page.getByText('Initiated is queued for the ATS.')).toBeVisible();
  await expect
    .poll(async () => (await sandboxResults(sandboxUrl, check.id)).map((r) => r.bodyText))
    .toEqual(['{"result":{"value":"initiated"}}']);
  await page.keyboard.press('r');
  await expect(page.getByRole('combobox', { name: 'Result' })).toBeFocused();
  await page.getByRole('combobox', { name: 'Result' }).selectOption('failed');
  await page.getByLabel('Summary').fill('Record found: see the report.');
  await page.getByLabel('Result URL').fill('https://reports.example.com/bg/1');
  const checkBody = await openPreview(page);
  await expect(page.getByTestId('preview-path')).toHaveText(
    `/unified/ats/background_checks/orders/${check.id}/result`,
  );
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('dialog', { name: /Preview/ })).toBeHidden();
  await expect(currentStep(page)).toHaveText(/Sent/, { timeout: 20_000 });
  const checkReceived = await sandboxResults(sandboxUrl, check.id);
  expect(checkReceived.map((r) => r.status)).toEqual([200, 200]);
  expect(checkReceived[1]?.bodyText).toBe(checkBody);
});

test('a refused result parks with StackOne’s words; editing and resending delivers it', async ({
  page,
  previewUrl,
  embedded,
}, testInfo) => {
  const sandboxUrl = embedded.sandbox.url;
  const orders = await openDesk(page, previewUrl, sandboxUrl);
  const order = orders.find((o) => o.kind === 'assessment');
  if (!order) throw new Error('the sandbox has no assessment order');
  await setResultRules(sandboxUrl, order.account_id, { requireResultUrlForFinal: true });

  await openOrder(page, order.account_id, order.id);
  await page.getByRole('combobox', { name: 'Result' }).selectOption('completed');
  await page.getByLabel('Summary').fill('Finished the test.');
  await openPreview(page);
  const dialog = page.getByRole('dialog', { name: /Preview/ });
  await expect(dialog.locator('[data-warning="final_without_result_url"]')).toBeVisible();
  await dialog.getByRole('button', { name: 'Send to the ATS' }).click();

  await expect(currentStep(page)).toHaveText(/Needs attention/, { timeout: 20_000 });
  const parked = page.locator('.parked');
  await expect(parked).toContainText('result_url is required for a completed result.');
  await screenshot(page, testInfo, 'result-parked');
  await expectNoSeriousA11yViolations(page, 'refused result');

  // The sidebar counts it; Activity lists it first, with the same words.
  await expect(page.getByRole('link', { name: /Activity/ })).toContainText('1');
  // Out of the summary field first (Esc leaves a field), so that g a is a shortcut, not text.
  await page.keyboard.press('Escape');
  await page.keyboard.press('g');
  await page.keyboard.press('a');
  const outbox = page.getByRole('region', { name: 'Outbox' });
  await expect(outbox.getByRole('table', { name: 'Results the ATS refused' })).toContainText(
    'result_url is required for a completed result.',
  );
  await screenshot(page, testInfo, 'outbox');
  await expectNoSeriousA11yViolations(page, 'outbox');

  await outbox.getByRole('button', { name: /Edit and resend/ }).click();
  await expect(page.getByRole('combobox', { name: 'Result' })).toBeFocused({ timeout: 20_000 });
  await page.getByLabel('Result URL').fill('https://reports.example.com/r/fixed');
  const body = await openPreview(page);
  await page
    .getByRole('dialog', { name: /corrected/ })
    .getByRole('button', { name: /Resend/ })
    .click();
  await expect(currentStep(page)).toHaveText(/Sent/, { timeout: 20_000 });

  const received = await sandboxResults(sandboxUrl, order.id);
  expect(received.map((r) => r.status)).toEqual([400, 200]);
  expect(received[1]?.bodyText).toBe(body);

  // What the ATS received: both attempts, request and response.
  const log = page.getByRole('region', { name: 'What the ATS received' });
  await expect(log.getByRole('row')).toHaveCount(3);
  await log.getByRole('button', { name: /Show/ }).last().click();
  await expect(log.getByLabel('Response body as received').first()).toContainText(
    'result_url is required',
  );
  await screenshot(page, testInfo, 'order-log');
  await expectNoSeriousA11yViolations(page, 'order log');
});

test('the order page works at 1024×700, at 200% zoom, light and dark', async ({
  page,
  previewUrl,
  embedded,
}, testInfo) => {
  const orders = await openDesk(page, previewUrl, embedded.sandbox.url);
  const order = orders[0];
  if (!order) throw new Error('the sandbox has no orders');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // 1024×700, then the same window at 200% zoom (half the CSS pixels).
    for (const [width, height, name] of [
      [1024, 700, '1024'],
      [512, 350, 'zoom200'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await openOrder(page, order.account_id, order.id);
      await page.getByRole('combobox', { name: 'Result' }).selectOption('passed');
      await page.getByLabel('Result URL').fill('http://not-https.example.com');
      await page.keyboard.press('Control+Enter');
      await expect(page.getByText('Result URL must be an https:// link.')).toBeVisible();
      // Nothing in the result column is wider than the column: no sideways scrolling in it.
      const overflow = await page
        .locator('.result-card')
        .evaluate((card) => card.scrollWidth - card.clientWidth);
      expect(overflow, `sideways overflow at ${name} ${scheme}`).toBeLessThanOrEqual(0);
      await screenshot(page, testInfo, `result-form-${name}-${scheme}`);
      await expectNoSeriousA11yViolations(page, `result form ${name} ${scheme}`);
    }
  }
});
