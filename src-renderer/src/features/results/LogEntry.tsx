import { Fragment, type ReactNode } from 'react';
import type { OutboundLogEntry } from '../../../../src-shared/contract';
import { Icon } from '../../components/Icon';
import { formatDateTime } from '../../lib/time-format';
import { OUTCOMES } from './vocabulary';

/** "Accepted · 200", "Refused · 400", "Will retry · no answer (timeout)". */
export function OutcomeCell({ entry }: { entry: OutboundLogEntry }) {
  const info = OUTCOMES[entry.outcome];
  return (
    <span className={`status status-tone-${info.tone}`}>
      <Icon name={info.icon} />
      {info.label}
      <span className="muted tabular"> · {entry.responseStatus ?? 'no answer'}</span>
    </span>
  );
}

/** The request as sent and the answer as received, both exactly as stored. */
export function LogEntryDetails({ entry }: { entry: OutboundLogEntry }) {
  return (
    <div className="log-details">
      <section aria-label={`Request of attempt ${entry.attempt}`}>
        <h4 className="preview-heading">Request</h4>
        <p className="request-line selectable">
          <span className="request-method">{entry.method}</span> <code>{entry.path}</code>
          <span className="muted small"> · x-account-id {entry.accountId}</span>
        </p>
        <pre className="request-body selectable" tabIndex={0} aria-label="Request body as sent">
          {entry.requestBody}
        </pre>
      </section>
      <section aria-label={`Response to attempt ${entry.attempt}`}>
        <h4 className="preview-heading">
          Response{' '}
          <span className="muted small">
            {entry.responseStatus !== null ? `HTTP ${entry.responseStatus}` : 'none'}
            {entry.durationMs !== null ? ` · ${entry.durationMs} ms` : ''}
          </span>
        </h4>
        {entry.error ? <p>{entry.error}</p> : null}
        {entry.responseBody !== null ? (
          <pre
            className="request-body selectable"
            tabIndex={0}
            aria-label="Response body as received"
          >
            {entry.responseBody}
          </pre>
        ) : null}
      </section>
    </div>
  );
}

/**
 * One send attempt as a table row: `cells`, then a Show/Hide button that opens the request and
 * response in a full-width row below. `what` names the attempt for screen readers.
 */
export function LogEntryRows({
  entry,
  cells,
  what,
  columns,
  open,
  onToggle,
}: {
  entry: OutboundLogEntry;
  cells: ReactNode;
  what: string;
  /** Columns of the table, so the details span all of them. */
  columns: number;
  open: boolean;
  onToggle: () => void;
}) {
  return (
    <Fragment>
      <tr>
        {cells}
        <td className="num">
          <button
            type="button"
            className="btn btn-quiet btn-small"
            aria-expanded={open}
            onClick={onToggle}
          >
            {open ? 'Hide' : 'Show'}
            <span className="visually-hidden">
              {' '}
              {what} at {formatDateTime(entry.at)}
            </span>
          </button>
        </td>
      </tr>
      {open ? (
        <tr className="subrow">
          <td colSpan={columns}>
            <LogEntryDetails entry={entry} />
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}
