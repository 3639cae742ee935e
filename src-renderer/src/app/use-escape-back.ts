import { useEffect } from 'react';
import { isTypingTarget } from '../lib/typing-target';
import { useUiStore } from './ui-store';

/** Esc on a detail page returns to where it was opened from (with that screen's state kept). */
export function useEscapeBack(fallbackSectionId: string): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      if (isTypingTarget(event.target)) {
        (event.target as HTMLElement).blur();
        return;
      }
      event.preventDefault();
      useUiStore.getState().back(fallbackSectionId);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [fallbackSectionId]);
}
