import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { addCoordinator } from '../../src-gateway/coordinators';
import {
  startEmbeddedServices,
  type EmbeddedServices,
} from '../../src-main/composition/embedded-services';
import { createEphemeralCredentialStoreForTests } from '../../src-main/credentials/memory-store';
import { createLogger } from '../../src-main/infra/logging/logger';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { expect, test } from './fixtures';
import { orderRows, sandboxOrders, screenshot } from './ui-support';

/**
 * Team mode with two desks: one sandbox (StackOne) and one gateway, two preview desks signed in as
 * two named coordinators. A claim on one shows on the other, a result sent on one shows as Sent by
 * that coordinator on the other, and a revoked token gives a clear signed-out state.
 */

// Two desks, a sandbox and a gateway on a shared two-core machine.
test.describe.configure({ timeout: 300_000 });

const RESOURCES = join(import.meta.dirname, '../../resources');
const RENDERER = join(import.meta.dirname, '../../out/renderer');

interface Desk {
  name: string;
  preview: PreviewServer;
  page: Page;
  dir: string;
}

async function startDesk(
  browser: Browser,
  services: EmbeddedServices,
  name: string,
  token: string,
): Promise<Desk> {
  const dir = await mkdtemp(join(tmpdir(), 'desk-team-'));
  const preview = await startPreviewServer({
    userDataDir: dir,
    port: 0,
    rendererDir: RENDERER,
    credentialStore: createEphemeralCredentialStoreForTests(),
    version: '0.0.0-e2e',
    logger: createLogger({ level: 'warn' }),
    sync: { sandbox: false, intervalMs: 1_000 },
  });
  const invoke = async (command: string, input: unknown) => {
    const answer = await preview.desk.invoke(command as never, input as never);
    if (!answer.ok) throw new Error(`${command}: ${answer.error.message}`);
    return answer.value as { id: string };
  };
  const workspace = await invoke('workspaces:create', {
    name: `Team (${name})`,
    stackoneBaseUrl: services.sandbox.url,
    gatewayUrl: services.gateway.url,
    linkedAccounts: services.accounts.map((a) => ({
      id: a.id,
      label: a.name,
      provider: a.provider,
    })),
  });
  await invoke('credentials:save', {
    workspaceId: workspace.id,
    kind: 'stackone_api_key',
    value: services.sandbox.apiKey,
  });
  await invoke('credentials:save', {
    workspaceId: workspace.id,
    kind: 'gateway_token',
    value: token,
  });
  await invoke('workspaces:activate', { id: workspace.id });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(preview.url);
  return { name, preview, page, dir };
}

function openOrder(page: Page, accountId: string, orderId: string) {
  return page.evaluate(
    ([a, o]) => {
      window.location.hash = `#/order/${encodeURIComponent(a ?? '')}/${encodeURIComponent(o ?? '')}`;
    },
    [accountId, orderId],
  );
}

function queueRow(page: Page, orderId: string) {
  return orderRows(page).and(page.locator(`[data-order-id="${orderId}"]`));
}

test('two desks on one gateway share claims and sent results; a revoked token is signed out', async ({
  browser,
}, testInfo) => {
  const services = await startEmbeddedServices({
    settings: { orders: 12, accounts: 1, orderIntervalMs: null, seed: 'e2e-team' },
    resourcesDir: RESOURCES,
    logger: createLogger({ level: 'warn' }),
    workspaceDir: null,
  });
  const desks: Desk[] = [];
  const started = Date.now();
  const step = (what: string) =>
    console.log(`${Math.round((Date.now() - started) / 1000)} s: ${what}`);
  try {
    const dana = await addCoordinator(services.gateway.store, 'Dana');
    const eli = await addCoordinator(services.gateway.store, 'Eli');
    desks.push(await startDesk(browser, services, 'Dana', dana.token));
    desks.push(await startDesk(browser, services, 'Eli', eli.token));
    const [a, b] = desks as [Desk, Desk];
    step('desks started');

    const { total, orders } = await sandboxOrders(services.sandbox.url);
    for (const desk of desks) {
      await expect(desk.page.getByText(`Signed in as ${desk.name}`)).toBeVisible({
        timeout: 30_000,
      });
      await expect(desk.page.locator('.queue-count strong')).toHaveText(String(total), {
        timeout: 30_000,
      });
    }
    step('desks synced');
    const order = orders.find((o) => o.kind === 'assessment');
    if (!order) throw new Error('the sandbox has no assessment order');

    // Dana claims the order on its page; Eli's queue shows it claimed by her.
    await openOrder(a.page, order.account_id, order.id);
    await a.page.getByRole('button', { name: 'Claim', exact: true }).click();
    await expect(a.page.locator('.detail-header')).toContainText('Claimed by Dana');
    await expect(queueRow(b.page, order.id)).toContainText('Claimed by Dana', { timeout: 20_000 });
    await screenshot(b.page, testInfo, 'team-claimed-by-other');
    step('claim seen');

    // Eli's "Mine" shows nothing yet; "Unclaimed" leaves Dana's order out.
    await b.page
      .getByRole('group', { name: 'Claims' })
      .getByRole('button', { name: 'Mine' })
      .click();
    await expect(b.page.locator('.queue-count strong')).toHaveText('0');
    await b.page
      .getByRole('group', { name: 'Claims' })
      .getByRole('button', { name: 'Unclaimed' })
      .click();
    await expect(b.page.locator('.queue-count strong')).toHaveText(String(total - 1));
    await b.page.getByRole('button', { name: 'Clear filters' }).first().click();

    // Eli marks two other orders (Ctrl/⌘-click) and claims both with one click; Dana sees them his.
    const others = orders.filter((o) => o.id !== order.id).slice(0, 2);
    for (const o of others) await queueRow(b.page, o.id).click({ modifiers: ['ControlOrMeta'] });
    await expect(b.page.locator('.queue-marked')).toContainText('2 marked');
    await screenshot(b.page, testInfo, 'team-marked');
    await b.page.getByRole('button', { name: 'Claim 2', exact: true }).click();
    await expect(b.page.locator('.queue-notice')).toHaveText('Claimed 2 orders.');
    for (const o of others) {
      await expect(queueRow(b.page, o.id)).toContainText('Claimed by Eli', { timeout: 20_000 });
    }
    step('selection claimed');

    // Dana sends a result; Eli's queue shows the order as Sent by Dana.
    await a.page.getByRole('combobox', { name: 'Result' }).selectOption('passed');
    await a.page.getByLabel('Summary').fill('Sent by the team e2e.');
    await a.page.getByLabel('Result URL').fill('https://reports.example.com/r/team');
    await expect(a.page.locator('.draft-state')).toContainText('Draft saved');
    await a.page.keyboard.press('Control+Enter');
    const dialog = a.page.getByRole('dialog', { name: /Preview/ });
    await dialog.getByRole('button', { name: 'Send to the ATS' }).click();
    await expect(dialog).toBeHidden();
    await expect(queueRow(b.page, order.id)).toContainText('Sent by Dana', { timeout: 30_000 });
    step('sent by Dana seen by Eli');
    await screenshot(b.page, testInfo, 'team-sent-by-other');

    // Eli takes the claim over: he is asked first, and Dana's desk shows him as the holder.
    await openOrder(b.page, order.account_id, order.id);
    await b.page.getByRole('button', { name: 'Claim', exact: true }).click();
    const takeover = b.page.getByRole('alertdialog', { name: 'Take over this claim?' });
    await expect(takeover).toContainText('Dana claimed this order');
    await takeover.getByRole('button', { name: 'Take over' }).click();
    await expect(b.page.locator('.detail-header')).toContainText('Claimed by Eli', {
      timeout: 20_000,
    });
    await expect(a.page.locator('.detail-header')).toContainText('Claimed by Eli', {
      timeout: 20_000,
    });

    // Eli's token is revoked: his desk says it is signed out.
    expect(await services.gateway.store.revokeCoordinator('Eli', new Date().toISOString())).toBe(
      true,
    );
    const banner = b.page.locator('.signed-out-banner');
    await expect(banner).toContainText('Signed out', { timeout: 20_000 });
    await expect(banner).toContainText('no longer accepts');
    await expect(b.page.getByText('Signed in as Eli')).toBeHidden();
    await screenshot(b.page, testInfo, 'team-signed-out');
    step('signed out');
    // Dana is still signed in.
    await expect(a.page.getByText('Signed in as Dana')).toBeVisible();
  } finally {
    for (const desk of desks) {
      await desk.page.context().close();
      await desk.preview.close();
      await rm(desk.dir, { recursive: true, force: true });
    }
    await services.close();
  }
});
