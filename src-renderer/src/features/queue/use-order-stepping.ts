import { useEffect, useSyncExternalStore } from 'react';
import type { QueueRow } from '../../../../src-shared/contract';
import { useUiStore } from '../../app/ui-store';
import { isTypingTarget } from '../../lib/typing-target';
import { QUEUE_VIEWS, useQueueStore } from './queue-store';
import { orderKey } from './queue-window';
import { queueWindow } from './queue-windows';
import { queueForSection } from './saved-views';

const NO_WINDOW = { subscribe: () => () => {}, getSnapshot: () => null };

/**
 * `j`/`]` and `k`/`[` on an order page open the next or previous order of the queue view it was
 * opened from (its filters, search and sort), and move that view's selection along, so that Esc
 * returns to the order last seen. Returns where the order stands in the view, for the page to say.
 */
export function useOrderStepping(): { position: number; total: number; label: string } | null {
  const from = useUiStore((s) => s.backTo?.sectionId);
  // The queue the order page was opened from, if it was opened from one.
  const view = queueForSection(from);
  const win = view ? queueWindow(view) : null;
  const snap = useSyncExternalStore(win?.subscribe ?? NO_WINDOW.subscribe, () =>
    win ? win.getSnapshot() : null,
  );
  const selected = useQueueStore((s) => (view ? s.views[view].selectedIndex : -1));

  useEffect(() => {
    if (!view || !win) return;
    const go = (row: QueueRow, index: number) => {
      useQueueStore.getState().update(view, { selectedKey: orderKey(row), selectedIndex: index });
      // navigate, not open: Esc still goes back to the queue, not to the previous order.
      useUiStore.getState().navigate('order', [row.accountId, row.id]);
    };
    let waiting: (() => void) | null = null;
    const step = (delta: number) => {
      const { selectedKey, selectedIndex } = useQueueStore.getState().views[view];
      const at = selectedKey ? win.indexOf(selectedKey) : -1;
      const target = (at >= 0 ? at : selectedIndex) + delta;
      const total = win.getSnapshot().total ?? 0;
      if (target < 0 || target >= total) return;
      const row = win.rowAt(target);
      if (row) return go(row, target);
      // Not loaded yet (the edge of the window): fetch its page, then go.
      waiting?.();
      win.ensureRange(target, target);
      waiting = win.subscribe(() => {
        const loaded = win.rowAt(target);
        if (!loaded) return;
        waiting?.();
        waiting = null;
        go(loaded, target);
      });
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      const delta = { j: 1, ']': 1, k: -1, '[': -1 }[event.key];
      if (delta === undefined) return;
      event.preventDefault();
      step(delta);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      waiting?.();
    };
  }, [view, win]);

  if (!view || !snap || snap.total === null || selected < 0) return null;
  return { position: selected + 1, total: snap.total, label: QUEUE_VIEWS[view].label };
}
