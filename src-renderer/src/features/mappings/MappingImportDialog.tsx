import { useId } from 'react';
import type { MappingImportRowReport } from '../../../../src-shared/contract';
import { Dialog } from '../../components/Dialog';
import { ImportFileErrors, ImportRowStatus, OnlyErrorsToggle } from '../../components/ImportParts';
import { Pager } from '../../components/Pager';
import { call } from '../../lib/desk';
import { useCsvImport } from '../../lib/use-csv-import';
import { parseMappingCsv } from './mapping-csv';
import { TARGET_LABELS } from './vocabulary';

const PAGE = 100;
const number = new Intl.NumberFormat();

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
  const csv = useCsvImport({
    parse: parseMappingCsv,
    preview: (rows) => call('mappings:import-preview', { rows }),
  });
  const { stage, busy, reports, offset } = csv;

  const commit = () =>
    csv.commit(async (rows, file) => {
      const out = await call('mappings:import-commit', { rows });
      const skipped = out.skipped.length;
      onDone(
        `Imported ${number.format(out.applied)} ${out.applied === 1 ? 'mapping' : 'mappings'} from ${file}` +
          (skipped > 0 ? `; ${number.format(skipped)} rows with errors were left out.` : '.'),
      );
    });

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
              if (file) void csv.read(file);
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
          <ImportFileErrors file={stage.file} errors={stage.errors} />
        ) : null}
        {stage.kind === 'preview' ? (
          <>
            {stage.invalid > 0 ? (
              <OnlyErrorsToggle checked={csv.onlyErrors} onChange={csv.setOnlyErrors} />
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
                onOffset={csv.setOffset}
                noun="rows"
              />
            ) : null}
          </>
        ) : null}
      </div>
    </Dialog>
  );
}
