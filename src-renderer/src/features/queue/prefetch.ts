import { useQueueStore, type QueueViewId } from './queue-store';
import { toQueueQuery } from './queue-query';
import { queueWindow } from './queue-windows';

const VIEW_OF_SECTION: Record<string, QueueViewId> = {
  queue: 'all',
  assessments: 'assessments',
  'background-checks': 'background-checks',
};

/**
 * Ask main for the first rows of the queue the window opens on before React has mounted anything:
 * the request then reaches main ahead of every other startup read, and its answer is usually in
 * by the time the grid renders. The screen's own request for the same query is then a no-op.
 */
export function prefetchQueue(sectionId: string, viewportHeight: number, rowHeight: number): void {
  const view = VIEW_OF_SECTION[sectionId];
  if (!view) return;
  const state = useQueueStore.getState().views[view];
  queueWindow(view).setQuery(
    toQueueQuery(view, state),
    Math.max(10, Math.ceil(viewportHeight / rowHeight) + 5),
  );
}
