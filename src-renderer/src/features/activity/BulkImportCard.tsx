import { useId, useRef, useState } from 'react';
import type { ResultImportRowReport } from '../../../../src-shared/contract';
import { Alert } from '../../components/Alert';
import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';
import { ImportFileErrors, ImportRowStatus, OnlyErrorsToggle } from '../../components/ImportParts';
import { Pager } from '../../components/Pager';
import { call } from '../../lib/desk';
import { useCsvImport } from '../../lib/use-csv-import';
import { resultLabel } from '../results/vocabulary';
import { downloadText } from './download';
import { parseResultCsv, resultCsvTemplate } from './result-csv';

const PAGE = 100;
const number = new Intl.NumberFormat();

interface Done {
  file: string;
  queued: number;
  skipped: ResultImportRowReport[];
}

/**
 * Bulk results from a CSV file: parsed here (papaparse), checked by main row by row (unknown order,
 * bad value, duplicate, final result already sent), then every valid row queued in one
 * transaction, or nothing at all.
 */
export function BulkImportCard() {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const csv = useCsvImport({
    parse: parseResultCsv,
    preview: (rows) => call('results:import-preview', { rows }),
  });
  const { stage, busy } = csv;
  const [done, setDone] = useState<Done | null>(null);

  const commit = () =>
    csv.commit(async (rows, file) => {
      const out = await call('results:import-commit', { rows });
      setDone({ file, queued: out.queued, skipped: out.skipped });
    });

  const reset = () => {
    csv.reset();
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
            if (file) {
              setDone(null);
              void csv.read(file);
            }
          }}
        />
        <p id={`${id}-hint`} className="field-hint">
          One row per order: the order’s reference or id, the result, the score, a summary, the
          result URL and the submission date. Nothing is queued until you confirm the preview.
        </p>
      </div>
      <div role="status" className="bulk-import-status">
        {stage.kind === 'reading' ? <p className="muted">Checking {stage.file}…</p> : null}
        {done && done.skipped.length > 0 ? (
          <Alert tone="warn" title={doneTitle(done)}>
            {number.format(done.skipped.length)} rows changed since the preview and were not queued;
            their reasons are below.
          </Alert>
        ) : null}
        {done && done.skipped.length === 0 ? (
          <p className="status status-tone-ok">
            <Icon name="check" />
            {doneTitle(done)}. They go out from the outbox above.
          </p>
        ) : null}
      </div>
      {stage.kind === 'failed' ? (
        <ImportFileErrors file={stage.file} errors={stage.errors} />
      ) : null}
      {done && done.skipped.length > 0 ? (
        <ReportTable reports={done.skipped} orders={new Map()} offset={0} onOffset={() => {}} />
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
            <OnlyErrorsToggle checked={csv.onlyErrors} onChange={csv.setOnlyErrors} />
          ) : null}
          <ReportTable
            reports={csv.reports}
            orders={new Map(stage.rows.map((r) => [r.line, r.order]))}
            offset={csv.offset}
            onOffset={csv.setOffset}
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
