import { useState } from 'react';
import type { BgPackage, BgPackageJob } from '../../../../src-shared/contract';
import { Alert, LoadFailed } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { TableSkeletonRows } from '../../components/TableSkeleton';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { formatAgo, formatFull } from '../../lib/time-format';
import { useDeskQuery } from '../../lib/use-desk-query';
import { useNow } from '../../lib/use-now';
import { BgPackageEditor } from './BgPackageEditor';
import { BG_JOB_LABELS, jobLine } from './vocabulary';

type Editing = { pkg: BgPackage | null } | null;

/**
 * One customer's background-check packages, as last listed from StackOne, with this desk's queued
 * writes laid over them. Creating, changing and deleting go through the outbox, so every row says
 * where its write stands (Queued, Sending, Checking StackOne, Needs attention).
 */
export function BgPackagesPanel({
  accounts,
  accountId,
  onAccountChange,
  announce,
}: {
  accounts: { id: string; label: string }[];
  accountId: string | null;
  onAccountChange: (id: string) => void;
  announce: (message: string) => void;
}) {
  const list = useDeskQuery(
    'bg-packages:list',
    { accountId: accountId ?? '' },
    {
      refreshOn: ['data:changed', 'outbox:changed', 'workspaces:changed'],
      enabled: accountId !== null,
    },
  );
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<BgPackage | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; message: string } | null>(null);
  const now = useNow(30_000);

  const data = list.status === 'ready' ? list.data : null;
  const customer =
    data?.accountLabel ?? accounts.find((a) => a.id === accountId)?.label ?? accountId ?? '';
  // Jobs not tied to a listed row: a create not applied yet shows as its own row.
  const parkedOrphans =
    data?.jobs.filter((j) => j.state === 'parked' && !data.rows.some((r) => r.job?.id === j.id)) ??
    [];

  async function act(failTitle: string, action: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      announce(await action());
      list.reload();
    } catch (e) {
      setError({ title: failTitle, message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  const jobActions = (job: BgPackageJob, name: string) => ({
    onRetry: () =>
      void act('Not retried', async () => {
        await call('bg-packages:retry', { jobId: job.id });
        return `The ${job.op} of “${name}” is tried again now.`;
      }),
    onDiscard: () =>
      void act('Not discarded', async () => {
        const { discarded } = await call('bg-packages:discard', { jobId: job.id });
        return discarded
          ? `The ${job.op} of “${name}” was dropped; nothing more is sent.`
          : `The ${job.op} of “${name}” had already finished.`;
      }),
  });

  return (
    <section aria-labelledby="bg-heading" className="package-section">
      <header className="section-bar">
        <div>
          <h2 id="bg-heading" className="visually-hidden">
            Background-check packages
          </h2>
          <p className="muted">
            Packages in the customer&rsquo;s ATS (such as Workday Background Check), created and
            changed through StackOne.
          </p>
        </div>
        <div className="section-bar-end">
          <label className="inline-field">
            <span>Customer</span>
            <select
              className="select"
              value={accountId ?? ''}
              disabled={accounts.length === 0}
              onChange={(e) => onAccountChange(e.target.value)}
            >
              {accounts.length === 0 ? <option value="">No linked accounts</option> : null}
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn btn-primary"
            disabled={accountId === null}
            onClick={() => setEditing({ pkg: null })}
          >
            <Icon name="plus" size={12} />
            New package
          </button>
        </div>
      </header>
      {data ? (
        <p className="muted small sync-line">
          Listed from StackOne{' '}
          <span title={formatFull(data.syncedAt)}>{formatAgo(data.syncedAt, now)}</span>.
        </p>
      ) : null}
      {error ? <Alert title={error.title}>{error.message}</Alert> : null}
      {parkedOrphans.map((job) => (
        <Alert
          key={job.id}
          title={`StackOne refused: ${jobLine(job)} “${job.values?.name ?? job.packageId ?? ''}”`}
        >
          <p>{job.lastError ?? 'No reason was given.'}</p>
          <JobButtons busy={busy} {...jobActions(job, job.values?.name ?? job.packageId ?? '')} />
        </Alert>
      ))}
      {accountId === null ? (
        <p className="muted">
          No customer accounts yet. They appear once the first orders of a linked account are
          synced.
        </p>
      ) : list.status === 'error' ? (
        <LoadFailed
          title="The packages could not be loaded"
          message={list.error.message}
          onRetry={list.reload}
        />
      ) : (
        <div className="table-scroll">
          <table className="table package-table">
            <caption className="visually-hidden">Background-check packages of {customer}</caption>
            <thead>
              <tr>
                <th scope="col">Package</th>
                <th scope="col">Tests</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data === null ? (
                <TableSkeletonRows rows={3} columns={4} />
              ) : data.rows.length === 0 ? (
                <tr>
                  <td colSpan={4} className="muted">
                    {customer} has no background-check packages in its ATS yet.
                  </td>
                </tr>
              ) : (
                data.rows.map((p) => {
                  const name = p.name ?? p.id ?? 'Unnamed package';
                  const deleting = p.job?.op === 'delete' && p.job.state !== 'done';
                  return (
                    <tr key={p.id ?? p.job?.id} className={deleting ? 'is-archived' : undefined}>
                      <th scope="row" className="package-name">
                        <span className="package-title">{name}</span>
                        {p.id ? <span className="mono muted small"> {p.id}</span> : null}
                        {p.description ? (
                          <span className="package-description muted" title={p.description}>
                            {p.description}
                          </span>
                        ) : null}
                      </th>
                      <td>
                        {p.tests.length === 0 ? (
                          <span className="muted">No tests</span>
                        ) : (
                          <ul className="test-chips" aria-label={`Tests of ${name}`}>
                            {p.tests.map((t, i) => (
                              <li key={t.id ?? i} title={t.description ?? undefined}>
                                {t.name ?? t.id}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>
                        <JobState job={p.job} />
                        {p.job?.state === 'parked' ? (
                          <JobButtons busy={busy} {...jobActions(p.job, name)} />
                        ) : null}
                      </td>
                      <td className="row-actions">
                        <button
                          type="button"
                          className="btn btn-quiet btn-small"
                          disabled={p.id === null || deleting}
                          aria-label={`Edit ${name}`}
                          onClick={() => setEditing({ pkg: p })}
                        >
                          <Icon name="pencil" size={12} />
                          Edit
                        </button>
                        <button
                          type="button"
                          className="btn btn-quiet btn-small danger"
                          disabled={p.id === null || deleting}
                          aria-label={`Delete ${name}`}
                          onClick={() => setDeleting(p)}
                        >
                          <Icon name="trash" size={12} />
                          Delete
                        </button>
                      </td>
                    </tr>
                  );
                })
              )}
            </tbody>
          </table>
        </div>
      )}
      {editing && accountId ? (
        <BgPackageEditor
          accountId={accountId}
          customer={customer}
          pkg={editing.pkg}
          onClose={() => setEditing(null)}
          onQueued={(message) => {
            setEditing(null);
            announce(message);
            list.reload();
          }}
        />
      ) : null}
      {deleting && accountId && deleting.id ? (
        <ConfirmDialog
          title={`Delete “${deleting.name ?? deleting.id}” from ${customer}?`}
          confirmLabel={`Delete from ${customer}`}
          busy={busy}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const { id, name } = deleting;
            setDeleting(null);
            void act('Not deleted', async () => {
              await call('bg-packages:delete', { accountId, id: id ?? '' });
              return `The deletion of “${name ?? id}” from ${customer} is queued.`;
            });
          }}
        >
          <p>
            The package is removed from {customer}&rsquo;s ATS through StackOne. Their recruiters
            can no longer order it. This cannot be undone from the desk.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function JobState({ job }: { job: BgPackageJob | null }) {
  if (!job) {
    return (
      <span className="status status-tone-ok">
        <Icon name="check" />
        In the ATS
      </span>
    );
  }
  const info = BG_JOB_LABELS[job.state];
  return (
    <span className="state-stack">
      <span className={`status status-tone-${info.tone}`}>
        <Icon name={info.icon} />
        {jobLine(job)}
      </span>
      {job.lastError ? <span className="muted small">{job.lastError}</span> : null}
    </span>
  );
}

function JobButtons({
  busy,
  onRetry,
  onDiscard,
}: {
  busy: boolean;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  return (
    <span className="job-buttons">
      <button type="button" className="btn btn-small" disabled={busy} onClick={onRetry}>
        Retry
      </button>
      <button type="button" className="btn btn-quiet btn-small" disabled={busy} onClick={onDiscard}>
        Discard
      </button>
    </span>
  );
}
