import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskFailure } from '../../../../src-shared/contract';
import { setDesk } from '../../lib/desk';
import { createFakeDesk } from '../../testing/fake-desk';
import { SettingsScreen } from './SettingsScreen';

let desk: ReturnType<typeof createFakeDesk>;

beforeEach(() => {
  desk = createFakeDesk();
  setDesk(desk.bridge);
});
afterEach(() => {
  cleanup();
  setDesk(null);
});

async function openNewWorkspaceForm() {
  render(<SettingsScreen />);
  await screen.findByRole('rowheader', { name: /Sandbox/ });
  fireEvent.click(screen.getByRole('button', { name: 'New workspace' }));
  return screen.getByRole('region', { name: 'New StackOne workspace' });
}

/** The Workspaces panel (the screen has another status line, for due times). */
const workspacesPanel = () => within(screen.getByRole('region', { name: 'Workspaces' }));

function type(field: HTMLElement, value: string) {
  fireEvent.change(field, { target: { value } });
}

describe('Settings: workspaces', () => {
  it('lists the Sandbox workspace as active and not needing credentials', async () => {
    render(<SettingsScreen />);
    const row = (await screen.findByRole('rowheader', { name: /Sandbox/ })).closest('tr');
    expect(row).not.toBeNull();
    const cells = within(row as HTMLElement);
    expect(cells.getByText('Active')).toBeTruthy();
    expect(cells.getByText('Not needed')).toBeTruthy();
    expect(cells.queryByRole('button', { name: /Delete/ })).toBeNull();
  });

  it('shows field errors in words and sends nothing while the form is invalid', async () => {
    const form = await openNewWorkspaceForm();
    type(within(form).getByLabelText('StackOne base URL'), 'api.stackone.com');
    fireEvent.click(within(form).getByRole('button', { name: 'Add account' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Create workspace' }));

    const name = within(form).getByLabelText('Name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('Give the workspace a name')).toBeTruthy();
    expect(within(form).getByText(/Enter a full URL/)).toBeTruthy();
    const accountId = within(form).getByLabelText('Account id, row 1');
    expect(accountId.getAttribute('aria-invalid')).toBe('true');
    // The error is read with the field.
    const describedBy = accountId.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('An account id cannot be empty');
    expect(desk.calls.some((c) => c.name === 'workspaces:create')).toBe(false);
  });

  it('creates a workspace, stores the API key and never shows it again', async () => {
    const secret = 'sk_live_never_show_me_123';
    const form = await openNewWorkspaceForm();
    type(within(form).getByLabelText('Name'), 'Acme production');
    type(within(form).getByLabelText('Gateway URL'), 'https://gateway.acme.test');
    fireEvent.click(within(form).getByRole('button', { name: 'Add account' }));
    type(within(form).getByLabelText('Account id, row 1'), 'acc-42');
    type(within(form).getByLabelText('Customer label, row 1'), 'Acme');
    type(within(form).getByLabelText('API key'), secret);
    fireEvent.click(within(form).getByRole('button', { name: 'Create workspace' }));

    const editor = await screen.findByRole('region', { name: 'Edit “Acme production”' });
    await within(editor).findByRole('button', { name: 'Replace API key' });
    expect(desk.secrets.get('ws-1/stackone_api_key')).toBe(secret);
    expect([...desk.workspaces.values()].find((w) => w.id === 'ws-1')).toMatchObject({
      gatewayUrl: 'https://gateway.acme.test',
      linkedAccounts: [{ id: 'acc-42', label: 'Acme', provider: null }],
    });
    expect(workspacesPanel().getByRole('status').textContent).toContain(
      'API key stored in the OS keychain',
    );

    const row = (await screen.findByRole('rowheader', { name: /Acme production/ })).closest('tr');
    await within(row as HTMLElement).findByText('API key: stored');
    expect(within(row as HTMLElement).getByText('Gateway token: not stored')).toBeTruthy();

    // The key is gone from the page: not in the markup, not in any input's live value.
    expect(document.documentElement.outerHTML).not.toContain(secret);
    for (const input of document.querySelectorAll('input')) expect(input.value).not.toBe(secret);
  });

  it('keeps a key the keychain refused, says why, and updates instead of duplicating', async () => {
    const form = await openNewWorkspaceForm();
    type(within(form).getByLabelText('Name'), 'Globex');
    type(within(form).getByLabelText('API key'), 'sk_retry_me');
    desk.fail(
      'credentials:save',
      new DeskFailure('keychain_locked', 'The OS keychain is locked. Unlock it, then save again.'),
    );
    fireEvent.click(within(form).getByRole('button', { name: 'Create workspace' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The workspace was saved, but the api key was not stored');
    expect(alert.textContent).toContain('The OS keychain is locked');
    const apiKey = screen.getByLabelText('API key') as HTMLInputElement;
    expect(apiKey.value).toBe('sk_retry_me');
    expect(apiKey.getAttribute('aria-invalid')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(desk.secrets.get('ws-1/stackone_api_key')).toBe('sk_retry_me'));
    expect(desk.calls.filter((c) => c.name === 'workspaces:create')).toHaveLength(1);
    expect(desk.calls.filter((c) => c.name === 'workspaces:update')).toHaveLength(1);
  });

  it('puts a name conflict from main next to the name field', async () => {
    const form = await openNewWorkspaceForm();
    type(within(form).getByLabelText('Name'), 'Acme');
    desk.fail(
      'workspaces:create',
      new DeskFailure('conflict', 'A workspace named "Acme" already exists.', [
        { path: ['name'], message: 'A workspace named "Acme" already exists.' },
      ]),
    );
    fireEvent.click(within(form).getByRole('button', { name: 'Create workspace' }));
    await within(form).findByText('A workspace named "Acme" already exists.');
    expect(within(form).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
  });

  it('clears a stored key after confirmation', async () => {
    desk.workspaces.set('ws-9', {
      id: 'ws-9',
      name: 'Initech',
      kind: 'stackone',
      stackoneBaseUrl: 'https://api.stackone.com',
      gatewayUrl: null,
      linkedAccounts: [],
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    });
    desk.secrets.set('ws-9/stackone_api_key', 'old');
    render(<SettingsScreen />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Initech' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Clear API key' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(document.activeElement?.textContent).toBe('Cancel');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Remove api key' }));
    });
    await waitFor(() => expect(desk.secrets.has('ws-9/stackone_api_key')).toBe(false));
    expect(await screen.findByLabelText('API key')).toBeTruthy();
    expect(workspacesPanel().getByRole('status').textContent).toBe(
      'API key removed from the OS keychain.',
    );
  });

  it('says before saving that a new StackOne URL removes the stored key, then shows it gone', async () => {
    desk.workspaces.set('ws-9', {
      id: 'ws-9',
      name: 'Initech',
      kind: 'stackone',
      stackoneBaseUrl: 'https://api.stackone.com',
      gatewayUrl: null,
      linkedAccounts: [],
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    });
    desk.secrets.set('ws-9/stackone_api_key', 'old');
    render(<SettingsScreen />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Initech' }));
    const form = await screen.findByRole('region', { name: /Edit/ });
    await within(form).findByRole('button', { name: 'Clear API key' });
    expect(within(form).queryByText(/Saving removes a stored secret/)).toBeNull();
    type(within(form).getByLabelText('StackOne base URL'), 'https://eu.stackone.example');
    const warning = await within(form).findByText(/Saving removes a stored secret/);
    expect(warning.closest('[role="alert"]')?.textContent).toMatch(
      /api key is kept for the StackOne base URL/,
    );
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    });
    await waitFor(() => expect(desk.secrets.has('ws-9/stackone_api_key')).toBe(false));
    await waitFor(() =>
      expect(within(form).queryByText(/Saving removes a stored secret/)).toBeNull(),
    );
  });

  it('offers "Rebuild from server" only while the cache is damaged, and says where the old file went', async () => {
    desk.cache.damaged = true;
    desk.cache.problem =
      'The local cache of "Sandbox" is damaged (SQLite reports: database disk image is malformed).';
    render(<SettingsScreen />);
    const panel = await screen.findByRole('region', { name: 'Local cache' });
    expect(within(panel).getByText(/database disk image is malformed/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: 'Rebuild from server' }));
    });
    expect(desk.calls.some((c) => c.name === 'sync:rebuild-cache')).toBe(true);
    expect((await within(panel).findByRole('status')).textContent).toMatch(
      /kept as \/data\/cache.sqlite.damaged-1; .* exported to \/data\/cache.sqlite.damaged-1.coordinator-input.json/,
    );
    expect(within(panel).queryByRole('button', { name: 'Rebuild from server' })).toBeNull();
  });

  it('says in the editor why the keychain cannot be used and what to install', async () => {
    desk.workspaces.set('ws-9', {
      id: 'ws-9',
      name: 'Initech',
      kind: 'stackone',
      stackoneBaseUrl: 'https://api.stackone.com',
      gatewayUrl: null,
      linkedAccounts: [],
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    });
    render(<SettingsScreen />);
    await screen.findAllByText(/API key: not stored/);
    // A failure answers one call: the editor's, the table's status having loaded.
    desk.fail(
      'credentials:get-status',
      new DeskFailure(
        'keychain_unavailable',
        'Could not open the OS keychain: the keychain library (keytar) is not installed. Install the build packages (`sudo apt-get install libsecret-1-dev pkg-config g++ make python3`), then run `npm install` again.',
      ),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Initech' }));
    const form = await screen.findByRole('region', { name: /Edit/ });
    const alert = (await within(form).findByText('The OS keychain cannot be used')).closest(
      '[role="alert"]',
    );
    expect(alert?.textContent).toMatch(
      /apt-get install libsecret-1-dev .* then run `npm install` again/,
    );
  });

  it('shows no cache panel while the cache is healthy', async () => {
    render(<SettingsScreen />);
    await screen.findByRole('rowheader', { name: /Sandbox/ });
    expect(screen.queryByRole('region', { name: 'Local cache' })).toBeNull();
  });

  it('deletes a workspace only after confirmation', async () => {
    desk.workspaces.set('ws-9', {
      id: 'ws-9',
      name: 'Initech',
      kind: 'stackone',
      stackoneBaseUrl: 'https://api.stackone.com',
      gatewayUrl: null,
      linkedAccounts: [],
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    });
    render(<SettingsScreen />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Initech' }));
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(desk.workspaces.has('ws-9')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Delete Initech' }));
    fireEvent.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', {
        name: 'Delete workspace',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: /Initech/ })).toBeNull());
    expect(desk.workspaces.has('ws-9')).toBe(false);
  });

  it('tests the connection of each linked account and says which one failed', async () => {
    desk.workspaces.set('ws-9', {
      id: 'ws-9',
      name: 'Initech',
      kind: 'stackone',
      stackoneBaseUrl: 'https://api.stackone.com',
      gatewayUrl: null,
      linkedAccounts: [
        { id: 'acc-1', label: 'Initech', provider: 'workday' },
        { id: 'bad-2', label: null, provider: null },
      ],
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    });
    desk.secrets.set('ws-9/stackone_api_key', 'key');
    render(<SettingsScreen />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Initech' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    const results = await screen.findByText('1 of 2 checks passed');
    const list = within(results.parentElement as HTMLElement);
    expect(list.getByText('Initech (acc-1)').parentElement?.textContent).toContain('Connected.');
    expect(list.getByText('bad-2').parentElement?.textContent).toContain(
      'StackOne does not know this account.',
    );

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Initech 2' } });
    await screen.findByText(/save your changes first/);
  });

  it('shows a load failure in words with a way to retry', async () => {
    desk.fail('workspaces:list', new DeskFailure('internal', 'The workspace database is damaged.'));
    render(<SettingsScreen />);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The workspace database is damaged.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('rowheader', { name: /Sandbox/ });
  });
});
