import { SyncIndicator } from '../features/sync/SyncIndicator';
import { SignedInAs } from '../features/team/SignedInAs';
import { useWorkspaces } from './use-workspaces';

/** Section title on the left; the Sandbox marker on the right so no screen hides it. */
export function TopBar({ title }: { title: string }) {
  const list = useWorkspaces();
  const active = list.data?.workspaces.find((w) => w.id === list.data?.activeId);
  return (
    <header className="topbar">
      <h1 className="topbar-title">{title}</h1>
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
        <SyncIndicator />
      </div>
    </header>
  );
}
