import { useEffect, useRef } from 'react';
import type { QuickStatus } from '../../../../src-shared/results';
import { isTypingTarget } from '../../lib/typing-target';

export interface ResultShortcutActions {
  /** `r`: focus the result form. */
  focusForm?: () => void;
  /** `i` / `p`: mark Invited / In progress (a status-only PATCH). */
  quickStatus?: (result: QuickStatus) => void;
  /** Ctrl/Cmd+S: save the draft now (also while typing in a field). */
  saveDraft?: () => void;
  /** Ctrl/Cmd+Enter: preview and send (also while typing in a field). */
  previewAndSend?: () => void;
}

/** The quick-action keys of the keyboard map; where they are listed (shortcuts.ts) reads these. */
export const QUICK_STATUS_KEYS: Record<string, QuickStatus> = { i: 'initiated', p: 'in_progress' };

/**
 * Result keys on the order page and the queue. Letter keys stay out of text fields and behind open
 * dialogs; the Ctrl/Cmd chords work from inside the form, where the coordinator is typing.
 */
export function useResultShortcuts(actions: ResultShortcutActions): void {
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey) return;
      if (document.querySelector('dialog[open]')) return;
      const a = ref.current;
      const chord = event.ctrlKey || event.metaKey;
      if (chord) {
        if (event.key.toLowerCase() === 's' && a.saveDraft) {
          event.preventDefault();
          a.saveDraft();
        } else if (event.key === 'Enter' && a.previewAndSend) {
          event.preventDefault();
          a.previewAndSend();
        }
        return;
      }
      if (event.shiftKey || isTypingTarget(event.target)) return;
      if (event.key === 'r' && a.focusForm) {
        event.preventDefault();
        a.focusForm();
        return;
      }
      const quick = QUICK_STATUS_KEYS[event.key];
      if (quick && a.quickStatus) {
        event.preventDefault();
        a.quickStatus(quick);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
