import type { Workspace } from '../../../../src-shared/contract';
import { Skeleton } from '../../components/Skeleton';
import { CredentialStatusCell } from './CredentialStatusCell';

interface WorkspaceTableProps {
  workspaces: Workspace[] | null;
  activeId: string | null;
  editingId: string | null;
  busyId: string | null;
  onActivate: (w: Workspace) => void;
  onEdit: (w: Workspace) => void;
  onDelete: (w: Workspace) => void;
}

const kindLabels: Record<Workspace['kind'], string> = {
  sandbox: 'Embedded sandbox',
  stackone: 'StackOne',
};

/** `https://` is the norm and is left out to save width; any other scheme stays visible. */
export function displayUrl(url: string): string {
  return /^https:\/\//i.test(url) ? url.slice('https://'.length).replace(/\/$/, '') : url;
}

function UrlCell({ url, sandbox }: { url: string | null; sandbox: boolean }) {
  if (sandbox) return <span className="muted">Embedded</span>;
  if (!url) return <span className="muted">Not set</span>;
  return (
    <span className="mono url" title={url}>
      {displayUrl(url)}
    </span>
  );
}

export function WorkspaceTable({
  workspaces,
  activeId,
  editingId,
  busyId,
  onActivate,
  onEdit,
  onDelete,
}: WorkspaceTableProps) {
  return (
    <table className="table workspace-table">
      <caption className="visually-hidden">Workspaces</caption>
      <thead>
        <tr>
          <th scope="col">Workspace</th>
          <th scope="col">StackOne base URL</th>
          <th scope="col">Gateway URL</th>
          <th scope="col" className="num" title="Linked accounts">
            Accounts
          </th>
          <th scope="col">Credentials</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody aria-busy={workspaces === null}>
        {workspaces === null
          ? [0, 1].map((i) => (
              <tr key={i} aria-hidden="true">
                {['9em', '12em', '10em', '2em', '9em', '6em'].map((w, j) => (
                  <td key={j}>
                    <Skeleton width={w} />
                  </td>
                ))}
              </tr>
            ))
          : workspaces.map((w) => {
              const sandbox = w.kind === 'sandbox';
              const active = w.id === activeId;
              return (
                <tr key={w.id} aria-current={editingId === w.id ? 'true' : undefined}>
                  <th scope="row" className="workspace-name">
                    <span className="workspace-name-line">
                      <span>{w.name}</span>
                      {active ? <span className="badge badge-active">Active</span> : null}
                    </span>
                    <span className="workspace-kind">{kindLabels[w.kind]}</span>
                  </th>
                  <td>
                    <UrlCell url={w.stackoneBaseUrl} sandbox={sandbox} />
                  </td>
                  <td>
                    <UrlCell url={w.gatewayUrl} sandbox={sandbox} />
                  </td>
                  <td className="num">
                    {sandbox ? <span className="muted">—</span> : w.linkedAccounts.length}
                  </td>
                  <td>
                    <CredentialStatusCell workspace={w} />
                  </td>
                  <td className="row-actions">
                    {!active ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`Switch to ${w.name}`}
                        disabled={busyId !== null}
                        onClick={() => onActivate(w)}
                      >
                        Switch to
                      </button>
                    ) : null}
                    {!sandbox ? (
                      <>
                        <button
                          type="button"
                          className="btn btn-small btn-quiet"
                          aria-label={`Edit ${w.name}`}
                          onClick={() => onEdit(w)}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="btn btn-small btn-quiet danger"
                          aria-label={`Delete ${w.name}`}
                          disabled={busyId !== null}
                          onClick={() => onDelete(w)}
                        >
                          Delete
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
      </tbody>
    </table>
  );
}
