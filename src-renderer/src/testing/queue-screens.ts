import { cleanup, configure, screen, within } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { useUiStore } from '../app/ui-store';
import { useQueueStore } from '../features/queue/queue-store';
import { forgetQueueWindows } from '../features/queue/queue-windows';
import { useSavedViews } from '../features/queue/saved-views';
import { useSyncStore } from '../features/sync/sync-store';
import { setDesk } from '../lib/desk';
import { forgetDeskClock } from '../lib/desk-clock';
import { useWorkspaceScope } from '../lib/workspace-scope';
import { createFakeDesk } from './fake-desk';
import { withGridViewport } from './grid-viewport';

type FakeDesk = ReturnType<typeof createFakeDesk>;

/**
 * For test files that render the queue (alone or in the App): a fresh fake desk per test (from
 * `create`), every store and cache the queue keeps between screens reset to its start, the
 * location on the queue, and a viewport for the grid. Call at the top level; the returned function
 * gives the current test's desk.
 */
export function withQueueScreens(create: () => FakeDesk = () => createFakeDesk()): () => FakeDesk {
  // A busy CI machine can take more than the default second to render a few hundred rows.
  configure({ asyncUtilTimeout: 5_000 });
  withGridViewport();
  let desk: FakeDesk | null = null;
  beforeEach(() => {
    desk = create();
    setDesk(desk.bridge);
    forgetQueueWindows();
    forgetDeskClock();
    useQueueStore.getState().reset();
    useSavedViews.setState({ workspaceId: null, views: [] });
    useSyncStore.setState({ status: null, error: null });
    useWorkspaceScope.setState({ workspaceId: null, kind: null, generation: 0 });
    localStorage.clear();
    window.location.hash = '#/queue';
    useUiStore.setState({
      sectionId: 'queue',
      path: [],
      backTo: null,
      keyboardMapOpen: false,
      paletteOpen: false,
      sidebarCollapsed: false,
    });
  });
  afterEach(() => {
    cleanup();
    setDesk(null);
  });
  return () => {
    if (!desk) throw new Error('withQueueScreens: no test is running');
    return desk;
  };
}

/** The order rows of a queue grid on screen (not its header or skeleton rows). */
export function orderRows(gridName = 'All orders'): HTMLElement[] {
  return within(screen.getByRole('grid', { name: gridName }))
    .getAllByRole('row')
    .filter((r) => r.hasAttribute('data-order-id'));
}
