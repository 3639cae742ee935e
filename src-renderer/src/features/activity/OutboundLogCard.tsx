import { useId, useState } from 'react';
import {
  LOG_OUTCOMES,
  type CommandInput,
  type LogOutcome,
  type OutboundLogEntry,
} from '../../../../src-shared/contract';
import { Card } from '../../components/Card';
import { PagedTable } from '../../components/PagedTable';
import { useUiStore } from '../../app/ui-store';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { formatDateTime, formatFull } from '../../lib/time-format';
import { useAccountLabels } from '../../lib/use-account-labels';
import { useDeskQuery } from '../../lib/use-desk-query';
import { localInputToIso } from '../results/local-time';
import { LogEntryRows, OutcomeCell } from '../results/LogEntry';
import { OUTCOMES, resultLabel } from '../results/vocabulary';
import { datedName, downloadText, toCsv } from './download';

const PAGE = 50;
/** The export reads the log in pages this big (the command's maximum). */
const EXPORT_PAGE = 500;

const LOG_CSV_COLUMNS = [
  'at',
  'os_user',
  'workspace_id',
  'account_id',
  'order_id',
  'job_id',
  'attempt',
  'method',
  'path',
  'request_body',
  'response_status',
  'response_body',
  'outcome',
  'error',
  'duration_ms',
] as const;

interface Filters {
  outcome: LogOutcome | '';
  accountId: string;
  status: string;
  from: string;
  to: string;
}

const noFilters: Filters = { outcome: '', accountId: '', status: '', from: '', to: '' };

type LogQuery = CommandInput<'results:log'>;

/** The filters as the command takes them; a day is read in the coordinator's zone. */
function toQuery(f: Filters): LogQuery {
  const q: LogQuery = {};
  if (f.outcome) q.outcome = f.outcome;
  if (f.accountId) q.accountId = f.accountId;
  const status = Number(f.status);
  if (/^\d{3}$/.test(f.status) && status >= 100 && status <= 599) q.responseStatus = status;
  if (f.from) q.from = localInputToIso(`${f.from}T00:00`);
  if (f.to) q.to = localInputToIso(`${f.to}T23:59:59`);
  return q;
}

/** The `result.value` a logged body carried, for the table (the body itself is in the details). */
function sentResult(entry: OutboundLogEntry): string {
  try {
    const body = JSON.parse(entry.requestBody) as { result?: { value?: string } };
    return resultLabel(body.result?.value);
  } catch {
    return '—';
  }
}

/** Every send attempt to an ATS (the provider's audit trail), filtered, with CSV export. */
export function OutboundLogCard() {
  const id = useId();
  const labels = useAccountLabels();
  const open = useUiStore((s) => s.open);
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [offset, setOffset] = useState(0);
  const [openId, setOpenId] = useState<number | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const query = toQuery(filters);
  const list = useDeskQuery(
    'results:log',
    { ...query, offset, limit: PAGE },
    { refreshOn: ['outbox:changed'] },
  );
  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setOffset(0);
  };

  async function exportCsv() {
    setExporting('Exporting…');
    try {
      const rows: OutboundLogEntry[] = [];
      for (let at = 0; ; at += EXPORT_PAGE) {
        const page = await call('results:log', { ...query, offset: at, limit: EXPORT_PAGE });
        rows.push(...page.rows);
        if (page.rows.length < EXPORT_PAGE || rows.length >= page.total) break;
      }
      const csv = toCsv(
        rows.map((r) => ({
          at: r.at,
          os_user: r.osUser,
          workspace_id: r.workspaceId,
          account_id: r.accountId,
          order_id: r.orderId,
          job_id: r.jobId,
          attempt: r.attempt,
          method: r.method,
          path: r.path,
          request_body: r.requestBody,
          response_status: r.responseStatus,
          response_body: r.responseBody,
          outcome: r.outcome,
          error: r.error,
          duration_ms: r.durationMs,
        })),
        LOG_CSV_COLUMNS,
      );
      downloadText(datedName('outbound-log'), csv);
      setExporting(`Exported ${rows.length} attempts.`);
    } catch (e) {
      setExporting(`The export failed: ${errorMessage(e)}`);
    }
  }

  async function exportSent() {
    setExporting('Exporting…');
    try {
      const out = await call('results:export-sent', {
        ...(query.accountId ? { accountId: query.accountId } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
      });
      downloadText(datedName('sent-results'), out.csv);
      setExporting(`Exported ${out.rows} sent results.`);
    } catch (e) {
      setExporting(`The export failed: ${errorMessage(e)}`);
    }
  }

  const filtered = JSON.stringify(filters) !== JSON.stringify(noFilters);
  return (
    <Card
      title="Sent to ATSs"
      level={2}
      className="outbound-log"
      aside={
        <span className="muted small">Every attempt, request and response. Never a secret.</span>
      }
    >
      <div className="log-filters" role="group" aria-label="Filter the send log">
        <label className="inline-field" htmlFor={`${id}-outcome`}>
          <span>Answer</span>
          <select
            id={`${id}-outcome`}
            className="select"
            value={filters.outcome}
            onChange={(e) => set({ outcome: e.target.value as Filters['outcome'] })}
          >
            <option value="">All</option>
            {LOG_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOMES[o].label}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field" htmlFor={`${id}-account`}>
          <span>Customer</span>
          <select
            id={`${id}-account`}
            className="select"
            value={filters.accountId}
            onChange={(e) => set({ accountId: e.target.value })}
          >
            <option value="">All</option>
            {[...labels].map(([accountId, label]) => (
              <option key={accountId} value={accountId}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field" htmlFor={`${id}-status`}>
          <span>HTTP status</span>
          <input
            id={`${id}-status`}
            className="input tabular status-input"
            inputMode="numeric"
            placeholder="e.g. 400"
            value={filters.status}
            onChange={(e) => set({ status: e.target.value.trim() })}
          />
        </label>
        <label className="inline-field" htmlFor={`${id}-from`}>
          <span>From</span>
          <input
            id={`${id}-from`}
            type="date"
            className="input"
            value={filters.from}
            onChange={(e) => set({ from: e.target.value })}
          />
        </label>
        <label className="inline-field" htmlFor={`${id}-to`}>
          <span>To</span>
          <input
            id={`${id}-to`}
            type="date"
            className="input"
            value={filters.to}
            onChange={(e) => set({ to: e.target.value })}
          />
        </label>
        {filtered ? (
          <button type="button" className="btn btn-quiet btn-small" onClick={() => set(noFilters)}>
            Clear filters
          </button>
        ) : null}
        <span className="log-filters-end">
          <button type="button" className="btn btn-small" onClick={() => void exportCsv()}>
            Export log as CSV
          </button>
          <button type="button" className="btn btn-small" onClick={() => void exportSent()}>
            Export sent results as CSV
          </button>
        </span>
      </div>
      <p className="muted small" role="status">
        {exporting}
      </p>
      <PagedTable
        list={list}
        errorTitle="The send log could not be loaded"
        empty={
          <p className="muted">
            {filtered
              ? 'No attempts match these filters.'
              : 'Nothing has been sent to an ATS from this workspace yet.'}
          </p>
        }
        caption="Send attempts to ATSs"
        head={
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Customer</th>
            <th scope="col">Order</th>
            <th scope="col" className="num">
              Try
            </th>
            <th scope="col">Result</th>
            <th scope="col">Answer</th>
            <th scope="col">
              <span className="visually-hidden">Details</span>
            </th>
          </tr>
        }
        skeleton={{ columns: 8, rows: 3 }}
        renderRows={(rows) =>
          rows.map((entry) => (
            <LogEntryRows
              key={entry.id}
              entry={entry}
              columns={8}
              what={`attempt ${entry.attempt} for order ${entry.orderId}`}
              open={openId === entry.id}
              onToggle={() => setOpenId(openId === entry.id ? null : entry.id)}
              cells={
                <>
                  <td title={formatFull(entry.at)} className="tabular">
                    {formatDateTime(entry.at)}
                  </td>
                  <td>{entry.osUser}</td>
                  <td>{labels.get(entry.accountId) ?? entry.accountId}</td>
                  <td>
                    <a
                      href={`#/order/${encodeURIComponent(entry.accountId)}/${encodeURIComponent(entry.orderId)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        open('order', [entry.accountId, entry.orderId]);
                      }}
                    >
                      <code>{entry.orderId}</code>
                    </a>
                  </td>
                  <td className="num tabular">{entry.attempt}</td>
                  <td>{sentResult(entry)}</td>
                  <td>
                    <OutcomeCell entry={entry} />
                  </td>
                </>
              }
            />
          ))
        }
        pager={{ offset, limit: PAGE, onOffset: setOffset, noun: 'attempts', onlyWhenPaged: true }}
      />
    </Card>
  );
}
