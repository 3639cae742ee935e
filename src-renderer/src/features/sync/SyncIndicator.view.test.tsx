import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../src-shared/contract';
import { setDesk } from '../../lib/desk';
import { formatTime } from '../../lib/time-format';
import { useWorkspaceScope } from '../../lib/workspace-scope';
import { createFakeDesk } from '../../testing/fake-desk';
import { SyncIndicator } from './SyncIndicator';
import { useSyncStore } from './sync-store';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** StackOne holds a request open; the gateway's feed is fine. */
function hungStackOne(): SyncStatus {
  const since = minutesAgo(2);
  return {
    workspaceId: 'sandbox',
    state: 'running',
    lastSuccessAt: minutesAgo(7),
    nextRunAt: null,
    intervalMs: 60_000,
    offlineSince: null,
    quarantined: 0,
    sources: [
      {
        source: 'orders',
        accountId: null,
        state: 'idle',
        lastSuccessAt: minutesAgo(0),
        lastAttemptAt: minutesAgo(0),
        lastError: null,
        counts: { fetched: 2, written: 2, quarantined: 0 },
        waiting: null,
        notice: null,
      },
      {
        source: 'candidates',
        accountId: 'acc-acme',
        state: 'waiting',
        lastSuccessAt: minutesAgo(7),
        lastAttemptAt: since,
        lastError: null,
        counts: { fetched: 0, written: 0, quarantined: 0 },
        waiting: {
          since,
          until: null,
          reason: 'StackOne has not answered for 120 s; the request is still open.',
        },
        notice: null,
      },
    ],
  };
}

beforeEach(() => {
  setDesk(createFakeDesk().bridge);
  useWorkspaceScope.setState({ workspaceId: 'sandbox', kind: 'sandbox', generation: 0 });
});
afterEach(() => {
  cleanup();
  setDesk(null);
  useSyncStore.setState({ status: null, error: null });
});

describe('SyncIndicator', () => {
  it('shows the waiting source since when, and keeps the last successful sync in view', () => {
    const status = hungStackOne();
    act(() => useSyncStore.getState().set(status));
    render(<SyncIndicator />);
    const button = screen.getByRole('button', { expanded: false });
    const since = formatTime(status.sources[1]!.waiting!.since);
    expect(button.textContent).toContain(`Still waiting for StackOne since ${since}`);
    expect(button.textContent).toContain('last synced 7 min ago');
    expect(button.textContent).not.toContain('Syncing');

    fireEvent.click(button);
    const panel = screen.getByRole('region', { name: 'Sync status' });
    const candidates = within(panel).getByText('Candidates').closest('li') as HTMLElement;
    expect(candidates.textContent).toContain(`Waiting for StackOne since ${since}`);
    expect(candidates.textContent).toContain('7 min ago');
    const orders = within(panel).getByText('Orders (gateway)').closest('li') as HTMLElement;
    expect(orders.textContent).toContain('Up to date');
  });
});
