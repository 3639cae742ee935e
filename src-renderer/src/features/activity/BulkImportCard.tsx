import { useId, useRef, useState } from 'react';
import type { ResultImportRowReport } from '../../../../src-shared/contract';
import type { ResultImportRow } from '../../../../src-shared/results';
import { Alert } from '../../components/Alert';
import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';
import { ImportRowStatus } from '../../components/ImportRowStatus';
import { Pager } from '../../components/Pager';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { resultLabel } from '../results/vocabulary';
import { downloadText } from './download';
import { parseResultCsv, resultCsvTemplate } from './result-csv';

const PAGE = 100;
const number = new Intl.NumberFormat();

type Stage =
  | { kind: 'idle' }
  | { kind: 'reading'; file: string }
  | { kind: 'failed'; file: string; errors: string[] }
  | {
      kind: 'preview';
      file: string;
      rows: ResultImportRow[];
      reports: ResultImportRowReport[];
      valid: number;
      invalid: number;
      ignoredColumns: string[];
    }
  | { kind: 'done'; file: string; queued: number; skipped: ResultImportRowReport[] };

/**
 * Bulk results from a CSV file: parsed here (papaparse), checked by main row by row (unknown order,
 * bad value, duplicate, final result already sent), then every valid row queued in one
 * transaction, or nothing at all.
 */
export function BulkImportCard() {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [offset, setOffset] = useState(0);

  async function read(file: File) {
    setStage({ kind: 'reading', file: file.name });
    setOffset(0);
    setOnlyErrors(false);
    try {
      const parsed = parseResultCsv(await file.text());
      if (parsed.fileErrors.length > 0) {
        setStage({ kind: 'failed', file: file.name, errors: parsed.fileErrors });
        return;
      }
      const out = await call('results:import-preview', { rows: parsed.rows });
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
      const out = await call('results:import-commit', { rows: stage.rows });
      setStage({ kind: 'done', file: stage.file, queued: out.queued, skipped: out.skipped });
    } catch (e) {
      setStage({ kind: 'failed', file: stage.file, errors: [errorMessage(e)] });
    } finally {
      setBusy(false);
    }
  }

  const reset = () => {
    setStage({ kind: 'idle' });
    if (fileRef.current) fileRef.current.value = '';
  };

  return (
    <Card
      title="Bulk results from CSV"
      level={2}
      className="bulk-import"
      aside={
        <button
          type="button"
          className="btn btn-small"
          onClick={() => downloadText('results-template.csv', resultCsvTemplate())}
        >
          Download template
        </button>
      }
    >
      <div className="bulk-import-pick">
        <label htmlFor={`${id}-file`} className="field-label">
          Results file (CSV)
        </label>
        <input
          ref={fileRef}
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          className="file-input"
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void read(file);
          }}
        />
        <p id={`${id}-hint`} className="field-hint">
          One row per order: the order’s reference or id, the result, the score, a summary, the
          result URL and the submission date. Nothing is queued until you confirm the preview.
        </p>
      </div>
      <div role="status" className="bulk-import-status">
        {stage.kind === 'reading' ? <p className="muted">Checking {stage.file}…</p> : null}
        {stage.kind === 'done' && stage.skipped.length > 0 ? (
          <Alert tone="warn" title={doneTitle(stage)}>
            {number.format(stage.skipped.length)} rows changed since the preview and were not
            queued; their reasons are below.
          </Alert>
        ) : null}
        {stage.kind === 'done' && stage.skipped.length === 0 ? (
          <p className="status status-tone-ok">
            <Icon name="check" />
            {doneTitle(stage)}. They go out from the outbox above.
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
      {stage.kind === 'done' && stage.skipped.length > 0 ? (
        <ReportTable reports={stage.skipped} orders={new Map()} offset={0} onOffset={() => {}} />
      ) : null}
      {stage.kind === 'preview' ? (
        <>
          <p className="bulk-import-summary">
            <strong>{stage.file}</strong>: {number.format(stage.valid)} ready to queue
            {stage.invalid > 0 ? (
              <>
                , <span className="text-danger">{number.format(stage.invalid)} with errors</span>{' '}
                (they are not queued)
              </>
            ) : null}
            .
            {stage.ignoredColumns.length > 0 ? (
              <span className="muted"> Ignored columns: {stage.ignoredColumns.join(', ')}.</span>
            ) : null}
          </p>
          {stage.invalid > 0 ? (
            <label className="checkbox-field">
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
          <ReportTable
            reports={onlyErrors ? stage.reports.filter((r) => r.issues.length > 0) : stage.reports}
            orders={new Map(stage.rows.map((r) => [r.line, r.order]))}
            offset={offset}
            onOffset={setOffset}
          />
          <div className="editor-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy || stage.valid === 0}
              onClick={() => void commit()}
            >
              <Icon name="send" />
              Queue {number.format(stage.valid)} {stage.valid === 1 ? 'result' : 'results'}
            </button>
            <button type="button" className="btn" onClick={reset} disabled={busy}>
              Cancel
            </button>
          </div>
        </>
      ) : null}
    </Card>
  );
}

function doneTitle(stage: { queued: number; file: string }): string {
  return `${number.format(stage.queued)} ${stage.queued === 1 ? 'result' : 'results'} from ${stage.file} queued`;
}

function ReportTable({
  reports,
  orders,
  offset,
  onOffset,
}: {
  reports: ResultImportRowReport[];
  /** The `order` cell of each line, as typed (an unknown order has no id to show). */
  orders: ReadonlyMap<number, string>;
  offset: number;
  onOffset: (offset: number) => void;
}) {
  const page = reports.slice(offset, offset + PAGE);
  return (
    <>
      <table className="table import-table">
        <caption className="visually-hidden">Rows of the file and what is wrong with them</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Line
            </th>
            <th scope="col">Order</th>
            <th scope="col">Candidate</th>
            <th scope="col">Result</th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {page.map((r) => (
            <tr key={r.line} className={r.issues.length > 0 ? 'row-invalid' : undefined}>
              <td className="num tabular">{r.line}</td>
              <td>
                <code>{r.orderId ?? (orders.get(r.line) || '—')}</code>
              </td>
              <td>{r.candidateName ?? <span className="cell-missing">Unknown order</span>}</td>
              <td>{r.values ? resultLabel(r.values.result) : '—'}</td>
              <td className="wrap">
                <ImportRowStatus issues={r.issues} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {reports.length > PAGE ? (
        <Pager
          offset={offset}
          limit={PAGE}
          total={reports.length}
          onOffset={onOffset}
          noun="rows"
        />
      ) : null}
    </>
  );
}
