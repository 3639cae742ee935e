import { useState } from 'react';
import type { PackageTurnaround } from '../../../../src-shared/contract';
import { Alert, LoadFailed } from '../../components/Alert';
import { Skeleton } from '../../components/Skeleton';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { useDeskQuery } from '../../lib/use-desk-query';
import { kindLabel } from '../queue/vocabulary';
import { formatHours, HoursField } from './HoursField';

const packageKey = (p: Pick<PackageTurnaround, 'kind' | 'packageId'>) => `${p.kind}/${p.packageId}`;

function updatedLine(n: number): string {
  if (n === 0) return 'No cached order needed a new due time.';
  return `${n.toLocaleString()} ${n === 1 ? 'order has' : 'orders have'} a new due time.`;
}

/**
 * Due-time settings of the active workspace: the default turnaround and each package's own. Every
 * package the desk has seen is listed (from the catalogs or from orders), so a coordinator can set
 * the SLA of a package before or after its first order arrives.
 */
export function DueTimesPanel({ workspaceName }: { workspaceName: string | null }) {
  const settings = useDeskQuery(
    'turnarounds:get',
    {},
    { refreshOn: ['workspaces:changed', 'data:changed'] },
  );
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const data = settings.status === 'ready' ? settings.data : null;

  async function save(
    key: string,
    what: string,
    run: () => Promise<{ ordersUpdated: number }>,
  ): Promise<boolean> {
    setBusy(key);
    setError(null);
    try {
      const { ordersUpdated } = await run();
      setStatus(`${what} ${updatedLine(ordersUpdated)}`);
      settings.reload();
      return true;
    } catch (e) {
      setError(`Could not save the turnaround. ${errorMessage(e)}`);
      return false;
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="due-times-heading">
      <header className="panel-header">
        <div>
          <h2 id="due-times-heading">Due times</h2>
          <p className="muted">
            {workspaceName ? `In “${workspaceName}”, an` : 'An'} order is due its package&rsquo;s
            turnaround after it arrives; packages without their own use the default. A change moves
            the due times and overdue flags of the orders already here.
          </p>
        </div>
      </header>
      <p className="status-line" role="status" aria-live="polite">
        {status}
      </p>
      {error ? <Alert>{error}</Alert> : null}
      {settings.status === 'error' ? (
        <LoadFailed
          title="The due-time settings could not be loaded"
          message={settings.error.message}
          onRetry={settings.reload}
        />
      ) : (
        <>
          <div className="default-turnaround">
            {data ? (
              <HoursField
                label="Default turnaround"
                showLabel
                value={data.defaultHours}
                allowEmpty={false}
                busy={busy !== null}
                onSave={(hours) =>
                  save('default', `Default turnaround set to ${formatHours(hours ?? 0)}.`, () =>
                    call('turnarounds:set-default', { hours: hours ?? 0 }),
                  )
                }
              />
            ) : (
              <Skeleton width="22ch" />
            )}
          </div>
          <div className="table-scroll">
            <table className="table turnaround-table">
              <caption className="visually-hidden">Turnaround per package</caption>
              <thead>
                <tr>
                  <th scope="col">Package</th>
                  <th scope="col">Kind</th>
                  <th scope="col" className="num">
                    Orders
                  </th>
                  <th scope="col">Turnaround</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data === null ? (
                  <SkeletonRows />
                ) : data.packages.length === 0 ? (
                  <tr>
                    <td colSpan={5} className="muted">
                      No packages yet. They appear here with the first order or catalog sync that
                      names them.
                    </td>
                  </tr>
                ) : (
                  data.packages.map((p) => {
                    const key = packageKey(p);
                    const name = p.name ?? p.packageId;
                    return (
                      <tr key={key}>
                        <th scope="row" className="package-name">
                          {name}
                          {p.name ? <span className="mono muted"> {p.packageId}</span> : null}
                        </th>
                        <td>{kindLabel(p.kind)}</td>
                        <td className="num">{p.orders.toLocaleString()}</td>
                        <td>
                          <HoursField
                            label={turnaroundLabel(p, data.packages)}
                            value={p.hours}
                            placeholder={`${data.defaultHours} (default)`}
                            allowEmpty
                            busy={busy !== null}
                            onSave={(hours) =>
                              save(
                                key,
                                hours === null
                                  ? `“${name}” uses the default turnaround again.`
                                  : `“${name}” is due ${formatHours(hours)} after an order arrives.`,
                                () =>
                                  call('turnarounds:set-package', {
                                    kind: p.kind,
                                    packageId: p.packageId,
                                    hours,
                                  }),
                              )
                            }
                          />
                        </td>
                        <td>
                          {p.hours !== null ? (
                            <button
                              type="button"
                              className="btn btn-quiet btn-small"
                              disabled={busy !== null}
                              aria-label={`Use default turnaround for ${name}`}
                              onClick={() =>
                                void save(key, `“${name}” uses the default turnaround again.`, () =>
                                  call('turnarounds:set-package', {
                                    kind: p.kind,
                                    packageId: p.packageId,
                                    hours: null,
                                  }),
                                )
                              }
                            >
                              Use default
                            </button>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function SkeletonRows() {
  return (
    <>
      {[0, 1, 2].map((i) => (
        <tr key={i} aria-hidden="true">
          <td>
            <Skeleton width="24ch" />
          </td>
          <td>
            <Skeleton width="10ch" />
          </td>
          <td className="num">
            <Skeleton width="5ch" />
          </td>
          <td>
            <Skeleton width="14ch" />
          </td>
          <td />
        </tr>
      ))}
    </>
  );
}

/**
 * The accessible name of a package's turnaround input, unique on the page: several customers'
 * packages may share a name ("Driver"), so the kind and package id tell them apart.
 */
export function turnaroundLabel(
  p: { name: string | null; packageId: string; kind: string },
  all: readonly { name: string | null; packageId: string }[],
): string {
  const name = p.name ?? p.packageId;
  const shared = all.filter((q) => (q.name ?? q.packageId) === name).length > 1;
  return shared
    ? `Turnaround for ${name} (${kindLabel(p.kind)}, ${p.packageId})`
    : `Turnaround for ${name}`;
}
