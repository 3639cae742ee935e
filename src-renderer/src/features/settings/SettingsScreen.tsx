import { useRef, useState } from 'react';
import type { Workspace } from '../../../../src-shared/contract';
import { Alert, LoadFailed } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { useWorkspaces } from '../../app/use-workspaces';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { CacheHealthPanel } from './CacheHealthPanel';
import { NotificationsPanel } from './NotificationsPanel';
import { SandboxPanel } from './SandboxPanel';
import { WorkspaceEditor } from './WorkspaceEditor';
import { WorkspaceTable } from './WorkspaceTable';
import './settings.css';

type EditorState =
  | { mode: 'closed' }
  | { mode: 'create'; key: number }
  | { mode: 'edit'; key: number; workspace: Workspace };

let editorKeys = 0;

export function SettingsScreen() {
  const list = useWorkspaces();
  const [editor, setEditor] = useState<EditorState>({ mode: 'closed' });
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Workspace | null>(null);
  const newButtonRef = useRef<HTMLButtonElement>(null);

  const workspaces = list.data?.workspaces ?? null;
  const editingId = editor.mode === 'edit' ? editor.workspace.id : null;
  const hasStackOne = workspaces?.some((w) => w.kind === 'stackone') ?? true;

  async function activate(w: Workspace) {
    setBusyId(w.id);
    setActionError(null);
    try {
      await call('workspaces:activate', { id: w.id });
      setStatus(`“${w.name}” is now the active workspace.`);
      list.reload();
    } catch (e) {
      setActionError(`Could not switch to “${w.name}”. ${errorMessage(e)}`);
    } finally {
      setBusyId(null);
    }
  }

  async function remove(w: Workspace) {
    setBusyId(w.id);
    setActionError(null);
    try {
      await call('workspaces:delete', { id: w.id });
      setStatus(`Deleted “${w.name}” and its stored credentials.`);
      if (editingId === w.id) setEditor({ mode: 'closed' });
      list.reload();
    } catch (e) {
      setActionError(`Could not delete “${w.name}”. ${errorMessage(e)}`);
    } finally {
      setBusyId(null);
      setDeleting(null);
    }
  }

  return (
    <div className="settings">
      <section className="panel" aria-labelledby="workspaces-heading">
        <header className="panel-header">
          <div>
            <h2 id="workspaces-heading">Workspaces</h2>
            <p className="muted">
              A workspace is one StackOne project and its order gateway. The Sandbox workspace runs
              on this computer with training data.
            </p>
          </div>
          <button
            ref={newButtonRef}
            type="button"
            className="btn btn-primary"
            onClick={() => setEditor({ mode: 'create', key: ++editorKeys })}
          >
            <Icon name="plus" size={12} />
            New workspace
          </button>
        </header>
        <p className="status-line" role="status" aria-live="polite">
          {status}
        </p>
        {actionError ? <Alert>{actionError}</Alert> : null}
        {list.status === 'error' ? (
          <LoadFailed
            title="The workspaces could not be loaded"
            message={list.error.message}
            onRetry={list.reload}
          />
        ) : (
          <div className="table-scroll">
            <WorkspaceTable
              workspaces={workspaces}
              activeId={list.data?.activeId ?? null}
              editingId={editingId}
              busyId={busyId}
              onActivate={(w) => void activate(w)}
              onEdit={(w) => setEditor({ mode: 'edit', key: ++editorKeys, workspace: w })}
              onDelete={setDeleting}
            />
          </div>
        )}
        {!hasStackOne ? (
          <p className="empty-hint">
            No StackOne workspaces yet. Add one with your StackOne API key to work with your
            customers&rsquo; live orders; until then the Sandbox lets you practise.
          </p>
        ) : null}
      </section>
      {editor.mode !== 'closed' ? (
        <WorkspaceEditor
          key={editor.key}
          initial={editor.mode === 'edit' ? editor.workspace : null}
          announce={setStatus}
          onSaved={(saved, message) => {
            setStatus(message);
            // A created workspace is now the one being edited (same key: the form stays mounted).
            setEditor((e) =>
              e.mode === 'create' ? { mode: 'edit', key: e.key, workspace: saved } : e,
            );
            list.reload();
          }}
          onClose={() => {
            setEditor({ mode: 'closed' });
            // The focused Close button is going away; keep keyboard users in the same place.
            newButtonRef.current?.focus();
          }}
        />
      ) : null}
      <CacheHealthPanel />
      <SandboxPanel />
      <NotificationsPanel />
      {deleting ? (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete workspace"
          busy={busyId !== null}
          onCancel={() => setDeleting(null)}
          onConfirm={() => void remove(deleting)}
        >
          <p>
            The workspace and its credentials in the OS keychain are removed from this desk. Orders
            stay in StackOne and the gateway. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
