import { join } from 'node:path';
import { expect, test } from './fixtures';
import { orderRows, sandboxOrders, screenshot } from './ui-support';
import { startSandbox, type RunningSandbox } from '../../src-sandbox';

// First sync, an outage and the outbox's backoff on a shared two-core machine.
test.describe.configure({ timeout: 180_000 });

const SANDBOX = { orders: 40, accounts: 2, seed: 'e2e-results-offline' } as const;
test.use({
  deskSync: {
    intervalMs: 2_000,
    backoff: { baseMs: 500, maxMs: 1_000 },
    stackone: { retry: { maxAttempts: 1 }, timeoutMs: 2_000 },
    sandbox: { ...SANDBOX, orderIntervalMs: null },
  },
});

interface SandboxResult {
  orderId: string;
  status: number;
  bodyText: string | null;
}

async function sandboxResults(sandboxUrl: string, orderId: string): Promise<SandboxResult[]> {
  const res = await fetch(`${sandboxUrl}/_sandbox/results?orderId=${encodeURIComponent(orderId)}`);
  expect(res.ok, `GET /_sandbox/results answered ${res.status}`).toBe(true);
  return (await res.json()) as SandboxResult[];
}

test('with the sandbox unreachable a sent result waits in the outbox and goes out when it is back', async ({
  page,
  previewUrl,
  embedded,
}, testInfo) => {
  const sandboxUrl = embedded.sandbox.url;
  const { total, orders } = await sandboxOrders(sandboxUrl);
  const order = orders.find((o) => o.kind === 'assessment');
  if (!order) throw new Error('the sandbox has no assessment order');
  await page.goto(previewUrl);
  await expect(page.locator('.queue-count strong')).toHaveText(
    new Intl.NumberFormat('en-US').format(total),
    { timeout: 30_000 },
  );

  await page.evaluate(
    ([a, o]) => {
      window.location.hash = `#/order/${encodeURIComponent(a ?? '')}/${encodeURIComponent(o ?? '')}`;
    },
    [order.account_id, order.id],
  );
  await page.getByRole('combobox', { name: 'Result' }).selectOption('passed');
  await page.getByLabel('Summary').fill('Sent while StackOne was down.');
  await page.getByLabel('Result URL').fill('https://reports.example.com/r/offline');
  await expect(page.locator('.draft-state')).toContainText('Draft saved');

  // StackOne goes away: the sandbox's port stops answering.
  const { port } = new URL(sandboxUrl);
  await embedded.sandbox.close();

  await page.keyboard.press('Control+Enter');
  const dialog = page.getByRole('dialog', { name: /Preview/ });
  await expect(dialog).toBeVisible();
  const body = (await dialog.getByTestId('preview-body').textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Send to the ATS' }).click();
  await expect(dialog).toBeHidden();

  // The order page: queued, retried, and why it waits.
  const currentStep = page.locator('.standing-step[aria-current="step"]');
  await expect(currentStep).toHaveText(/Queued/, { timeout: 20_000 });
  await expect(page.getByText('StackOne cannot be reached.').first()).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText(/Passed is queued \(attempt \d+\)/)).toBeVisible();
  await screenshot(page, testInfo, 'result-offline-queued');

  // Activity's outbox counts it and lists it with why it waits.
  await page.keyboard.press('Escape');
  await page.keyboard.press('g');
  await page.keyboard.press('a');
  const outbox = page.getByRole('region', { name: 'Outbox' });
  await expect(outbox).toContainText('1 waiting');
  await expect(outbox.getByText('1 result waiting', { exact: true })).toBeVisible();
  await expect(outbox).toContainText('1 result waits and goes out when StackOne answers.');
  await expect(outbox).toContainText('StackOne cannot be reached.');
  const waiting = outbox.getByRole('table', { name: 'Results waiting to be sent' });
  const waitingRow = waiting
    .getByRole('row')
    .filter({ has: page.locator(`a[href$="/${order.id}"]`) });
  await expect(waitingRow).toContainText('Passed');
  await expect(waitingRow).toContainText('Queued');
  await expect(waitingRow).toContainText('Could not reach StackOne');
  await screenshot(page, testInfo, 'result-offline-outbox');

  // StackOne is back on the same address, with the same data.
  let restarted: RunningSandbox | null = null;
  try {
    restarted = await startSandbox({
      ...SANDBOX,
      port: Number(port),
      host: '127.0.0.1',
      specPath: join(import.meta.dirname, '../../resources/stackone/ats-openapi.json'),
    });
    expect(restarted.url).toBe(sandboxUrl);

    await expect(waitingRow).toHaveCount(0, {
      timeout: 60_000,
    });
    await expect(outbox).toContainText('1 sent');
    await expect
      .poll(async () => (await sandboxResults(sandboxUrl, order.id)).map((r) => r.status), {
        timeout: 10_000,
      })
      .toEqual([200]);
    expect((await sandboxResults(sandboxUrl, order.id))[0]?.bodyText).toBe(body);

    // The order shows it Sent, in the queue and on its page.
    await page.keyboard.press('g');
    await page.keyboard.press('q');
    await page.getByLabel('Search orders').fill(order.id);
    const row = orderRows(page).and(page.locator(`[data-order-id="${order.id}"]`));
    await expect(row).toContainText('Sent', { timeout: 10_000 });
    await page.evaluate(
      ([a, o]) => {
        window.location.hash = `#/order/${encodeURIComponent(a ?? '')}/${encodeURIComponent(o ?? '')}`;
      },
      [order.account_id, order.id],
    );
    await expect(currentStep).toHaveText(/Sent/, { timeout: 20_000 });
  } finally {
    await restarted?.close();
  }
});
