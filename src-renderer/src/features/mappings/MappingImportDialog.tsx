import { useId, useState } from 'react';
import type { MappingImportRow, MappingImportRowReport } from '../../../../src-shared/contract';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { ImportRowStatus } from '../../components/ImportRowStatus';
import { Pager } from '../../components/Pager';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { parseMappingCsv } from './mapping-csv';
import { TARGET_LABELS } from './vocabulary';

const PAGE = 100;
const number = new Intl.NumberFormat();

type Stage =
  | { kind: 'idle' }
  | { kind: 'reading'; file: string }
  | { kind: 'failed'; file: string; errors: string[] }
  | {
      kind: 'preview';
      file: string;
      rows: MappingImportRow[];
      reports: MappingImportRowReport[];
      valid: number;
      invalid: number;
      ignoredColumns: string[];
    };

const CHANGE_LABELS: Record<NonNullable<MappingImportRowReport['change']>, string> = {
  new: 'Maps',
  changed: 'Changes to',
  cleared: 'Clears the mapping',
  unchanged: 'Already so',
};

/**
 * Mappings from a CSV file (as exported, or written by hand): parsed here with papaparse, checked
 * by main row by row (unknown account, target or package), shown as a preview with each row's
 * problems, and applied only on confirmation: every valid row, the invalid ones left out.
 */
export function MappingImportDialog({
  onDone,
  onClose,
}: {
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const id = useId();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [offset, setOffset] = useState(0);

  async function read(file: File) {
    setStage({ kind: 'reading', file: file.name });
    setOffset(0);
    try {
      const parsed = parseMappingCsv(await file.text());
      if (parsed.fileErrors.length > 0) {
        setStage({ kind: 'failed', file: file.name, errors: parsed.fileErrors });
        return;
      }
      const out = await call('mappings:import-preview', { rows: parsed.rows });
      setStage({
        kind: 'preview',
        file: file.name,
        rows: parsed.rows,
        reports: out.rows,
        valid: out.valid,
        invalid: out.invalid,
        ignoredColumns: parsed.ignoredColumns,
      });
      setOnlyErrors(out.invalid > 0);
    } catch (e) {
      setStage({ kind: 'failed', file: file.name, errors: [errorMessage(e)] });
    }
  }

  async function commit() {
    if (stage.kind !== 'preview') return;
    setBusy(true);
    try {
      const out = await call('mappings:import-commit', { rows: stage.rows });
      const skipped = out.skipped.length;
      onDone(
        `Imported ${number.format(out.applied)} ${out.applied === 1 ? 'mapping' : 'mappings'} from ${stage.file}` +
          (skipped > 0 ? `; ${number.format(skipped)} rows with errors were left out.` : '.'),
      );
    } catch (e) {
      setStage({ kind: 'failed', file: stage.file, errors: [errorMessage(e)] });
    } finally {
      setBusy(false);
    }
  }

  const reports =
    stage.kind === 'preview'
      ? onlyErrors
        ? stage.reports.filter((r) => r.issues.length > 0)
        : stage.reports
      : [];
  const changing =
    stage.kind === 'preview'
      ? stage.reports.filter((r) => r.issues.length === 0 && r.change !== 'unchanged').length
      : 0;

  return (
    <Dialog
      title="Import mappings from CSV"
      onClose={onClose}
      className="dialog-import"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || stage.kind !== 'preview' || stage.valid === 0}
            onClick={() => void commit()}
          >
            {stage.kind === 'preview'
              ? `Import ${number.format(stage.valid)} ${stage.valid === 1 ? 'row' : 'rows'}`
              : 'Import'}
          </button>
        </>
      }
    >
      <div className="import-body">
        <div className="field">
          <label htmlFor={`${id}-file`} className="field-label">
            Mappings file (CSV)
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            className="file-input"
            aria-describedby={`${id}-hint`}
            data-autofocus=""
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void read(file);
            }}
          />
          <p id={`${id}-hint`} className="field-hint">
            Columns account_id, target (job_posting, job or ats_test_id), target_id and package_id
            (empty clears the mapping), as the export writes them. Nothing changes until you import.
          </p>
        </div>
        <div role="status">
          {stage.kind === 'reading' ? <p className="muted">Checking {stage.file}…</p> : null}
          {stage.kind === 'preview' ? (
            <p>
              <strong>{stage.file}</strong>: {number.format(stage.valid)} ready (
              {number.format(changing)} {changing === 1 ? 'changes' : 'change'} a mapping)
              {stage.invalid > 0 ? (
                <>
                  , <span className="text-danger">{number.format(stage.invalid)} with errors</span>{' '}
                  (left out)
                </>
              ) : null}
              .
              {stage.ignoredColumns.length > 0 ? (
                <span className="muted"> Ignored columns: {stage.ignoredColumns.join(', ')}.</span>
              ) : null}
            </p>
          ) : null}
        </div>
        {stage.kind === 'failed' ? (
          <Alert title={`${stage.file} cannot be imported`}>
            <ul className="plain-list">
              {stage.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {stage.kind === 'preview' ? (
          <>
            {stage.invalid > 0 ? (
              <label className="check-line">
                <input
                  type="checkbox"
                  checked={onlyErrors}
                  onChange={(e) => {
                    setOnlyErrors(e.target.checked);
                    setOffset(0);
                  }}
                />
                Only rows with errors
              </label>
            ) : null}
            <div className="table-scroll import-scroll">
              <table className="table import-table">
                <caption className="visually-hidden">Rows of the file and what each does</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Line
                    </th>
                    <th scope="col">Target</th>
                    <th scope="col">Package</th>
                    <th scope="col">Check</th>
                  </tr>
                </thead>
                <tbody>
                  {reports.slice(offset, offset + PAGE).map((r) => (
                    <tr key={r.line} className={r.issues.length > 0 ? 'row-invalid' : undefined}>
                      <td className="num tabular">{r.line}</td>
                      <td>
                        {r.target ? `${TARGET_LABELS[r.target]} ` : ''}
                        <code>{r.targetId ?? '—'}</code>
                      </td>
                      <td>
                        <code>{r.packageId ?? '—'}</code>
                      </td>
                      <td className="wrap">
                        <ImportRowStatus
                          issues={r.issues}
                          ready={r.change ? CHANGE_LABELS[r.change] : 'Ready'}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {reports.length > PAGE ? (
              <Pager
                offset={offset}
                limit={PAGE}
                total={reports.length}
                onOffset={setOffset}
                noun="rows"
              />
            ) : null}
          </>
        ) : null}
      </div>
    </Dialog>
  );
}
