import { Icon } from '../components/Icon';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { SignedInAs } from '../features/team/SignedInAs';
import { useUiStore } from './ui-store';
import { useWorkspaces } from './use-workspaces';

/** Section title on the left; the Sandbox marker on the right so no screen hides it. */
export function TopBar({ title }: { title: string }) {
  const list = useWorkspaces();
  const active = list.data?.workspaces.find((w) => w.id === list.data?.activeId);
  const collapsed = useUiStore((s) => s.sidebarCollapsed);
  const setCollapsed = useUiStore((s) => s.setSidebarCollapsed);
  const openPalette = useUiStore((s) => s.setPaletteOpen);
  return (
    <header className="topbar">
      <div className="topbar-start">
        <button
          type="button"
          className="btn btn-quiet btn-small btn-icon"
          aria-pressed={collapsed}
          aria-label="Collapse the sidebar"
          title={collapsed ? 'Show the sidebar' : 'Collapse the sidebar'}
          onClick={() => setCollapsed(!collapsed)}
        >
          <Icon name="sidebar" />
        </button>
        <h1 className="topbar-title">{title}</h1>
      </div>
      <div className="topbar-end">
        {active ? (
          <span className="topbar-workspace">
            {active.kind === 'sandbox' ? (
              <span className="badge badge-sandbox" title="Training data from the embedded sandbox">
                Sandbox
              </span>
            ) : null}
            {active.kind === 'sandbox' && active.name === 'Sandbox' ? (
              <span className="muted">Training data</span>
            ) : (
              <span className="muted">{active.name}</span>
            )}
          </span>
        ) : null}
        <SignedInAs />
        <button
          type="button"
          className="btn btn-quiet btn-small palette-button"
          aria-keyshortcuts="Control+K Meta+K"
          onClick={() => openPalette(true)}
        >
          <Icon name="command" />
          <span className="palette-button-label">Commands</span> <kbd>Ctrl K</kbd>
        </button>
        <SyncIndicator />
      </div>
    </header>
  );
}
