import { DUE_FILTERS } from '../features/queue/queue-store';
import { sections } from './sections';

export interface Shortcut {
  keys: readonly string[];
  label: string;
}

/** What the `?` map lists: only keys that do something today. */
export function shortcutList(): Shortcut[] {
  return [
    { keys: ['?'], label: 'Show keyboard shortcuts' },
    { keys: ['/'], label: 'Search this list' },
    { keys: ['Ctrl/⌘ + K'], label: 'Command palette: places, filters and actions by name' },
    { keys: ['j'], label: 'Next order (or ↓); on an order page, open the next one' },
    { keys: ['k'], label: 'Previous order (or ↑); on an order page, open the previous one' },
    { keys: [']'], label: 'On an order page: next order of the view it came from' },
    { keys: ['['], label: 'On an order page: previous order of the view it came from' },
    ...DUE_FILTERS.map((q) => ({ keys: [q.key], label: `Queue quick filter: ${q.label}` })),
    { keys: ['Enter'], label: 'Open the selected order' },
    {
      keys: ['x'],
      label:
        'Mark the selected order for a bulk claim (Ctrl/⌘-click marks one, Shift-click a range)',
    },
    {
      keys: ['Esc'],
      label:
        'Leave a search box; unmark marked orders; back to the list (selection kept); close a dialog',
    },
    { keys: ['r'], label: 'Result form of the order (from the queue: open it there)' },
    { keys: ['i'], label: 'Mark the order Invited (sends a status-only result)' },
    { keys: ['p'], label: 'Mark the order In progress (sends a status-only result)' },
    { keys: ['Ctrl/⌘ + S'], label: 'Save the result draft now' },
    { keys: ['Ctrl/⌘ + Enter'], label: 'Preview and send the result; in the preview, send' },
    ...sections
      .filter((s) => s.goKey)
      .map((s) => ({ keys: ['g', s.goKey ?? ''], label: `Go to ${s.label}` })),
    { keys: ['Tab'], label: 'Move to the next control' },
  ];
}
