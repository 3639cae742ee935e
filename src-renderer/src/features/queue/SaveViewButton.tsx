import { useId, useState } from 'react';
import { Icon } from '../../components/Icon';
import { usePopover } from '../../lib/use-popover';
import type { QueueViewId, QueueViewState } from './queue-store';
import { useSavedViews } from './saved-views';

/** "Save view": names the queue's current filters, search and sort; the sidebar lists it. */
export function SaveViewButton({ queue, state }: { queue: QueueViewId; state: QueueViewState }) {
  const { open, setOpen, root, toggle } = usePopover();
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const add = useSavedViews((s) => s.add);
  const canSave = useSavedViews((s) => s.workspaceId !== null);
  const id = useId();
  return (
    <div className="menu-root" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="btn btn-quiet btn-small"
        aria-expanded={open}
        aria-controls={id}
        disabled={!canSave}
        title="Save these filters, search and sort as a view in the sidebar"
        onClick={() => {
          setSaved(null);
          setOpen(!open);
        }}
      >
        <Icon name="bookmark" />
        <span className="toolbar-label">Save view</span>
      </button>
      {open ? (
        <form
          id={id}
          className="popover save-view"
          aria-label="Save this view"
          onSubmit={(e) => {
            e.preventDefault();
            const trimmed = name.trim();
            if (!trimmed) return;
            const { filters, search, sort } = state;
            add({ name: trimmed, queue, filters: { ...filters }, search, sort });
            setSaved(trimmed);
            setName('');
            setOpen(false);
            toggle.current?.focus();
          }}
        >
          <label htmlFor={`${id}-name`}>Name of this view</label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            maxLength={80}
            autoFocus
            placeholder="e.g. Acme overdue"
            onChange={(e) => setName(e.target.value)}
          />
          <p className="muted small">Its filters, search and sort; listed in the sidebar.</p>
          <button type="submit" className="btn btn-primary btn-small" disabled={!name.trim()}>
            Save
          </button>
        </form>
      ) : null}
      <span className="visually-hidden" role="status">
        {saved ? `View “${saved}” saved` : ''}
      </span>
    </div>
  );
}
