import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { withQueueScreens } from '../testing/queue-screens';
import type { SyncStatus } from '../../../src-shared/contract';
import { useWorkspaceScope } from '../lib/workspace-scope';
import { createFakeDesk } from '../testing/fake-desk';
import { createFakeRecords } from '../testing/fake-records';
import { useQueueStore } from '../features/queue/queue-store';
import { useSyncStore } from '../features/sync/sync-store';
import { App } from './App';
import { useUiStore } from './ui-store';

/**
 * What the screens show belongs to the active workspace: the sidebar's counts, the queue's
 * filters and search, the sync status and the empty states. A live workspace that cannot sync says
 * why, in its own words, and never talks about the sandbox.
 */

const NO_TOKEN =
  'No gateway token is stored for this workspace. Enter it in Settings to receive orders.';

function liveRecords() {
  const records = createFakeRecords(0);
  const sync: SyncStatus = {
    ...records.sync,
    workspaceId: 'ws-live',
    state: 'error',
    lastSuccessAt: null,
    sources: [
      {
        source: 'orders',
        accountId: null,
        state: 'error',
        lastSuccessAt: null,
        lastAttemptAt: null,
        lastError: NO_TOKEN,
        counts: { fetched: 0, written: 0, quarantined: 0 },
        waiting: null,
        notice: null,
      },
    ],
    quarantined: 0,
  };
  records.sync = sync;
  return records;
}

let desk: ReturnType<typeof createFakeDesk>;
const currentDesk = withQueueScreens(() => {
  const fake = createFakeDesk(createFakeRecords(40), new Map([['ws-live', liveRecords()]]));
  fake.workspaces.set('ws-live', {
    id: 'ws-live',
    name: 'Acme live',
    kind: 'stackone',
    stackoneBaseUrl: 'https://api.stackone.com',
    gatewayUrl: 'https://gateway.example',
    linkedAccounts: [],
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
  });
  return fake;
});
beforeEach(() => {
  desk = currentDesk();
});

const queueLink = () =>
  within(screen.getByRole('navigation', { name: 'Sections' })).getByRole('link', {
    name: /^Queue/,
  });

async function switchTo(id: string) {
  const switcher = screen.getByLabelText<HTMLSelectElement>('Workspace');
  await waitFor(() => expect(switcher.disabled).toBe(false));
  fireEvent.change(switcher, { target: { value: id } });
  await waitFor(() => expect(useWorkspaceScope.getState().workspaceId).toBe(id));
}

// Whole-app renders: slow on a loaded machine, hence the longer limit.
describe('switching workspaces', { timeout: 20_000 }, () => {
  it('counts open orders of the workspace shown, without a reload', async () => {
    render(<App />);
    await waitFor(() => expect(queueLink().textContent).toMatch(/\d+ open orders/));
    expect(queueLink().textContent).not.toMatch(/^Queue0/);
    await switchTo('ws-live');
    await waitFor(() => expect(queueLink().textContent).toMatch(/^Queue0 open orders/));
  });

  it("keeps each workspace's search and filters to itself, and brings them back", async () => {
    render(<App />);
    const search = await screen.findByLabelText<HTMLInputElement>('Search orders');
    fireEvent.change(search, { target: { value: 'Ada' } });
    await waitFor(() => expect(useQueueStore.getState().views.all.search).toBe('Ada'));
    act(() => useQueueStore.getState().setFilters('all', { due: 'overdue' }));

    await switchTo('ws-live');
    const liveSearch = await screen.findByLabelText<HTMLInputElement>('Search orders');
    expect(liveSearch.value).toBe('');
    expect(useQueueStore.getState().views.all.filters.due).toBeUndefined();
    expect(screen.queryByText('No orders match these filters')).toBeNull();

    await switchTo('sandbox');
    await waitFor(() =>
      expect(screen.getByLabelText<HTMLInputElement>('Search orders').value).toBe('Ada'),
    );
    expect(useQueueStore.getState().views.all.filters.due).toBe('overdue');
  });

  it('a live workspace that cannot sync says why and where to fix it, not "Sandbox"', async () => {
    render(<App />);
    await screen.findAllByRole('row');
    await switchTo('ws-live');
    const title = await screen.findByText('No orders: this workspace cannot receive them yet');
    const empty = title.closest('.empty-state') as HTMLElement;
    expect(within(empty).getByText(NO_TOKEN)).toBeTruthy();
    expect(empty.textContent).not.toMatch(/sandbox/i);
    fireEvent.click(within(empty).getByRole('button', { name: 'Open Settings' }));
    expect(useUiStore.getState().sectionId).toBe('settings');
  });

  it('Settings, where the switch is made, keeps its "now active" message', async () => {
    window.location.hash = '#/settings';
    useUiStore.setState({ sectionId: 'settings', path: [] });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Switch to Acme live' }));
    await waitFor(() => expect(useWorkspaceScope.getState().workspaceId).toBe('ws-live'));
    expect(await screen.findByText('“Acme live” is now the active workspace.')).toBeTruthy();
  });

  it('drops a status of the workspace just left', async () => {
    render(<App />);
    await switchTo('ws-live');
    await waitFor(() => expect(useSyncStore.getState().status?.workspaceId).toBe('ws-live'));
    act(() => desk.emit('sync:status-changed', { ...desk.records.sync, workspaceId: 'sandbox' }));
    expect(useSyncStore.getState().status?.workspaceId).toBe('ws-live');
  });
});
