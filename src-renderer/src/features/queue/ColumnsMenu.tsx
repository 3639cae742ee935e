import { useEffect, useId, useRef, useState } from 'react';
import type { ColumnVisibilityState } from '@tanstack/react-table';
import { QUEUE_SORT_COLUMNS } from '../../../../src-shared/contract';
import { Icon } from '../../components/Icon';
import { COLUMN_LABELS } from './columns';

/** Due and Candidate identify a row: they cannot be hidden. */
const ALWAYS_SHOWN = new Set(['due_at', 'candidate']);

export function ColumnsMenu({
  visibility,
  onChange,
  onResetWidths,
}: {
  visibility: ColumnVisibilityState;
  onChange: (next: ColumnVisibilityState) => void;
  onResetWidths: () => void;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

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
        button.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  return (
    <div className="menu-root" ref={root}>
      <button
        ref={button}
        type="button"
        className="btn btn-quiet btn-small"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        <Icon name="columns" />
        Columns
      </button>
      {open ? (
        <div className="popover menu-popover" id={id} role="group" aria-label="Visible columns">
          {QUEUE_SORT_COLUMNS.map((c) => (
            <label key={c} className="menu-check">
              <input
                type="checkbox"
                checked={visibility[c] !== false}
                disabled={ALWAYS_SHOWN.has(c)}
                onChange={(e) => onChange({ ...visibility, [c]: e.target.checked })}
              />
              {COLUMN_LABELS[c]}
            </label>
          ))}
          <hr className="menu-sep" />
          <button type="button" className="btn btn-quiet btn-small" onClick={onResetWidths}>
            Reset column widths
          </button>
        </div>
      ) : null}
    </div>
  );
}
