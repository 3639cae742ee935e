import { useState } from 'react';
import type { CatalogEntry, CatalogView } from '../../../../src-shared/contract';
import { Alert, LoadFailed } from '../../components/Alert';
import { Icon } from '../../components/Icon';
import { TableSkeletonRows } from '../../components/TableSkeleton';
import { call } from '../../lib/desk';
import { errorCode, errorMessage } from '../../lib/errors';
import { formatAgo, formatFull } from '../../lib/time-format';
import { useDeskQuery } from '../../lib/use-desk-query';
import { useNow } from '../../lib/use-now';
import { CatalogEditor } from './CatalogEditor';
import { ConflictNote } from './ConflictNote';
import { formatHours } from './HoursField';
import { PUBLISH_STATE_LABELS } from './vocabulary';

type Editing = { entry: CatalogEntry | null } | null;

/**
 * The provider's assessment catalog: what the team offers, what StackOne gets now, and one
 * Publish action that makes the first the second. Edits are the desk's cached copy at once and go
 * to the gateway through the outbox; an edit the gateway refused as stale stays beside the
 * gateway's version until someone decides (ConflictNote).
 */
export function CatalogPanel({
  defaultHours,
  announce,
}: {
  defaultHours: number | null;
  announce: (message: string) => void;
}) {
  const catalog = useDeskQuery(
    'catalog:get',
    {},
    { refreshOn: ['data:changed', 'workspaces:changed'] },
  );
  const [editing, setEditing] = useState<Editing>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ title: string; message: string } | null>(null);

  const data = catalog.status === 'ready' ? catalog.data : null;
  // An archived package StackOne still gets stays in sight until the publish that withdraws it.
  const hidden = (e: CatalogEntry) => e.publishState === 'archived';
  const entries = data?.entries.filter((e) => showArchived || !hidden(e)) ?? null;
  const archivedCount = data?.entries.filter(hidden).length ?? 0;

  async function run(key: string, failTitle: string, action: () => Promise<string>) {
    setBusy(key);
    setError(null);
    try {
      announce(await action());
      catalog.reload();
    } catch (e) {
      setError({ title: failTitle, message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  }

  async function publish(view: CatalogView) {
    setBusy('publish');
    setError(null);
    try {
      const next = await call('catalog:publish', { baseRevision: view.revision });
      const n = next.published.packages.length;
      announce(`Published. StackOne now gets ${n} ${n === 1 ? 'package' : 'packages'}.`);
      catalog.reload();
    } catch (e) {
      catalog.reload();
      setError(
        errorCode(e) === 'conflict'
          ? {
              title: 'Someone changed the catalog in the meantime',
              message: `${errorMessage(e)} The list below now shows their changes; check it and publish again.`,
            }
          : { title: 'Not published', message: errorMessage(e) },
      );
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="catalog-heading" className="package-section">
      <header className="section-bar">
        <div>
          <h2 id="catalog-heading" className="visually-hidden">
            Assessment catalog
          </h2>
          <p className="muted">
            The packages customers on Greenhouse, Lever, Ashby and other standard ATSs pick from.
          </p>
        </div>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => setEditing({ entry: null })}
        >
          <Icon name="plus" size={12} />
          New package
        </button>
      </header>
      {data ? (
        <PublishBar view={data} busy={busy === 'publish'} onPublish={() => void publish(data)} />
      ) : null}
      {error ? <Alert title={error.title}>{error.message}</Alert> : null}
      {catalog.status === 'error' ? (
        <LoadFailed
          title="The catalog could not be loaded"
          message={catalog.error.message}
          onRetry={catalog.reload}
        />
      ) : (
        <div className="table-scroll">
          <table className="table package-table">
            <caption className="visually-hidden">Assessment catalog</caption>
            <thead>
              <tr>
                <th scope="col">Package</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">
                  Turnaround
                </th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries === null ? (
                <TableSkeletonRows rows={3} columns={5} />
              ) : entries.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">
                    No packages yet. Add the assessments you offer; StackOne shows them to customers
                    once you publish.
                  </td>
                </tr>
              ) : (
                entries.map((e) => (
                  <CatalogRow
                    key={e.id}
                    entry={e}
                    defaultHours={defaultHours}
                    busy={busy !== null}
                    onEdit={() => setEditing({ entry: e })}
                    onArchive={() =>
                      void run(e.id, `“${e.name}” was not changed`, async () => {
                        await call('catalog:archive', {
                          id: e.id,
                          archived: !e.archived,
                          baseVersion: e.version,
                        });
                        return e.archived
                          ? `Restored “${e.name}”. Publish to offer it again.`
                          : `Archived “${e.name}”. Publish to withdraw it from StackOne.`;
                      })
                    }
                    onResolve={(keep) =>
                      void run(e.id, 'The conflict was not resolved', async () => {
                        await call('catalog:resolve-conflict', { id: e.id, keep });
                        return keep === 'theirs'
                          ? `“${e.name}” keeps the gateway’s version.`
                          : `Your edit of “${e.name}” is written again over the gateway’s version.`;
                      })
                    }
                  />
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
      {archivedCount > 0 ? (
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.target.checked)}
          />
          Show archived ({archivedCount})
        </label>
      ) : null}
      {data ? <PublishedList view={data} /> : null}
      {editing ? (
        <CatalogEditor
          entry={editing.entry}
          current={data?.entries.find((e) => e.id === editing.entry?.id) ?? null}
          defaultHours={defaultHours}
          onClose={() => setEditing(null)}
          onSaved={(_, message) => {
            setEditing(null);
            announce(message);
            catalog.reload();
          }}
        />
      ) : null}
    </section>
  );
}

function CatalogRow({
  entry: e,
  defaultHours,
  busy,
  onEdit,
  onArchive,
  onResolve,
}: {
  entry: CatalogEntry;
  defaultHours: number | null;
  busy: boolean;
  onEdit: () => void;
  onArchive: () => void;
  onResolve: (keep: 'mine' | 'theirs') => void;
}) {
  const state = PUBLISH_STATE_LABELS[e.publishState];
  return (
    <>
      <tr className={e.archived ? 'is-archived' : undefined}>
        <th scope="row" className="package-name">
          <span className="package-title">{e.name}</span>
          <span className="mono muted small"> {e.id}</span>
          {e.description ? (
            <span className="package-description muted" title={e.description}>
              {e.description}
            </span>
          ) : null}
        </th>
        <td>{e.type ?? <span className="cell-missing">—</span>}</td>
        <td className="num">
          {e.turnaroundHours !== null ? (
            formatHours(e.turnaroundHours)
          ) : (
            <span className="muted">
              {defaultHours === null ? 'Default' : `${formatHours(defaultHours)} (default)`}
            </span>
          )}
        </td>
        <td>
          <span className="state-stack">
            <span className={`status status-tone-${state.tone}`}>
              <Icon name={state.icon} />
              {state.label}
            </span>
            {e.conflict ? (
              <span className="status status-tone-danger">
                <Icon name="warning" />
                Conflict
              </span>
            ) : e.pending ? (
              <span className="status muted">
                <Icon name="clock" />
                Saving to the team…
              </span>
            ) : null}
          </span>
        </td>
        <td className="row-actions">
          <button
            type="button"
            className="btn btn-quiet btn-small"
            onClick={onEdit}
            aria-label={`Edit ${e.name}`}
          >
            <Icon name="pencil" size={12} />
            Edit
          </button>
          <button
            type="button"
            className="btn btn-quiet btn-small"
            disabled={busy}
            onClick={onArchive}
            aria-label={`${e.archived ? 'Restore' : 'Archive'} ${e.name}`}
          >
            {e.archived ? 'Restore' : 'Archive'}
          </button>
        </td>
      </tr>
      {e.conflict ? (
        <tr className="conflict-row">
          <td colSpan={5}>
            <ConflictNote
              what={`“${e.name}”`}
              conflict={e.conflict}
              busy={busy}
              onResolve={onResolve}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** "Published 10 min ago" or "3 unpublished changes — Publish". */
function PublishBar({
  view,
  busy,
  onPublish,
}: {
  view: CatalogView;
  busy: boolean;
  onPublish: () => void;
}) {
  const now = useNow(30_000);
  const { published, unpublished } = view;
  const when = published.publishedAt;
  return (
    <div className={`publish-bar${unpublished > 0 ? ' has-changes' : ''}`}>
      <Icon name={unpublished > 0 ? 'pencil' : 'check'} />
      <p>
        {when === null ? (
          <strong>Never published: StackOne gets no packages yet.</strong>
        ) : (
          <>
            StackOne gets {published.packages.length}{' '}
            {published.packages.length === 1 ? 'package' : 'packages'}, published{' '}
            <span title={formatFull(when)}>{formatAgo(when, now)}</span>.
          </>
        )}{' '}
        {unpublished > 0 ? (
          <strong>
            {unpublished} unpublished {unpublished === 1 ? 'change' : 'changes'}.
          </strong>
        ) : when !== null ? (
          'Everything here is published.'
        ) : null}
      </p>
      <button
        type="button"
        className={`btn ${unpublished > 0 ? 'btn-primary' : ''}`}
        disabled={busy || unpublished === 0}
        onClick={onPublish}
      >
        <Icon name="send" size={12} />
        {busy ? 'Publishing…' : 'Publish'}
      </button>
    </div>
  );
}

/** Exactly what StackOne's `GET /ats/assessments/packages` returns now. */
function PublishedList({ view }: { view: CatalogView }) {
  const { packages } = view.published;
  return (
    <details className="published-list">
      <summary>
        What StackOne gets now ({packages.length} {packages.length === 1 ? 'package' : 'packages'}
        {view.published.version > 0 ? `, version ${view.published.version}` : ''})
      </summary>
      {packages.length === 0 ? (
        <p className="muted">Nothing: customers on standard ATSs see no packages from you.</p>
      ) : (
        <ul>
          {packages.map((p) => (
            <li key={p.id}>
              <span className="mono">{p.id}</span> {p.name}
              {p.description ? <span className="muted"> — {p.description}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
