import { useEffect } from 'react';
import { sections } from './sections';
import { isTypingTarget } from '../lib/typing-target';
import { useUiStore } from './ui-store';

/** How long `g` waits for its second key. */
const SEQUENCE_MS = 1200;

export function useGlobalShortcuts(): void {
  useEffect(() => {
    let pendingG = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      // Ctrl/⌘+K opens the command palette from anywhere, a text field included.
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        if (document.querySelector('dialog[open]')) return;
        event.preventDefault();
        useUiStore.getState().setPaletteOpen(true);
        return;
      }
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      // Shortcuts do not reach behind an open modal dialog.
      if (document.querySelector('dialog[open]')) return;
      const { navigate, setKeyboardMapOpen } = useUiStore.getState();
      if (event.key === '/') {
        // Every list screen has one search box; `/` goes to it.
        const box = document.querySelector<HTMLInputElement>('[data-search-box]');
        if (box) {
          event.preventDefault();
          box.focus();
          box.select();
        }
        return;
      }
      if (event.key === '?') {
        event.preventDefault();
        setKeyboardMapOpen(true);
        return;
      }
      if (pendingG && performance.now() - pendingG <= SEQUENCE_MS) {
        pendingG = 0;
        const section = sections.find((s) => s.goKey === event.key);
        if (section) {
          event.preventDefault();
          navigate(section.id);
        }
        return;
      }
      pendingG = event.key === 'g' ? performance.now() : 0;
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
