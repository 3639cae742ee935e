import { useMemo, useState } from 'react';
import type { RowSelectionState } from '@tanstack/react-table';
import type { MappingAccount, MappingRow } from '../../../../src-shared/contract';
import { Alert, LoadFailed } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { SearchField } from '../../components/SearchField';
import { useUiStore } from '../../app/ui-store';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { useDeskQuery } from '../../lib/use-desk-query';
import { datedName, downloadText, toCsv } from '../activity/download';
import { ConflictNote } from '../packages/ConflictNote';
import { customerLabel } from '../queue/vocabulary';
import { AtsTestIdsCard } from './AtsTestIdsCard';
import { MappingImportDialog } from './MappingImportDialog';
import { MappingTable, targetKey } from './MappingTable';
import { MAX_TARGET_ROWS, useTargetRows } from './use-target-rows';
import { TARGET_PLURALS } from './vocabulary';
import './mappings.css';

const number = new Intl.NumberFormat();
type Kind = 'job_posting' | 'job';

const accountName = (a: MappingAccount) => customerLabel(a.label, a.provider, a.accountId);

/**
 * Mappings for static-package customers (Workday, SuccessFactors): their orders name an ATS test
 * id or arrive for a job, and the mapping says which of the provider's packages that is. An order
 * that resolves to nothing is "Unmapped" in the queue and links here (`#/mappings/<account>`).
 */
export function MappingsScreen() {
  const path = useUiStore((s) => s.path);
  const navigate = useUiStore((s) => s.navigate);
  const accounts = useDeskQuery(
    'mappings:accounts',
    {},
    { refreshOn: ['data:changed', 'workspaces:changed'] },
  );
  const list = accounts.data?.accounts ?? null;
  const account = list?.find((a) => a.accountId === path[0]) ?? list?.[0] ?? null;
  const accountId = account?.accountId ?? null;

  const [kind, setKind] = useState<Kind>('job_posting');
  const [unmappedOnly, setUnmappedOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [packageId, setPackageId] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<{ title: string; message: string } | null>(null);
  const [importing, setImporting] = useState(false);

  const query = useMemo(
    () => ({
      accountId: accountId ?? '',
      target: kind,
      unmappedOnly,
      ...(search.trim() ? { search: search.trim() } : {}),
    }),
    [accountId, kind, unmappedOnly, search],
  );
  const targets = useTargetRows(query, accountId !== null);
  const catalog = useDeskQuery('catalog:get', {}, { refreshOn: ['data:changed'] });
  const packages = useMemo(
    () => (catalog.data?.entries ?? []).filter((e) => !e.archived),
    [catalog.data],
  );

  const selectedRows: MappingRow[] = (targets.rows ?? []).filter((r) => selection[targetKey(r)]);
  const conflicts = (targets.rows ?? []).filter((r) => r.mapping?.conflict);

  function changeQuery(apply: () => void) {
    apply();
    setSelection({});
  }

  async function act(failTitle: string, action: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      setStatus(await action());
      targets.reload();
      accounts.reload();
    } catch (e) {
      setError({ title: failTitle, message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  const refs = (rows: MappingRow[]) =>
    rows.map((r) => ({ target: r.target, targetId: r.id, baseVersion: r.mapping?.version ?? 0 }));

  function assign() {
    if (!accountId || !packageId || selectedRows.length === 0) return;
    const name = packages.find((p) => p.id === packageId)?.name ?? packageId;
    const rows = selectedRows;
    void act('Nothing was mapped', async () => {
      const out = await call('mappings:assign', { accountId, packageId, targets: refs(rows) });
      setSelection({});
      const n = out.mappings.length;
      return (
        `Mapped ${number.format(n)} ${n === 1 ? 'target' : 'targets'} to “${name}”.` +
        (out.ordersMapped > 0
          ? ` ${number.format(out.ordersMapped)} ${out.ordersMapped === 1 ? 'order is' : 'orders are'} no longer unmapped.`
          : '')
      );
    });
  }

  function clear() {
    if (!accountId) return;
    const rows = selectedRows.filter((r) => r.mapping?.packageId);
    if (rows.length === 0) return;
    void act('No mapping was removed', async () => {
      const out = await call('mappings:clear', { accountId, targets: refs(rows) });
      setSelection({});
      return `Removed ${number.format(out.mappings.length)} ${out.mappings.length === 1 ? 'mapping' : 'mappings'}.`;
    });
  }

  async function exportCsv() {
    if (!account) return;
    setError(null);
    try {
      const out = await call('mappings:export', { accountId: account.accountId });
      downloadText(
        datedName(`mappings-${(account.label ?? account.accountId).replace(/[^\w-]+/g, '-')}`),
        toCsv(out.rows, out.columns),
      );
      setStatus(`Exported ${number.format(out.rows.length)} mappings of ${accountName(account)}.`);
    } catch (e) {
      setError({ title: 'The mappings were not exported', message: errorMessage(e) });
    }
  }

  if (accounts.status === 'error') {
    return (
      <LoadFailed
        title="The accounts could not be loaded"
        message={accounts.error.message}
        onRetry={accounts.reload}
      />
    );
  }
  if (list !== null && list.length === 0) {
    return (
      <EmptyState
        icon="link"
        title="No static-package customers"
        hint="Mappings are for customers on Workday or SAP SuccessFactors, whose orders name a test created by hand in their ATS. None of this workspace’s linked accounts is one."
      />
    );
  }

  const shown = targets.rows?.length ?? 0;
  const total = targets.total ?? 0;
  const noun = TARGET_PLURALS[kind].toLowerCase();

  return (
    <div className="mappings-screen">
      <header className="section-bar">
        <div className="section-bar-end">
          <label className="inline-field">
            <span>Customer</span>
            <select
              className="select"
              value={accountId ?? ''}
              disabled={list === null}
              onChange={(e) => {
                setSelection({});
                setStatus('');
                navigate('mappings', [e.target.value]);
              }}
            >
              {(list ?? []).map((a) => (
                <option key={a.accountId} value={a.accountId}>
                  {accountName(a)}
                </option>
              ))}
            </select>
          </label>
          {account ? (
            <p className="muted">
              {number.format(account.unmappedTargets)} of{' '}
              {number.format(account.postings + account.jobs)} postings and jobs unmapped
              {account.unmappedOrders > 0 ? (
                <>
                  {' · '}
                  <span className="text-danger">
                    {number.format(account.unmappedOrders)}{' '}
                    {account.unmappedOrders === 1 ? 'order waits' : 'orders wait'} for a mapping
                  </span>
                </>
              ) : null}
            </p>
          ) : null}
        </div>
        <div className="section-bar-end">
          <button type="button" className="btn" onClick={() => setImporting(true)}>
            Import CSV
          </button>
          <button
            type="button"
            className="btn"
            disabled={!account}
            onClick={() => void exportCsv()}
          >
            Export CSV
          </button>
        </div>
      </header>
      <p className="status-line" role="status" aria-live="polite">
        {status}
      </p>
      {error ? <Alert title={error.title}>{error.message}</Alert> : null}
      {conflicts.map((r) =>
        r.mapping?.conflict ? (
          <ConflictNote
            key={targetKey(r)}
            what={`the mapping of “${r.title ?? r.id}”`}
            conflict={r.mapping.conflict}
            busy={busy}
            format={(field, value) =>
              field === 'packageId'
                ? value === null
                  ? '(no package)'
                  : (packages.find((p) => p.id === value)?.name ?? String(value))
                : String(value ?? '(empty)')
            }
            onResolve={(keep) =>
              void act('The conflict was not resolved', async () => {
                if (!accountId) return '';
                await call('mappings:resolve-conflict', {
                  accountId,
                  target: r.target,
                  targetId: r.id,
                  keep,
                });
                return keep === 'theirs'
                  ? `The mapping of “${r.title ?? r.id}” keeps the gateway’s version.`
                  : `Your mapping of “${r.title ?? r.id}” is written again.`;
              })
            }
          />
        ) : null,
      )}
      <div className="mapping-toolbar">
        <div className="segmented" role="group" aria-label="Show">
          {(['job_posting', 'job'] as const).map((k) => (
            <button
              key={k}
              type="button"
              className="btn btn-small"
              aria-pressed={kind === k}
              onClick={() => changeQuery(() => setKind(k))}
            >
              {TARGET_PLURALS[k]}
            </button>
          ))}
        </div>
        <SearchField
          label={`Search ${noun}`}
          placeholder={`Search ${noun} by title`}
          value={search}
          onChange={(v) => changeQuery(() => setSearch(v))}
        />
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={unmappedOnly}
            onChange={(e) => changeQuery(() => setUnmappedOnly(e.target.checked))}
          />
          Unmapped only
        </label>
        <p className="queue-count muted" aria-live="polite">
          {targets.rows === null ? (
            'Loading…'
          ) : (
            <>
              <strong>{number.format(total)}</strong> {noun}
              {shown < total ? ` (first ${number.format(MAX_TARGET_ROWS)}; search to narrow)` : ''}
            </>
          )}
        </p>
      </div>
      <div className="selection-bar" aria-label="Selected rows" role="group">
        <span>
          {selectedRows.length === 0
            ? 'Select rows to map (Shift+click: a range)'
            : `${number.format(selectedRows.length)} selected`}
        </span>
        <label className="inline-field">
          <span>Map selected to</span>
          <select
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
        </label>
        <button
          type="button"
          className="btn btn-primary btn-small"
          disabled={busy || selectedRows.length === 0 || packageId === ''}
          onClick={assign}
        >
          Assign
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={busy || !selectedRows.some((r) => r.mapping?.packageId)}
          onClick={clear}
        >
          Remove mapping
        </button>
      </div>
      {targets.error ? (
        <LoadFailed
          title={`The ${noun} could not be loaded`}
          message={targets.error.message}
          onRetry={targets.reload}
        />
      ) : null}
      <MappingTable
        rows={targets.rows}
        caption={`${TARGET_PLURALS[kind]} of ${account ? accountName(account) : 'the customer'} and their packages`}
        selection={selection}
        onSelectionChange={setSelection}
        empty={
          unmappedOnly
            ? `Every one of these ${noun} is mapped.`
            : search
              ? `No ${noun} match “${search}”.`
              : `No ${noun} synced for this customer yet.`
        }
      />
      {accountId ? (
        <AtsTestIdsCard accountId={accountId} packages={packages} announce={setStatus} />
      ) : null}
      {importing ? (
        <MappingImportDialog
          onClose={() => setImporting(false)}
          onDone={(message) => {
            setImporting(false);
            setStatus(message);
            targets.reload();
            accounts.reload();
          }}
        />
      ) : null}
    </div>
  );
}
