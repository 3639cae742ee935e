import { useId } from 'react';
import type { ColumnVisibilityState } from '@tanstack/react-table';
import { QUEUE_SORT_COLUMNS } from '../../../../src-shared/contract';
import { Icon } from '../../components/Icon';
import { usePopover } from '../../lib/use-popover';
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
  const { open, setOpen, root, toggle } = usePopover();
  const id = useId();

  return (
    <div className="menu-root" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="btn btn-quiet btn-small"
        aria-expanded={open}
        aria-controls={id}
        title="Show, hide and reset columns"
        onClick={() => setOpen(!open)}
      >
        <Icon name="columns" />
        <span className="toolbar-label">Columns</span>
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
