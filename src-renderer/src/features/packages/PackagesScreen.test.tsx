import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskFailure } from '../../../../src-shared/contract';
import { useUiStore } from '../../app/ui-store';
import { setDesk } from '../../lib/desk';
import { createFakeDesk } from '../../testing/fake-desk';
import { PackagesScreen } from './PackagesScreen';

let desk: ReturnType<typeof createFakeDesk>;

beforeEach(() => {
  desk = createFakeDesk();
  setDesk(desk.bridge);
  useUiStore.setState({ sectionId: 'packages', path: [], backTo: null });
});
afterEach(() => {
  cleanup();
  setDesk(null);
});

const type = (field: HTMLElement, value: string) => fireEvent.change(field, { target: { value } });
const callsOf = (name: string) => desk.calls.filter((c) => c.name === name);

async function catalogTable() {
  render(<PackagesScreen />);
  const table = await screen.findByRole('table', { name: 'Assessment catalog' });
  await within(table).findByRole('rowheader', { name: /Coding test/ });
  return table;
}

describe('Packages: assessment catalog', () => {
  it('says what StackOne gets, what is not published yet, and publishes in one action', async () => {
    const table = await catalogTable();
    const personality = within(table).getByRole('row', { name: /Personality/ });
    expect(personality.textContent).toMatch(/New, not published/);
    expect(within(table).getByRole('row', { name: /Coding test/ }).textContent).toMatch(
      /Published/,
    );
    expect(screen.getByText(/1 unpublished change/)).toBeTruthy();
    expect(screen.getByText(/StackOne gets 2 packages/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await screen.findByText('Published. StackOne now gets 3 packages.');
    expect(callsOf('catalog:publish')[0]?.input).toEqual({ baseRevision: 3 });
    await waitFor(() => expect(personality.textContent).toMatch(/Published/));
    expect((screen.getByRole('button', { name: 'Publish' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('a stale publish is refused and said so, nothing is overwritten', async () => {
    await catalogTable();
    desk.fail(
      'catalog:publish',
      new DeskFailure('conflict', 'The catalog changed since you looked.'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Someone changed the catalog in the meantime/);
    expect(alert.textContent).toMatch(/publish again/);
  });

  it('creates a package through a validated form; turnaround in hours, empty means default', async () => {
    await catalogTable();
    fireEvent.click(screen.getByRole('button', { name: 'New package' }));
    const dialog = await screen.findByRole('dialog', { name: 'New assessment package' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add package' }));
    expect(await within(dialog).findByText(/Give the package an id/)).toBeTruthy();
    expect(within(dialog).getByText('A package needs a name')).toBeTruthy();
    expect(callsOf('catalog:save')).toHaveLength(0);

    type(within(dialog).getByLabelText('Package id'), 'pkg-sql');
    type(within(dialog).getByLabelText('Name'), 'SQL test');
    type(within(dialog).getByLabelText('Type'), 'Skills test');
    type(within(dialog).getByLabelText('Turnaround (hours)'), '0');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add package' }));
    expect(await within(dialog).findByText(/more than 0 hours/)).toBeTruthy();
    type(within(dialog).getByLabelText('Turnaround (hours)'), '36');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add package' }));

    await screen.findByText(/Added “SQL test” to the catalog/);
    expect(callsOf('catalog:save')[0]?.input).toEqual({
      id: 'pkg-sql',
      values: { name: 'SQL test', type: 'Skills test', description: null, turnaroundHours: 36 },
      baseVersion: 0,
    });
    const row = await screen.findByRole('row', { name: /SQL test/ });
    expect(row.textContent).toMatch(/36 h/);
    expect(row.textContent).toMatch(/New, not published/);
  });

  it('an edit that meets a newer version shows both sides and lets the coordinator choose', async () => {
    const table = await catalogTable();
    desk.packages.conflictNext('pkg-code');
    fireEvent.click(within(table).getByRole('button', { name: 'Edit Coding test' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit “Coding test”' });
    expect((within(dialog).getByLabelText('Package id') as HTMLInputElement).readOnly).toBe(true);
    type(within(dialog).getByLabelText('Name'), 'Coding test v2');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save package' }));

    const note = await screen.findByRole('group', { name: /Conflict on/ });
    expect(note.textContent).toMatch(/Your edit was not written/);
    const diff = within(note).getByRole('table', { name: 'What differs' });
    const nameRow = within(diff).getByRole('row', { name: /Name/ });
    expect(nameRow.textContent).toContain('Coding test v2');
    expect(nameRow.textContent).toContain('Coding test (edited elsewhere)');
    fireEvent.click(within(note).getByRole('button', { name: 'Keep theirs' }));
    await screen.findByText(/keeps the gateway’s version/);
    expect(callsOf('catalog:resolve-conflict')[0]?.input).toEqual({
      id: 'pkg-code',
      keep: 'theirs',
    });
    await waitFor(() => expect(screen.queryByRole('group', { name: /Conflict on/ })).toBeNull());
  });

  it('an edit started before a newer version synced shows both and saves only on Keep mine', async () => {
    const table = await catalogTable();
    fireEvent.click(within(table).getByRole('button', { name: 'Edit Coding test' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit “Coding test”' });
    // Another coordinator's version arrives while the dialog is open.
    const before = desk.packages.catalog.get('pkg-code')!;
    desk.packages.catalog.set('pkg-code', {
      ...before,
      name: 'Coding test (theirs)',
      version: before.version + 1,
    });
    act(() => desk.emit('data:changed', { workspaceId: 'sandbox', tables: ['catalog'] }));
    await within(table).findByRole('rowheader', { name: /Coding test \(theirs\)/ });
    desk.fail('catalog:save', new DeskFailure('conflict', 'This changed since you opened it.'));
    type(within(dialog).getByLabelText('Name'), 'Coding test (mine)');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save package' }));

    const note = await within(dialog).findByRole('group', { name: /Conflict on/ });
    const nameRow = within(note).getByRole('row', { name: /Name/ });
    expect(nameRow.textContent).toContain('Coding test (mine)');
    expect(nameRow.textContent).toContain('Coding test (theirs)');
    expect(desk.packages.catalog.get('pkg-code')?.name).toBe('Coding test (theirs)');
    fireEvent.click(within(note).getByRole('button', { name: 'Keep mine' }));
    await screen.findByText(/Saved “Coding test \(mine\)”/);
    expect(callsOf('catalog:save').at(-1)?.input).toMatchObject({
      id: 'pkg-code',
      baseVersion: before.version + 1,
    });
  });

  it('archives a package (withdrawn at the next publish) and can restore it', async () => {
    const table = await catalogTable();
    fireEvent.click(within(table).getByRole('button', { name: 'Archive Coding test' }));
    await screen.findByText(/Archived “Coding test”. Publish to withdraw it/);
    expect(within(table).getByRole('row', { name: /Coding test/ }).textContent).toMatch(
      /Archived, still published/,
    );
    fireEvent.click(within(table).getByRole('button', { name: 'Restore Coding test' }));
    await screen.findByText(/Restored “Coding test”/);
  });
});

describe('Packages: background-check packages', () => {
  async function bgTable() {
    useUiStore.setState({ path: ['background-checks'] });
    render(<PackagesScreen />);
    await waitFor(() =>
      expect((screen.getByLabelText('Customer') as HTMLSelectElement).value).toBe('acc-acme'),
    );
    const table = await screen.findByRole('table', { name: /Background-check packages of Acme/ });
    await within(table).findByRole('rowheader', { name: /Standard screening/ });
    return table;
  }

  it('lists the customer’s packages with their tests', async () => {
    const table = await bgTable();
    const tests = within(table).getByRole('list', { name: 'Tests of Standard screening' });
    expect(
      within(tests)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Identity', 'Criminal record']);
  });

  it('creates a package with tests through the outbox', async () => {
    await bgTable();
    fireEvent.click(screen.getByRole('button', { name: 'New package' }));
    const dialog = await screen.findByRole('dialog', {
      name: /New background-check package for Acme/,
    });
    type(within(dialog).getByLabelText('Name'), 'Driver screening');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add test' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Queue package' }));
    expect(await within(dialog).findByText('A test needs a name')).toBeTruthy();
    type(within(dialog).getByLabelText('Test 1 name'), 'Driving licence');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Queue package' }));
    await screen.findByText('“Driver screening” is queued to be created for Acme.');
    expect(callsOf('bg-packages:create')[0]?.input).toEqual({
      accountId: 'acc-acme',
      values: {
        name: 'Driver screening',
        description: null,
        tests: [{ name: 'Driving licence', description: null }],
      },
    });
  });

  it('asks before deleting, naming the customer, and queues the delete only then', async () => {
    const table = await bgTable();
    fireEvent.click(within(table).getByRole('button', { name: 'Delete Standard screening' }));
    const confirm = await screen.findByRole('alertdialog', {
      name: 'Delete “Standard screening” from Acme?',
    });
    expect(callsOf('bg-packages:delete')).toHaveLength(0);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete from Acme' }));
    await screen.findByText(/The deletion of “Standard screening” from Acme is queued/);
    expect(callsOf('bg-packages:delete')[0]?.input).toEqual({ accountId: 'acc-acme', id: 'bgp-1' });
  });

  it('shows where a queued write stands and offers retry when StackOne refused it', async () => {
    const pkg = desk.packages.bgPackages[0]!;
    pkg.job = {
      id: 'bgjob-9',
      accountId: 'acc-acme',
      op: 'update',
      packageId: 'bgp-1',
      values: null,
      state: 'parked',
      attempts: 1,
      nextAttemptAt: null,
      lastError: 'StackOne refused the change: a test needs a name.',
      lastStatus: 422,
      createdAt: '2025-03-10T12:00:00.000Z',
      updatedAt: '2025-03-10T12:00:00.000Z',
    };
    desk.packages.bgJobs.push(pkg.job);
    const table = await bgTable();
    const row = within(table).getByRole('row', { name: /Standard screening/ });
    expect(row.textContent).toMatch(/Change · needs attention/);
    expect(row.textContent).toMatch(/a test needs a name/);
    fireEvent.click(within(row).getByRole('button', { name: 'Retry' }));
    await screen.findByText(/is tried again now/);
    expect(callsOf('bg-packages:retry')[0]?.input).toEqual({ jobId: 'bgjob-9' });
  });
});

describe('Packages: tabs', () => {
  it('moves between tabs with the arrow keys and keeps the tab in the URL', async () => {
    render(<PackagesScreen />);
    const tab = screen.getByRole('tab', { name: 'Assessment catalog' });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(tab, { key: 'ArrowRight' });
    expect(useUiStore.getState().path).toEqual(['background-checks']);
    await screen.findByRole('heading', { name: 'Background-check packages' });
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Background-check packages' }), {
      key: 'End',
    });
    await screen.findByRole('heading', { name: 'Due times' });
  });
});
