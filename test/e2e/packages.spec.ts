import { readFile } from 'node:fs/promises';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { specValidator } from '../testing/spec-schemas';
import { expect, test } from './fixtures';
import { expectNoSeriousA11yViolations, screenshot } from './ui-support';

// Two sandbox accounts: the first on Greenhouse (a standard ATS), the second on Workday (static
// packages: its orders carry ATS test ids and need a mapping).
// Each axe pass takes seconds on a shared two-core machine, and every shot is checked.
test.describe.configure({ timeout: 300_000 });
test.use({
  viewport: { width: 1024, height: 700 },
  deskSync: {
    intervalMs: 1_000,
    sandbox: { orders: 40, accounts: 2, orderIntervalMs: null, seed: 'e2e-packages' },
  },
});

const validPackagesPage = specValidator('AssessmentPackagePaginated');

/** Light and dark shots of what is on screen, each checked by axe. */
async function shootBothThemes(page: Page, testInfo: TestInfo, name: string) {
  await page.emulateMedia({ colorScheme: 'light' });
  await screenshot(page, testInfo, `packages-${name}-light`);
  await expectNoSeriousA11yViolations(page, `${name} (light)`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, testInfo, `packages-${name}-dark`);
  await expectNoSeriousA11yViolations(page, `${name} (dark)`);
  await page.emulateMedia({ colorScheme: 'light' });
}

/** 200% zoom of a 1024×700 window: the same page in half the CSS pixels (a layout check). */
async function zoomShot(page: Page, testInfo: TestInfo, name: string) {
  await page.setViewportSize({ width: 512, height: 350 });
  await screenshot(page, testInfo, `packages-${name}-zoom-200`);
  await page.setViewportSize({ width: 1024, height: 700 });
}

function tableRow(table: Locator, name: string | RegExp): Locator {
  return table.getByRole('row', { name });
}

test('a published catalog is what StackOne gets from the gateway, in the spec’s shape', async ({
  page,
  previewUrl,
  embedded,
}, testInfo) => {
  await page.goto(`${previewUrl}#/packages`);
  const catalog = page.getByRole('table', { name: 'Assessment catalog' });
  await expect(catalog).toBeVisible();

  for (const [id, name, hours] of [
    ['e2e-code', 'E2E coding test', '36'],
    ['e2e-sql', 'E2E SQL test', ''],
  ] as const) {
    await page.getByRole('button', { name: 'New package' }).click();
    const dialog = page.getByRole('dialog', { name: 'New assessment package' });
    await dialog.getByLabel('Package id').fill(id);
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByLabel('Type').fill('Skills test');
    await dialog.getByLabel('Description').fill(`${name}: 45 minutes, proctored.`);
    await dialog.getByLabel('Turnaround (hours)').fill(hours);
    await dialog.getByRole('button', { name: 'Add package' }).click();
    await expect(dialog).toBeHidden();
    await expect(tableRow(catalog, new RegExp(name))).toContainText('New, not published');
  }
  await expect(tableRow(catalog, /E2E coding test/)).toContainText('36 h');
  await expect(page.locator('.publish-bar')).toContainText('2 unpublished changes');
  await screenshot(page, testInfo, 'packages-catalog-unpublished');

  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.locator('.status-line')).toContainText('StackOne now gets');
  await expect(tableRow(catalog, /E2E coding test/)).toContainText('Published');
  await expect(page.getByRole('button', { name: 'Publish' })).toBeDisabled();

  // StackOne's side: the gateway's provider endpoint with the packages credential.
  const res = await fetch(`${embedded.gateway.url}/ats/assessments/packages?page_size=100`, {
    headers: { authorization: `Bearer ${embedded.packagesToken}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: { id: string; name: string }[] };
  expect(validPackagesPage(body)).toBe('valid');
  expect(body.data.map((p) => [p.id, p.name])).toEqual(
    expect.arrayContaining([
      ['e2e-code', 'E2E coding test'],
      ['e2e-sql', 'E2E SQL test'],
    ]),
  );
  const refused = await fetch(`${embedded.gateway.url}/ats/assessments/packages`);
  expect(refused.status).toBe(401);

  await page.locator('.published-list summary').click();
  await shootBothThemes(page, testInfo, 'catalog-published');
  await zoomShot(page, testInfo, 'catalog');
});

test('a background-check package is created, changed and deleted in the customer’s ATS', async ({
  page,
  previewUrl,
  embedded,
}, testInfo) => {
  const account = embedded.accounts[1]!;
  const inSandbox = () =>
    embedded.sandbox.inspect
      .recordIds(account.id, 'background_check_packages')
      .map((id) => embedded.sandbox.inspect.record(account.id, 'background_check_packages', id)!);

  await page.goto(`${previewUrl}#/packages/background-checks`);
  await page.getByLabel('Customer').selectOption(account.id);
  const table = page.getByRole('table', { name: /Background-check packages of/ });
  await expect(table.getByRole('rowheader').first()).toBeVisible({ timeout: 30_000 });
  const before = inSandbox().length;

  await page.getByRole('button', { name: 'New package' }).click();
  const dialog = page.getByRole('dialog', { name: /New background-check package/ });
  await dialog.getByLabel('Name', { exact: true }).fill('E2E driver screening');
  await dialog.getByLabel('Description').fill('Licence and record');
  await dialog.getByRole('button', { name: 'Add test' }).click();
  await dialog.getByLabel('Test 1 name').fill('Driving licence');
  await dialog.getByRole('button', { name: 'Add test' }).click();
  await dialog.getByLabel('Test 2 name').fill('Motor vehicle record');
  await dialog.getByRole('button', { name: 'Queue package' }).click();
  await expect(page.locator('.status-line')).toContainText('queued to be created');

  const row = tableRow(table, /E2E driver screening/);
  await expect(row).toContainText('In the ATS', { timeout: 30_000 });
  await expect(row.getByRole('list', { name: /Tests of/ })).toContainText('Motor vehicle record');
  await expect
    .poll(() => inSandbox().filter((p) => p.name === 'E2E driver screening').length)
    .toBe(1);
  const created = inSandbox().find((p) => p.name === 'E2E driver screening')!;
  expect(created.tests?.map((t) => t.name)).toEqual(['Driving licence', 'Motor vehicle record']);
  await shootBothThemes(page, testInfo, 'background-checks');

  await row.getByRole('button', { name: 'Edit E2E driver screening' }).click();
  const edit = page.getByRole('dialog', { name: /Edit “E2E driver screening”/ });
  await edit.getByLabel('Name', { exact: true }).fill('E2E driver screening plus');
  await edit.getByRole('button', { name: 'Queue change' }).click();
  const renamed = tableRow(table, /E2E driver screening plus/);
  await expect(renamed).toContainText('In the ATS', { timeout: 30_000 });
  await expect
    .poll(
      () =>
        embedded.sandbox.inspect.record(account.id, 'background_check_packages', created.id!)?.name,
    )
    .toBe('E2E driver screening plus');

  await renamed.getByRole('button', { name: 'Delete E2E driver screening plus' }).click();
  const confirm = page.getByRole('alertdialog', {
    name: new RegExp(`Delete “E2E driver screening plus” from ${account.name ?? account.id}\\?`),
  });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshot(page, testInfo, 'packages-background-check-delete-confirm');
  await expectNoSeriousA11yViolations(page, 'the delete confirmation');
  await confirm.getByRole('button', { name: /^Delete from / }).click();
  await expect(renamed).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(() => inSandbox().length).toBe(before);
});

test('mapping a package to job postings maps the waiting orders; mappings survive a CSV round trip', async ({
  page,
  previewUrl,
  embedded,
}, testInfo) => {
  const workday = embedded.accounts.find((a) => a.provider === 'workday')!;

  // A package to map to, published like any other.
  await page.goto(`${previewUrl}#/packages`);
  await page.getByRole('button', { name: 'New package' }).click();
  const dialog = page.getByRole('dialog', { name: 'New assessment package' });
  await dialog.getByLabel('Package id').fill('e2e-workday');
  await dialog.getByLabel('Name', { exact: true }).fill('E2E Workday assessment');
  await dialog.getByRole('button', { name: 'Add package' }).click();
  await expect(dialog).toBeHidden();

  // An order of the Workday customer waits, flagged, in the queue.
  await page.goto(`${previewUrl}#/queue`);
  const flagged = page.locator('[role=row][data-order-id]', { hasText: 'Unmapped' }).first();
  await expect(flagged).toBeVisible({ timeout: 30_000 });
  const orderId = (await flagged.getAttribute('data-order-id'))!;
  await flagged.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'packages-queue-unmapped');
  await flagged.click();
  await expect(page.locator('.detail-header')).toContainText('Unmapped');
  await screenshot(page, testInfo, 'packages-order-unmapped');
  await page
    .getByRole('link', { name: /Unmapped · Map its package/ })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`#/mappings/${workday.id}$`));

  // Every job posting and job of the customer to the package: multi-select, assign.
  const mapped: string[] = [];
  for (const kind of ['Job postings', 'Jobs']) {
    await page.getByRole('button', { name: kind, exact: true }).click();
    const table = page.getByRole('table', { name: new RegExp(`^${kind} of`) });
    await expect(table.locator('tbody tr[data-index]').first()).toBeVisible({ timeout: 30_000 });
    await table.getByRole('checkbox', { name: 'Select all shown' }).check();
    await page.getByLabel('Map selected to').selectOption('e2e-workday');
    await page.getByRole('button', { name: 'Assign' }).click();
    await expect(page.locator('.status-line')).toContainText('to “E2E Workday assessment”');
    mapped.push((await page.locator('.status-line').textContent()) ?? '');
    await expect(table.locator('tbody tr[data-index]').first()).toContainText(
      'E2E Workday assessment',
    );
  }
  await page.getByLabel('Unmapped only').check();
  await expect(page.locator('.mapping-table tbody')).toContainText('is mapped');
  await page.getByLabel('Unmapped only').uncheck();
  await shootBothThemes(page, testInfo, 'mappings');
  await zoomShot(page, testInfo, 'mappings');

  // The order is mapped now: no flag on its page or in the queue.
  await page.goto(
    `${previewUrl}#/order/${encodeURIComponent(workday.id)}/${encodeURIComponent(orderId)}`,
  );
  await expect(page.locator('.detail-header')).toBeVisible();
  await expect(page.locator('.detail-header')).not.toContainText('Unmapped', { timeout: 30_000 });
  await page.goto(`${previewUrl}#/queue`);
  const row = page.locator(`[role=row][data-order-id="${orderId}"]`);
  await expect(row).toBeVisible();
  await expect(row).not.toContainText('Unmapped');

  // CSV round trip: export, remove every mapping, import the file, export again: the same rows.
  await page.goto(`${previewUrl}#/mappings/${encodeURIComponent(workday.id)}`);
  const exportCsv = async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    return readFile((await download.path())!, 'utf8');
  };
  const first = await exportCsv();
  const lines = first.trim().split(/\r?\n/);
  expect(lines[0]).toBe('account_id,target,target_id,target_title,package_id,package_name');
  expect(lines.length).toBeGreaterThan(2);
  for (const kind of ['Job postings', 'Jobs']) {
    await page.getByRole('button', { name: kind, exact: true }).click();
    const table = page.getByRole('table', { name: new RegExp(`^${kind} of`) });
    await table.getByRole('checkbox', { name: 'Select all shown' }).check();
    await page.getByRole('button', { name: 'Remove mapping' }).click();
    await expect(table.locator('tbody tr[data-index]').first()).toContainText('Unmapped');
  }
  expect((await exportCsv()).trim().split(/\r?\n/)).toHaveLength(1);

  await page.getByRole('button', { name: 'Import CSV' }).click();
  const importer = page.getByRole('dialog', { name: 'Import mappings from CSV' });
  await importer.getByLabel('Mappings file (CSV)').setInputFiles({
    name: 'mappings.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `${first.trim()}\r\n${workday.id},job_posting,no-such-posting,,e2e-workday,\r\n`,
    ),
  });
  await expect(importer).toContainText(`${lines.length - 1} ready`);
  await expect(importer).toContainText('1 with errors');
  await expect(
    importer.getByRole('row', { name: new RegExp(`^${lines.length + 1} `) }),
  ).toContainText('target_id');
  await screenshot(page, testInfo, 'packages-mappings-import-preview');
  await expectNoSeriousA11yViolations(page, 'the CSV import preview');
  await importer.getByRole('button', { name: `Import ${lines.length - 1} rows` }).click();
  await expect(importer).toBeHidden({ timeout: 30_000 });
  await expect(page.locator('.status-line')).toContainText(`Imported ${lines.length - 1} mappings`);
  expect((await exportCsv()).trim()).toBe(first.trim());
});

test('an edit based on a version another desk has replaced shows the conflict, never overwrites', async ({
  page,
  previewUrl,
  embedded,
}, testInfo) => {
  const gateway = (path: string, init: RequestInit = {}) =>
    fetch(`${embedded.gateway.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${embedded.feedToken}`,
        'content-type': 'application/json',
      },
    });
  const onGateway = async () => {
    const body = (await (await gateway('/v1/catalog/entries')).json()) as {
      entries: { id: string; name: string; version: number }[];
    };
    return body.entries.find((e) => e.id === 'e2e-shared');
  };

  await page.goto(`${previewUrl}#/packages`);
  const catalog = page.getByRole('table', { name: 'Assessment catalog' });
  await page.getByRole('button', { name: 'New package' }).click();
  const create = page.getByRole('dialog', { name: 'New assessment package' });
  await create.getByLabel('Package id').fill('e2e-shared');
  await create.getByLabel('Name', { exact: true }).fill('Shared test');
  await create.getByRole('button', { name: 'Add package' }).click();
  await expect.poll(async () => (await onGateway())?.version, { timeout: 30_000 }).toBe(1);
  const row = tableRow(catalog, /Shared test/);
  await expect(row).not.toContainText('Saving to the team');

  // This desk starts editing version 1; another desk saves version 2 meanwhile.
  await row.getByRole('button', { name: 'Edit Shared test' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit “Shared test”' });
  const other = await gateway('/v1/catalog/entries/e2e-shared', {
    method: 'PUT',
    body: JSON.stringify({ name: 'Shared test (other desk)', baseVersion: 1 }),
  });
  expect(other.status).toBe(200);
  await expect(row).toContainText('Shared test (other desk)', { timeout: 30_000 });

  // The desk has their version by now, so it refuses the stale save itself and shows both.
  await edit.getByLabel('Name', { exact: true }).fill('Shared test (mine)');
  await edit.getByRole('button', { name: 'Save package' }).click();
  const note = edit.getByRole('group', { name: /Conflict on/ });
  await expect(note).toBeVisible({ timeout: 30_000 });
  await expect(note.getByRole('row', { name: /Name/ })).toContainText('Shared test (mine)');
  await expect(note.getByRole('row', { name: /Name/ })).toContainText('Shared test (other desk)');
  expect((await onGateway())?.name).toBe('Shared test (other desk)');
  await shootBothThemes(page, testInfo, 'catalog-conflict');

  await note.getByRole('button', { name: 'Keep mine' }).click();
  await expect(note).toBeHidden({ timeout: 30_000 });
  await expect
    .poll(async () => (await onGateway())?.name, { timeout: 30_000 })
    .toBe('Shared test (mine)');
});
