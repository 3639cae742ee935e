import { Icon } from '../../components/Icon';
import { DUE_TONE_WORDS, formatCompact, formatDue, formatFull } from '../../lib/time-format';
import { KIND_LABELS, statusInfo } from './vocabulary';
import type { OrderKind } from '../../../../src-shared/contract';

export function DueCell({
  dueAt,
  overdue,
  status,
  now,
}: {
  dueAt: string;
  overdue: boolean;
  status: string;
  now: number;
}) {
  const due = formatDue(dueAt, now, overdue, status);
  const icon = due.tone === 'overdue' ? 'alert' : due.tone === 'soon' ? 'clock' : null;
  return (
    <span
      className={`due due-${due.tone}`}
      title={`${DUE_TONE_WORDS[due.tone]} · ${formatFull(dueAt)}`}
    >
      {icon ? <Icon name={icon} /> : null}
      <span className="due-text">{due.text}</span>
      {due.tone === 'soon' ? <span className="visually-hidden"> (due soon)</span> : null}
    </span>
  );
}

/** The candidate's name, with their email below it: two people with one name can be told apart. */
export function CandidateCell({ name, email }: { name: string | null; email: string | null }) {
  return (
    <span className="candidate-cell">
      <TextCell value={name} />
      {email ? (
        <span className="candidate-email" title={email}>
          {email}
        </span>
      ) : null}
    </span>
  );
}

export function WhenCell({ at, now }: { at: string; now: number }) {
  return <span title={formatFull(at)}>{formatCompact(at, now)}</span>;
}

export function KindCell({ kind }: { kind: string }) {
  const info = KIND_LABELS[kind as OrderKind];
  return (
    <span className="kind">
      <Icon name={info?.icon ?? 'circle'} />
      <span className="kind-text">{info?.label ?? kind}</span>
    </span>
  );
}

export function StatusCell({ status }: { status: string }) {
  const info = statusInfo(status);
  return (
    <span className={`status status-tone-${info.tone}`}>
      <Icon name={info.icon} />
      <span className="status-text">{info.label}</span>
    </span>
  );
}

/** A value the cache does not have yet reads as such, never as an empty cell. */
export function TextCell({
  value,
  missing = 'Not synced yet',
}: {
  value: string | null;
  missing?: string;
}) {
  if (value === null || value === '') return <span className="cell-missing">{missing}</span>;
  return <span title={value}>{value}</span>;
}
