import { Command } from 'cmdk';
import { Dialog } from '../components/Dialog';
import { Icon } from '../components/Icon';
import { call } from '../lib/desk';
import { applySavedView } from '../features/queue/SavedViewsNav';
import {
  DUE_FILTERS,
  emptyFilters,
  useQueueStore,
  type QueueFilters,
} from '../features/queue/queue-store';
import { QUEUE_SECTIONS, queueForSection, useSavedViews } from '../features/queue/saved-views';
import { sections } from './sections';
import { useUiStore } from './ui-store';

/**
 * Ctrl/⌘+K: every place, filter and action by name (cmdk filters and ranks as one types). Runs in
 * the app's modal dialog, so the screen behind is inert while it is open.
 */
export function CommandPalette() {
  const open = useUiStore((s) => s.paletteOpen);
  const setOpen = useUiStore((s) => s.setPaletteOpen);
  const views = useSavedViews((s) => s.views);
  if (!open) return null;
  const close = () => setOpen(false);
  const run = (action: () => void) => () => {
    close();
    action();
  };
  const ui = useUiStore.getState();
  // Filter commands apply to the queue on screen, else to the All queue.
  const queue = queueForSection(ui.sectionId) ?? 'all';
  const filterQueue = (patch: Partial<QueueFilters>) => {
    useQueueStore.getState().setFilters(queue, patch);
    if (ui.sectionId !== QUEUE_SECTIONS[queue]) ui.navigate(QUEUE_SECTIONS[queue]);
  };

  return (
    <Dialog title="Command palette" onClose={close} className="palette">
      <Command label="Commands" loop>
        <Command.Input
          data-autofocus=""
          className="input palette-input"
          placeholder="Type a command or a place…"
          aria-label="Command"
        />
        <Command.List className="palette-list">
          <Command.Empty className="palette-empty">No command matches.</Command.Empty>
          <Command.Group heading="Go to">
            {sections
              .filter((s) => !s.hidden)
              .map((s) => (
                <Command.Item
                  key={s.id}
                  value={`Go to ${s.label}`}
                  onSelect={run(() => useUiStore.getState().navigate(s.id))}
                >
                  <Icon name={s.icon} />
                  Go to {s.label}
                  {s.goKey ? <kbd className="palette-key">g {s.goKey}</kbd> : null}
                </Command.Item>
              ))}
          </Command.Group>
          {views.length > 0 ? (
            <Command.Group heading="Saved views">
              {views.map((v) => (
                <Command.Item
                  key={v.id}
                  value={`Open view ${v.name} ${v.id}`}
                  onSelect={run(() => applySavedView(v))}
                >
                  <Icon name="bookmark" />
                  Open view “{v.name}”
                </Command.Item>
              ))}
            </Command.Group>
          ) : null}
          <Command.Group heading="Filter the queue">
            {DUE_FILTERS.map((q) => (
              <Command.Item
                key={q.id}
                value={`Filter ${q.label}`}
                onSelect={run(() => filterQueue({ due: q.id }))}
              >
                <Icon name={q.id === 'overdue' ? 'alert' : 'clock'} />
                Show {q.label.toLowerCase()} orders
                <kbd className="palette-key">{q.key}</kbd>
              </Command.Item>
            ))}
            <Command.Item
              value="Clear filters"
              onSelect={run(() => {
                filterQueue(emptyFilters());
                useQueueStore.getState().update(queue, { search: '' });
              })}
            >
              <Icon name="filter" />
              Clear filters
            </Command.Item>
          </Command.Group>
          <Command.Group heading="Actions">
            <Command.Item
              value="Sync now"
              onSelect={run(() => {
                // A failed sync shows in the sync indicator, with its reason.
                call('sync:run-now', {}).catch(() => undefined);
              })}
            >
              <Icon name="refresh" />
              Sync now
            </Command.Item>
            <Command.Item
              value="Toggle sidebar"
              onSelect={run(() => ui.setSidebarCollapsed(!useUiStore.getState().sidebarCollapsed))}
            >
              <Icon name="sidebar" />
              {ui.sidebarCollapsed ? 'Show the sidebar' : 'Collapse the sidebar'}
            </Command.Item>
            <Command.Item
              value="Keyboard shortcuts"
              onSelect={run(() => ui.setKeyboardMapOpen(true))}
            >
              <Icon name="keyboard" />
              Show keyboard shortcuts
              <kbd className="palette-key">?</kbd>
            </Command.Item>
          </Command.Group>
        </Command.List>
      </Command>
    </Dialog>
  );
}
