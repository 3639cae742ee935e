import { useState } from 'react';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { useWorkspaceScope } from '../../lib/workspace-scope';

/**
 * Shown in the Sandbox workspace: the sandbox is kept across switches and restarts, so starting
 * over is an explicit "Reset sandbox" (new training data; drafts and results entered are gone).
 */
export function SandboxPanel() {
  const workspaceId = useWorkspaceScope((s) => s.workspaceId);
  const kind = useWorkspaceScope((s) => s.kind);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  if (kind !== 'sandbox' || workspaceId === null) return null;

  async function reset(id: string) {
    setBusy(true);
    setFailure(null);
    try {
      await call('sync:reset-sandbox', { workspaceId: id });
      setMessage('The sandbox was reset: new training data is being synced.');
    } catch (e) {
      setFailure(`The sandbox was not reset. ${errorMessage(e)}`);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="sandbox-heading">
      <header className="panel-header">
        <h2 id="sandbox-heading">Sandbox</h2>
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() => setConfirming(true)}
        >
          Reset sandbox
        </button>
      </header>
      <p className="muted">
        The Sandbox keeps its orders, drafts and sent results when you switch workspaces or restart
        the desk. Reset it to start again from new training data.
      </p>
      <p role="status">{message}</p>
      {failure ? (
        <Alert title="Reset failed">
          <p>{failure}</p>
        </Alert>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title="Reset the sandbox?"
          confirmLabel="Reset sandbox"
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void reset(workspaceId)}
        >
          <p>
            All Sandbox orders, drafts and results you entered are thrown away and new training data
            is generated. Other workspaces are not touched.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
