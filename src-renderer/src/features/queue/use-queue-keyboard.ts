import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../../lib/typing-target';

export interface QueueKeyboardActions {
  /** Move the selection by this many rows (clamped). */
  move: (delta: number) => void;
  /** Jump to the first or the last row. */
  jump: (to: 'first' | 'last') => void;
  openSelected: () => void;
  /** Mark or unmark the selected row for a bulk action. */
  toggleMark: () => void;
  /** Unmark every row; false when none was marked (Esc then means something else). */
  clearMarks: () => boolean;
  /** A quick filter's key (see DUE_FILTERS); false when the key is none. */
  quickFilter: (key: string) => boolean;
  grid: () => HTMLElement | null;
  search: () => HTMLInputElement | null;
  /** Rows per screen, for Page Up / Page Down. */
  pageRows: () => number;
}

/**
 * Queue triage from the keyboard: `j`/`k` anywhere outside a text field, arrows, Home/End and
 * Page Up/Down on the grid, `Enter` opens; in the search box, ↓ or Enter moves to the results
 * (Esc too, see SearchField); a quick filter's key toggles it; `x` marks the selected row for a
 * bulk action and Esc unmarks them all.
 */
export function useQueueKeyboard(actions: QueueKeyboardActions): void {
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector('dialog[open]')) return;
      const a = ref.current;
      const target = event.target;
      const search = a.search();
      if (target === search && search) {
        if (event.key === 'ArrowDown' || event.key === 'Enter') {
          event.preventDefault();
          a.grid()?.focus();
          a.move(0);
        }
        return;
      }
      if (isTypingTarget(target)) return;
      const grid = a.grid();
      // Arrows and Enter belong to whatever control has focus, unless that is the grid itself
      // (or nothing in particular).
      const onGrid =
        target === grid ||
        target === document.body ||
        (target instanceof HTMLElement && target.id === 'main');
      const handle = (fn: () => void) => {
        event.preventDefault();
        fn();
        if (grid && document.activeElement !== grid) grid.focus({ preventScroll: true });
      };
      if (a.quickFilter(event.key)) {
        event.preventDefault();
        return;
      }
      switch (event.key) {
        case 'j':
          return handle(() => a.move(1));
        case 'k':
          return handle(() => a.move(-1));
        case 'x':
          return handle(() => a.toggleMark());
        case 'Escape':
          if (a.clearMarks()) event.preventDefault();
          return;
        case 'ArrowDown':
          if (onGrid) handle(() => a.move(1));
          return;
        case 'ArrowUp':
          if (onGrid) handle(() => a.move(-1));
          return;
        case 'PageDown':
          if (onGrid) handle(() => a.move(a.pageRows()));
          return;
        case 'PageUp':
          if (onGrid) handle(() => a.move(-a.pageRows()));
          return;
        case 'Home':
          if (onGrid) handle(() => a.jump('first'));
          return;
        case 'End':
          if (onGrid) handle(() => a.jump('last'));
          return;
        case 'Enter':
          if (onGrid) {
            event.preventDefault();
            a.openSelected();
          }
          return;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
