import { createContext, useContext, type ReactNode } from 'react';
import {
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { QueueRow, QueueSortColumn } from '../../../../src-shared/contract';
import { UnmappedFlag } from '../mappings/UnmappedFlag';
import { CandidateCell, DueCell, KindCell, StatusCell, TextCell, WhenCell } from './cells';
import { TeamBadge } from '../team/TeamBadge';
import { customerLabel } from './vocabulary';
import { rem } from '../../lib/rem';

/**
 * The queue's table model: react-table v9 owns column state (sorting, visibility, widths); the
 * rows are whatever window main sent. Sorting is manual: a header click changes the SQL query.
 */
export const queueFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnResizingFeature,
});

/** The clock the visible rows were computed against, so relative times agree with `overdue`. */
export const QueueClock = createContext<number>(0);

function Due({ row }: { row: QueueRow }) {
  return (
    <DueCell
      dueAt={row.dueAt}
      overdue={row.overdue}
      status={row.status}
      now={useContext(QueueClock)}
    />
  );
}
function Received({ row }: { row: QueueRow }) {
  return <WhenCell at={row.receivedAt} now={useContext(QueueClock)} />;
}

/**
 * What each column shows for a row. The grid renders its body rows from these directly (the rows
 * come from the QueueWindow, already sorted and paged by main); react-table owns the columns.
 */
export const QUEUE_CELLS: Record<QueueSortColumn, (row: QueueRow) => ReactNode> = {
  due_at: (r) => <Due row={r} />,
  received_at: (r) => <Received row={r} />,
  kind: (r) => <KindCell kind={r.kind} />,
  candidate: (r) => <CandidateCell name={r.candidateName} email={r.candidateEmail} />,
  job: (r) => <TextCell value={r.jobTitle} />,
  package: (r) =>
    r.unmapped ? (
      <UnmappedFlag accountId={r.accountId} inRow />
    ) : (
      <TextCell value={r.packageName ?? r.packageId} missing="No package" />
    ),
  customer: (r) => (
    <TextCell value={customerLabel(r.accountName, r.accountProvider, r.accountId)} />
  ),
  status: (r) => (
    <>
      <StatusCell status={r.status} />
      <TeamBadge team={r.team} />
    </>
  ),
};

const helper = createColumnHelper<typeof queueFeatures, QueueRow>();

export const queueColumns = helper.columns([
  helper.accessor((r) => r.dueAt, {
    id: 'due_at' satisfies QueueSortColumn,
    header: 'Due',
    // Fits its longest label ("overdue 14 min", "today 11:59 PM") with its icon, and never
    // shrinks.
    size: rem(10),
    minSize: rem(10),
    enableHiding: false,
    cell: (info) => QUEUE_CELLS.due_at(info.row.original),
  }),
  helper.accessor((r) => r.receivedAt, {
    id: 'received_at' satisfies QueueSortColumn,
    header: 'Received',
    // A date and a time ("Dec 6, 11:01 PM") when not today.
    size: rem(7.5),
    minSize: rem(4.25),
    cell: (info) => QUEUE_CELLS.received_at(info.row.original),
  }),
  helper.accessor((r) => r.kind, {
    id: 'kind' satisfies QueueSortColumn,
    header: 'Kind',
    size: rem(9.5),
    minSize: rem(2.5),
    cell: (info) => QUEUE_CELLS.kind(info.row.original),
  }),
  helper.accessor((r) => r.candidateName, {
    id: 'candidate' satisfies QueueSortColumn,
    header: 'Candidate',
    size: rem(11),
    minSize: rem(5),
    enableHiding: false,
    cell: (info) => QUEUE_CELLS.candidate(info.row.original),
  }),
  helper.accessor((r) => r.jobTitle, {
    id: 'job' satisfies QueueSortColumn,
    header: 'Job',
    size: rem(10),
    minSize: rem(4.25),
    cell: (info) => QUEUE_CELLS.job(info.row.original),
  }),
  helper.accessor((r) => r.packageName, {
    id: 'package' satisfies QueueSortColumn,
    header: 'Package',
    size: rem(9),
    minSize: rem(4.5),
    cell: (info) => QUEUE_CELLS.package(info.row.original),
  }),
  helper.accessor((r) => r.accountName, {
    id: 'customer' satisfies QueueSortColumn,
    header: 'Customer',
    size: rem(10),
    minSize: rem(4.25),
    cell: (info) => QUEUE_CELLS.customer(info.row.original),
  }),
  helper.accessor((r) => r.status, {
    id: 'status' satisfies QueueSortColumn,
    header: 'Status',
    // "Needs attention" with its icon, and room for a claim badge in team mode.
    size: rem(10),
    minSize: rem(4.5),
    cell: (info) => QUEUE_CELLS.status(info.row.original),
  }),
]);

export const COLUMN_LABELS: Record<QueueSortColumn, string> = {
  due_at: 'Due',
  received_at: 'Received',
  kind: 'Kind',
  candidate: 'Candidate',
  job: 'Job',
  package: 'Package',
  customer: 'Customer',
  status: 'Status',
};
