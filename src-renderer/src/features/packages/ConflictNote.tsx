import { Icon } from '../../components/Icon';
import { formatFull } from '../../lib/time-format';
import { CATALOG_FIELD_LABELS } from './vocabulary';

interface ConflictRecord {
  updatedAt: string;
  updatedBy: string | null;
}

export interface ShownConflict<R extends ConflictRecord> {
  mine: R;
  theirs: R | null;
  changedFields: string[];
}

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (field === 'turnaroundHours' && typeof value === 'number') return `${value} h`;
  return String(value);
}

/**
 * A write the gateway refused because someone else changed the record first. Nothing was
 * overwritten: this says what differs, field by field, and lets the coordinator keep either side
 * (keeping theirs drops the local edit; keeping mine writes it again on top of theirs).
 */
export function ConflictNote<R extends ConflictRecord>({
  what,
  conflict,
  busy,
  onResolve,
  format = show,
}: {
  /** The record in words: “Coding test”, “the mapping of Backend engineer”. */
  what: string;
  conflict: ShownConflict<R>;
  busy: boolean;
  onResolve: (keep: 'mine' | 'theirs') => void;
  format?: (field: string, value: unknown) => string;
}) {
  const { mine, theirs, changedFields } = conflict;
  const who = theirs?.updatedBy ?? 'Someone on another desk';
  return (
    <div className="conflict-note" role="group" aria-label={`Conflict on ${what}`}>
      <Icon name="warning" />
      <div>
        <p>
          <strong>
            {theirs
              ? `${who} changed ${what} before your edit arrived`
              : `${what} was deleted on the gateway`}
          </strong>
          {theirs ? (
            <span className="muted" title={formatFull(theirs.updatedAt)}>
              {' '}
              ({formatFull(theirs.updatedAt)})
            </span>
          ) : null}
          . Your edit was not written.
        </p>
        {theirs && changedFields.length > 0 ? (
          <table className="table conflict-table">
            <caption className="visually-hidden">What differs</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Yours</th>
                <th scope="col">On the gateway now</th>
              </tr>
            </thead>
            <tbody>
              {changedFields.map((f) => (
                <tr key={f}>
                  <th scope="row">{CATALOG_FIELD_LABELS[f] ?? f}</th>
                  <td>{format(f, (mine as Record<string, unknown>)[f])}</td>
                  <td>{format(f, (theirs as Record<string, unknown>)[f])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <div className="conflict-actions">
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => onResolve('theirs')}
          >
            Keep theirs
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => onResolve('mine')}
          >
            Keep mine
          </button>
        </div>
      </div>
    </div>
  );
}
