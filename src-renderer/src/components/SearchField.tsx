import { forwardRef, useEffect, useId, useState } from 'react';
import { Icon } from './Icon';

/**
 * A search box that reports what was typed after a short pause (each keystroke does not become a
 * query). `/` focuses the one on the current screen: it carries `data-search-box`; Esc leaves it.
 */
export const SearchField = forwardRef<
  HTMLInputElement,
  {
    label: string;
    placeholder: string;
    value: string;
    onChange: (value: string) => void;
    /** Called after Esc has left the box (focus goes there; by default it just leaves). */
    onLeave?: () => void;
    delayMs?: number;
  }
>(function SearchField({ label, placeholder, value, onChange, onLeave, delayMs = 150 }, ref) {
  const id = useId();
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  // A value changed from outside (e.g. "Clear filters") replaces what is in the box.
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }
  useEffect(() => {
    if (text === value) return;
    const t = setTimeout(() => onChange(text), delayMs);
    return () => clearTimeout(t);
  }, [text, value, onChange, delayMs]);
  return (
    <div className="search-field">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <Icon name="search" />
      <input
        ref={ref}
        id={id}
        type="search"
        className="input search-input"
        placeholder={placeholder}
        value={text}
        data-search-box=""
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // Esc leaves the box with the search kept (a browser would clear a search input).
          if (e.key !== 'Escape') return;
          e.preventDefault();
          e.currentTarget.blur();
          onLeave?.();
        }}
      />
      <kbd className="search-hint" aria-hidden="true">
        /
      </kbd>
    </div>
  );
});
