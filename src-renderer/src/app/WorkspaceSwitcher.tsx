import { useId, useState } from 'react';
import { call } from '../lib/desk';
import { errorMessage } from '../lib/errors';
import { useWorkspaces } from './use-workspaces';

export function WorkspaceSwitcher() {
  const list = useWorkspaces();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function activate(workspaceId: string) {
    setBusy(true);
    setError(null);
    try {
      await call('workspaces:activate', { id: workspaceId });
      list.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const active = list.data?.workspaces.find((w) => w.id === list.data?.activeId);

  return (
    <div className="switcher">
      <label htmlFor={id} className="switcher-label">
        Workspace
      </label>
      <select
        id={id}
        className="select switcher-select"
        value={list.data?.activeId ?? ''}
        disabled={list.status !== 'ready' || busy}
        onChange={(e) => void activate(e.target.value)}
      >
        {list.status === 'ready' ? (
          list.data.workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))
        ) : (
          <option value="">{list.status === 'error' ? 'Unavailable' : 'Loading…'}</option>
        )}
      </select>
      {active?.kind === 'sandbox' ? (
        <p className="switcher-note">
          <span className="badge badge-sandbox">Sandbox</span> Training data, not a customer&rsquo;s
        </p>
      ) : null}
      {list.status === 'error' ? (
        <p className="field-error" role="alert">
          {list.error.message}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
