import { sections } from './sections';

export interface Shortcut {
  keys: readonly string[];
  label: string;
}

/** What the `?` map lists: only keys that do something today. */
export function shortcutList(): Shortcut[] {
  return [
    { keys: ['?'], label: 'Show keyboard shortcuts' },
    ...sections.map((s) => ({ keys: ['g', s.goKey], label: `Go to ${s.label}` })),
    { keys: ['Tab'], label: 'Move to the next control' },
    { keys: ['Esc'], label: 'Close a dialog' },
  ];
}

/** Keys typed into a field belong to the field, not to the shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
