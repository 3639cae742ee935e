import { useId, useState, type FormEvent } from 'react';
import type { CatalogEntry } from '../../../../src-shared/contract';
import { Alert } from '../../components/Alert';
import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { useDeskQuery } from '../../lib/use-desk-query';

/**
 * The customer's hand-made tests: each ATS test id (e.g. RECRUITING_ASSESSMENT_TEST-6-111, which
 * their orders carry as the package) and the provider's package it stands for, per account.
 */
export function AtsTestIdsCard({
  accountId,
  packages,
  announce,
}: {
  accountId: string;
  packages: CatalogEntry[];
  announce: (message: string) => void;
}) {
  const id = useId();
  const list = useDeskQuery(
    'mappings:list',
    { accountId, target: 'ats_test_id' },
    { refreshOn: ['data:changed'] },
  );
  const [testId, setTestId] = useState('');
  const [packageId, setPackageId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rows = list.data?.rows ?? null;
  const nameOf = (pkg: string | null) =>
    pkg === null ? '—' : (packages.find((p) => p.id === pkg)?.name ?? pkg);

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      announce(await action());
      list.reload();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    const target = testId.trim();
    if (!target || !packageId) return;
    const existing = rows?.find((r) => r.targetId === target);
    const done = await run(async () => {
      await call('mappings:assign', {
        accountId,
        packageId,
        targets: [{ target: 'ats_test_id', targetId: target, baseVersion: existing?.version ?? 0 }],
      });
      return `ATS test id ${target} now stands for “${nameOf(packageId)}”.`;
    });
    if (done) setTestId('');
  }

  return (
    <Card title="ATS test ids" level={2} className="ats-test-ids">
      <p className="muted">
        Orders from this customer carry the id of a test created by hand in their ATS. Say which of
        your packages each one is.
      </p>
      {error ? <Alert>{error}</Alert> : null}
      {list.status === 'error' ? <Alert>{list.error.message}</Alert> : null}
      {rows && rows.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">ATS test ids and their packages</caption>
          <thead>
            <tr>
              <th scope="col">ATS test id</th>
              <th scope="col">Package</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.targetId}>
                <th scope="row" className="mono">
                  {r.targetId}
                </th>
                <td>
                  {r.packageName ?? nameOf(r.packageId)}
                  {r.pending ? <span className="muted small"> · saving to the team…</span> : null}
                  {r.conflict ? <span className="text-danger small"> · conflict</span> : null}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="btn btn-quiet btn-small"
                    disabled={busy}
                    aria-label={`Remove ${r.targetId}`}
                    onClick={() =>
                      void run(async () => {
                        await call('mappings:clear', {
                          accountId,
                          targets: [
                            { target: 'ats_test_id', targetId: r.targetId, baseVersion: r.version },
                          ],
                        });
                        return `ATS test id ${r.targetId} is no longer mapped.`;
                      })
                    }
                  >
                    <Icon name="trash" size={12} />
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : rows ? (
        <p className="muted">No ATS test ids mapped for this customer yet.</p>
      ) : null}
      <form className="ats-test-form" onSubmit={(e) => void add(e)}>
        <label htmlFor={`${id}-test`} className="field-label">
          ATS test id
        </label>
        <input
          id={`${id}-test`}
          className="input mono"
          value={testId}
          placeholder="RECRUITING_ASSESSMENT_TEST-6-111"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setTestId(e.target.value)}
        />
        <label htmlFor={`${id}-package`} className="field-label">
          Package
        </label>
        <select
          id={`${id}-package`}
          className="select"
          value={packageId}
          onChange={(e) => setPackageId(e.target.value)}
        >
          <option value="">Choose a package…</option>
          {packages.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.id})
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="btn btn-small"
          disabled={busy || testId.trim() === '' || packageId === ''}
        >
          Map test id
        </button>
      </form>
    </Card>
  );
}
