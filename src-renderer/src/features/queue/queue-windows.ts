import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { onWorkspaceSwitch } from '../../lib/workspace-scope';
import type { QueueViewId } from './queue-store';
import { QueueWindow } from './queue-window';

/**
 * One window per queue, kept across screen changes: coming back from an order shows the rows that
 * were there at once (then refreshes them), instead of skeletons.
 */
const windows = new Map<QueueViewId, QueueWindow>();

export function queueWindow(view: QueueViewId): QueueWindow {
  let win = windows.get(view);
  if (!win) {
    win = new QueueWindow((input) => call('orders:list', input), { errorMessage });
    windows.set(view, win);
  }
  return win;
}

/** Tests and workspace switches start from nothing. */
export function forgetQueueWindows(): void {
  windows.clear();
}

// Another workspace's rows must never show, not even for a moment.
onWorkspaceSwitch(forgetQueueWindows);
