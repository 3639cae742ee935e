import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page, TestInfo } from '@playwright/test';
import type { RunningSandbox } from '../../src-sandbox';
import { expect } from './fixtures';

const SCREENSHOT_DIR = join(import.meta.dirname, '../../test-results/screenshots');

/** A screenshot saved under test-results/screenshots/ and attached to the report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Let the skeleton pulse and any fade settle so the picture shows the real state.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Serious and critical findings fail the test; the rest are printed for the next pass. */
export async function expectNoSeriousA11yViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const minor = violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  for (const v of minor) console.log(`axe (${where}, ${v.impact}): ${v.id} — ${v.help}`);
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  expect(serious, `serious accessibility violations on ${where}`).toEqual([]);
}

/**
 * Press a toggle (a quick filter) and wait until it shows as pressed. On a loaded machine a click
 * computed against one layout can land after the bar re-flowed (new counts); a second try is
 * honest: what is checked afterwards is the table, not the click.
 */
export async function pressChip(chip: Locator): Promise<void> {
  await expect(async () => {
    if ((await chip.getAttribute('aria-pressed')) !== 'true') await chip.click();
    await expect(chip).toHaveAttribute('aria-pressed', 'true', { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}

/** Opens a filter menu of the queue's filter bar ("Kind", "Status", …): its list of options. */
export async function openFilterMenu(page: Page, menu: string): Promise<Locator> {
  const bar = page.getByRole('group', { name: 'Filters' });
  const button = bar.getByRole('button', { name: new RegExp(`^${menu}`) });
  const list = bar.getByRole('group', { name: menu });
  await expect(async () => {
    if (!(await list.isVisible())) await button.click();
    await expect(list).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  return list;
}

/** Ticks one option of a filter menu and closes the menu. */
export async function chooseFilter(option: Locator): Promise<void> {
  await option.check();
  await expect(option).toBeChecked();
  await option.page().keyboard.press('Escape');
}

export function queueGrid(page: Page): Locator {
  return page.getByRole('grid');
}

/** Rows that hold an order (not skeletons, not the header). */
export function orderRows(page: Page): Locator {
  return queueGrid(page).locator('[role=row][data-order-id]');
}

/** The number the queue shows as its row count. */
export async function shownCount(page: Page): Promise<number> {
  const text = await page.locator('.queue-count strong').textContent();
  return Number((text ?? '').replace(/\D/g, ''));
}

export async function expectCount(page: Page, n: number, timeout = 10_000): Promise<void> {
  await expect(page.locator('.queue-count strong')).toHaveText(
    new Intl.NumberFormat('en-US').format(n),
    {
      timeout,
    },
  );
}

interface SandboxOrder {
  id: string;
  kind: 'assessment' | 'background_check';
  account_id: string;
  candidate_id: string;
  application_id: string;
  job_id: string;
}

/** The sandbox's truth, through its inspection API over HTTP (as another process would see it). */
export async function sandboxOrders(
  sandboxUrl: string,
  filter: { kind?: string; accountId?: string } = {},
): Promise<{ total: number; orders: SandboxOrder[] }> {
  const q = new URLSearchParams({ limit: '100000' });
  if (filter.kind) q.set('kind', filter.kind);
  if (filter.accountId) q.set('accountId', filter.accountId);
  const res = await fetch(`${sandboxUrl}/_sandbox/orders?${q}`);
  expect(res.ok, `GET /_sandbox/orders answered ${res.status}`).toBe(true);
  return (await res.json()) as { total: number; orders: SandboxOrder[] };
}

/**
 * Opens the desk, waits until its queue lists every order the sandbox holds, and picks the
 * `index`-th of those orders with its candidate, from the sandbox's truth.
 */
export async function openQueueAtSandboxOrder(
  page: Page,
  previewUrl: string,
  sandbox: RunningSandbox,
  index: number,
) {
  const { total, orders } = await sandboxOrders(sandbox.url);
  await page.goto(previewUrl);
  await expectCount(page, total, 20_000);
  const order = orders[index];
  if (!order) throw new Error('the sandbox has too few orders');
  const candidate = sandbox.inspect.record(order.account_id, 'candidates', order.candidate_id);
  if (!candidate?.name) throw new Error('sandbox candidate missing');
  return { total, orders, order, candidate: { ...candidate, name: candidate.name } };
}
