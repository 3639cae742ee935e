import type { ReactNode } from 'react';
import { RetryButton } from './Alert';
import type { QueryResult } from '../lib/use-desk-query';
import { EmptyState } from './EmptyState';
import { Pager } from './Pager';
import { TableSkeletonRows } from './TableSkeleton';

/** One page of a list paged in SQL, as the list commands answer it. */
interface Page {
  rows: readonly unknown[];
  total: number;
}

/**
 * The states every paged list screen shares: a failed read (with "Try again"), an empty answer,
 * skeleton rows while the first page loads, then the table and its pager. While a refresh runs the
 * previous page stays (useDeskQuery keeps it), so the table never flashes back to skeletons.
 */
export function PagedTable<P extends Page>({
  list,
  errorTitle,
  empty,
  className = 'table',
  caption,
  head,
  skeleton,
  renderRows,
  pager,
}: {
  list: QueryResult<P>;
  /** Heading of the error state, e.g. "Jobs could not be loaded". */
  errorTitle: string;
  /** Shown instead of the table when the answer has no rows. */
  empty: ReactNode;
  className?: string;
  /** Visually hidden table caption: the table's accessible name. */
  caption: string;
  /** The header row (`<tr>` of `<th scope="col">`). */
  head: ReactNode;
  skeleton: { columns: number; rows?: number };
  /** Body rows of the page, keyed by the caller. */
  renderRows: (rows: P['rows']) => ReactNode;
  pager: {
    offset: number;
    limit: number;
    onOffset: (offset: number) => void;
    noun: string;
    /** Hide the pager while everything fits on one page. */
    onlyWhenPaged?: boolean;
  };
}) {
  if (list.status === 'error') {
    return (
      <EmptyState
        tone="error"
        title={errorTitle}
        hint={list.error.message}
        action={<RetryButton onRetry={list.reload} />}
      />
    );
  }
  if (list.status === 'ready' && list.data.total === 0) return <>{empty}</>;
  const { onlyWhenPaged = false, ...pagerProps } = pager;
  return (
    <>
      <table className={className}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>{head}</thead>
        <tbody>
          {list.status === 'loading' ? (
            <TableSkeletonRows columns={skeleton.columns} rows={skeleton.rows} />
          ) : (
            renderRows(list.data.rows)
          )}
        </tbody>
      </table>
      {list.status === 'ready' && (!onlyWhenPaged || list.data.total > pager.limit) ? (
        <Pager {...pagerProps} total={list.data.total} />
      ) : null}
    </>
  );
}
