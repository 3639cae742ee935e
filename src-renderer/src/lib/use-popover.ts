import { useEffect, useRef, useState } from 'react';

/**
 * Open/close state for a toggle button and the popover it controls. While open, a mouse press
 * outside `root` closes it, and Escape closes it and gives focus back to `toggle`. Escape is
 * caught in the capture phase and stopped, so a surrounding screen's own Escape handling does
 * not also run.
 */
export function usePopover() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        toggle.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  return { open, setOpen, root, toggle };
}
