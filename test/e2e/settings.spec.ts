import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectNoSeriousA11yViolations } from './ui-support';

const SCREENSHOT_DIR = join(import.meta.dirname, '../../test-results/screenshots');

/**
 * The main area scrolls inside the window (the frame stays put), so a full-page shot would cut it
 * off: grow the viewport to the content's height for the shot instead.
 */
async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `settings-${name}.png`);
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const needed = await page
    .locator('#main')
    .evaluate((main) => main.getBoundingClientRect().top + main.scrollHeight);
  await page.setViewportSize({
    width: viewport.width,
    height: Math.max(viewport.height, Math.ceil(needed)),
  });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
  await testInfo.attach(`settings-${name}`, { path, contentType: 'image/png' });
}

/** Everything the page can show: the markup of every frame and the live value of every input. */
async function visibleText(page: Page): Promise<string> {
  const parts = [await page.content()];
  for (const frame of page.frames()) {
    parts.push(await frame.content());
    const values = await frame
      .locator('input, textarea, select')
      .evaluateAll((fields) => fields.map((f) => (f as unknown as { value: string }).value));
    parts.push(...values);
  }
  return parts.join('\n');
}

/** Bodies of every preview response (the event stream never ends, and carries only ids). */
function recordResponses(page: Page): Promise<string>[] {
  const bodies: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.headers()['content-type']?.includes('text/event-stream')) return;
    bodies.push(
      response.body().then(
        (b) => b.toString('utf8'),
        () => '', // Redirects have no body.
      ),
    );
  });
  return bodies;
}

/** Fill the new-workspace form the way a coordinator would (the form must be open). */
async function fillNewWorkspace(page: Page, apiKey: string) {
  const editor = page.getByRole('region', { name: 'New StackOne workspace' });
  await editor.getByLabel('Name').fill('Acme production');
  await editor.getByLabel('Gateway URL').fill('https://gateway.acme.test');
  await editor.getByRole('button', { name: 'Add account' }).click();
  await editor.getByLabel('Account id, row 1').fill('45355976281015164504');
  await editor.getByLabel('Customer label, row 1').fill('Acme · Workday');
  await editor.getByRole('button', { name: 'Add account' }).click();
  await editor.getByLabel('Account id, row 2').fill('45355976281015164505');
  await editor.getByLabel('API key').fill(apiKey);
  return editor;
}

const newApiKey = () => `sk_e2e_${Math.random().toString(36).slice(2)}_NEVER_IN_DOM`;

test('a StackOne workspace keeps its API key in the keychain, never in the page', async ({
  page,
  previewUrl,
}, testInfo) => {
  const apiKey = newApiKey();
  const responses = recordResponses(page);

  await page.goto(`${previewUrl}#/settings`);
  const table = page.getByRole('table', { name: 'Workspaces' });
  await expect(table.getByRole('rowheader', { name: /Sandbox/ })).toBeVisible();
  await expect(page.locator('.topbar .badge-sandbox')).toHaveText('Sandbox');

  await page.getByRole('button', { name: 'New workspace' }).click();
  const editor = await fillNewWorkspace(page, apiKey);
  await expect(editor.getByLabel('API key')).toHaveAttribute('type', 'password');
  await expect(editor.getByLabel('API key')).toHaveAttribute('autocomplete', 'off');
  await editor.getByRole('button', { name: 'Create workspace' }).click();

  const saved = page.getByRole('region', { name: 'Edit “Acme production”' });
  await expect(saved.getByText('Stored in the OS keychain')).toBeVisible();
  await expect(saved.getByRole('button', { name: 'Replace API key' })).toBeVisible();
  await expect(saved.getByRole('button', { name: 'Clear API key' })).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText('API key stored in the OS keychain');
  const row = table.getByRole('row', { name: /Acme production/ });
  await expect(row).toContainText('API key: stored');
  await expect(row).toContainText('Gateway token: not stored');
  await expect(row.getByRole('cell').nth(2)).toHaveText('2');
  expect(await visibleText(page)).not.toContain(apiKey);

  await page.reload();
  const reloadedRow = page
    .getByRole('table', { name: 'Workspaces' })
    .getByRole('row', { name: /Acme production/ });
  await expect(reloadedRow).toContainText('API key: stored');
  await expect(reloadedRow.getByTitle('https://gateway.acme.test')).toHaveText('gateway.acme.test');
  await reloadedRow.getByRole('button', { name: 'Switch to Acme production' }).click();
  await expect(reloadedRow.getByText('Active')).toBeVisible();
  await expect(page.locator('.topbar .badge-sandbox')).toHaveCount(0);
  await expect(page.locator('.topbar')).toContainText('Acme production');
  await reloadedRow.getByRole('button', { name: 'Edit Acme production' }).click();
  await expect(page.getByText('Stored in the OS keychain', { exact: true }).first()).toBeVisible();
  await screenshot(page, testInfo, 'after-reload');
  expect(await visibleText(page)).not.toContain(apiKey);

  const bodies = await Promise.all(responses);
  expect(bodies.length).toBeGreaterThan(5);
  for (const body of bodies) expect(body).not.toContain(apiKey);
});

test('the settings screen in its states: screenshots and no serious accessibility findings', async ({
  page,
  previewUrl,
}, testInfo) => {
  // Each axe pass takes seconds on a shared two-core machine.
  test.setTimeout(90_000);
  await page.goto(`${previewUrl}#/settings`);
  await expect(page.getByRole('rowheader', { name: /Sandbox/ })).toBeVisible();
  await screenshot(page, testInfo, 'sandbox-only');
  await expectNoSeriousA11yViolations(page, 'settings with the Sandbox only');

  await page.getByRole('button', { name: 'New workspace' }).click();
  const editor = page.getByRole('region', { name: 'New StackOne workspace' });
  await expect(editor.getByLabel('Name')).toBeFocused();
  await expect(editor.getByLabel('StackOne base URL')).toHaveValue('https://api.stackone.com');
  // Nothing is sent while the form is wrong, and each error sits by its field.
  await editor.getByLabel('Gateway URL').fill('gateway.acme.test');
  await editor.getByRole('button', { name: 'Create workspace' }).click();
  await expect(editor.getByText('Give the workspace a name')).toBeVisible();
  await expect(editor.getByLabel('Gateway URL')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, testInfo, 'form-errors');
  await expectNoSeriousA11yViolations(page, 'the workspace form with errors');

  await fillNewWorkspace(page, newApiKey());
  await screenshot(page, testInfo, 'form-filled');
  await editor.getByRole('button', { name: 'Create workspace' }).click();
  // Exact: the status line ("… API key stored in the OS keychain …") says it too.
  await expect(page.getByText('Stored in the OS keychain', { exact: true })).toBeVisible();
  // At a laptop's width the table fits its box: nothing hides behind a sideways scroll.
  const overflow = await page
    .getByRole('region', { name: 'Workspaces' })
    .locator('.table-scroll')
    .evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, testInfo, 'saved');
  await expectNoSeriousA11yViolations(page, 'the saved workspace');

  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, testInfo, 'dark');
  await expectNoSeriousA11yViolations(page, 'settings in the dark theme');
});

test('the keyboard map opens with ? and lists only keys that work', async ({
  page,
  previewUrl,
}, testInfo) => {
  await page.goto(`${previewUrl}#/settings`);
  await expect(page.getByRole('table', { name: 'Workspaces' })).toBeVisible();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await expect(dialog).toContainText('Go to Settings');
  await screenshot(page, testInfo, 'keyboard-map');
  await expectNoSeriousA11yViolations(page, 'the keyboard map');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
