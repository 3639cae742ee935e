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
    { keys: ['j'], label: 'Next order (or ↓)' },
    { keys: ['k'], label: 'Previous order (or ↑)' },
    { keys: ['Enter'], label: 'Open the selected order' },
    { keys: ['Esc'], label: 'Back to the list (selection kept); close a dialog' },
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
