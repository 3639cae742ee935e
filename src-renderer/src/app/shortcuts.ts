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
    ...sections
      .filter((s) => s.goKey)
      .map((s) => ({ keys: ['g', s.goKey ?? ''], label: `Go to ${s.label}` })),
    { keys: ['Tab'], label: 'Move to the next control' },
  ];
}
