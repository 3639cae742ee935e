import { Icon } from '../../components/Icon';
import { formatCompact, formatDue, formatFull } from '../../lib/time-format';
import { KIND_LABELS, statusInfo } from './vocabulary';
import type { OrderKind } from '../../../../src-shared/contract';

export function DueCell({ dueAt, overdue, now }: { dueAt: string; overdue: boolean; now: number }) {
  const due = formatDue(dueAt, now, overdue);
  return (
    <span className={due.overdue ? 'due due-overdue' : 'due'} title={formatFull(dueAt)}>
      {due.overdue ? <Icon name="alert" /> : null}
      {due.text}
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
      {info?.label ?? kind}
    </span>
  );
}

export function StatusCell({ status }: { status: string }) {
  const info = statusInfo(status);
  return (
    <span className={`status status-tone-${info.tone}`}>
      <Icon name={info.icon} />
      {info.label}
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
