import { startSandbox, type RunningSandbox } from '../../src-sandbox';
import { expect, test } from './fixtures';

/**
 * "Test connection" against a real StackOne stand-in: a sandbox on loopback with one suspended
 * account. The coordinator sees OK for a good key and the 401 reason in plain words for a bad one.
 */
let sandbox: RunningSandbox;

test.beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, accounts: 2, orders: 5 });
});
test.afterAll(async () => {
  await sandbox.close();
});

test('Test connection says OK for a good key and explains a rejected one', async ({
  page,
  previewUrl,
}) => {
  const account = sandbox.accounts[0]!;
  await page.goto(`${previewUrl}#/settings`);
  await page.getByRole('button', { name: 'New workspace' }).click();
  const editor = page.getByRole('region', { name: 'New StackOne workspace' });
  await editor.getByLabel('Name').fill('Sandbox as StackOne');
  await editor.getByLabel('StackOne base URL').fill(sandbox.url);
  await editor.getByRole('button', { name: 'Add account' }).click();
  await editor.getByLabel('Account id, row 1').fill(account.id);
  await editor.getByLabel('API key').fill(sandbox.apiKey);
  await editor.getByRole('button', { name: 'Create workspace' }).click();

  const saved = page.getByRole('region', { name: 'Edit “Sandbox as StackOne”' });
  await expect(saved.getByText('Stored in the OS keychain')).toBeVisible();
  await saved.getByRole('button', { name: 'Test connection' }).click();
  await expect(saved.getByText('1 of 1 check passed')).toBeVisible();

  // The request reached the sandbox with this account and the key as Basic auth user.
  const calls = sandbox.inspect.requests().filter((r) => r.path.startsWith('/unified/ats/jobs'));
  expect(calls.at(-1)?.accountId).toBe(account.id);

  await saved.getByRole('button', { name: 'Replace API key' }).click();
  await saved.getByRole('textbox', { name: 'API key' }).fill('sk_wrong_key_for_the_test');
  await saved.getByRole('button', { name: 'Save changes' }).click();
  await expect(saved.getByText('Stored in the OS keychain')).toBeVisible();
  await saved.getByRole('button', { name: 'Test connection' }).click();
  await expect(saved.getByText('0 of 1 check passed')).toBeVisible();
  await expect(saved.getByText(/StackOne rejected the API key/)).toBeVisible();
});
