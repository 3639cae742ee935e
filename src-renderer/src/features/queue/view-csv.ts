import type { QueueRow } from '../../../../src-shared/contract';
import { toCsv } from '../activity/download';
import { kindLabel, statusInfo, customerLabel } from './vocabulary';
import type { FetchPage, QueueQuery } from './queue-window';

/** The largest page the contract lets the renderer ask for. */
const EXPORT_PAGE = 500;

/** The columns of an exported view, in order. Times are ISO 8601 (UTC), unambiguous anywhere. */
export const VIEW_CSV_COLUMNS = [
  'Order',
  'Kind',
  'Status',
  'Due',
  'Overdue',
  'Received',
  'Candidate',
  'Email',
  'Job',
  'Package',
  'Customer',
  'Account',
] as const;

/**
 * Every row of a view (its filters, search and sort), not just the rows on screen: page after page
 * by keyset, each continuing after the last row of the one before, all against one clock.
 */
export async function readWholeView(
  list: FetchPage,
  query: QueueQuery,
  now: string,
  pageSize = EXPORT_PAGE,
): Promise<QueueRow[]> {
  const rows: QueueRow[] = [];
  let after: { accountId: string; id: string } | undefined;
  for (;;) {
    const page = await list({
      ...query,
      now,
      limit: pageSize,
      ...(after ? { after } : {}),
    });
    rows.push(...page.rows);
    const last = page.rows.at(-1);
    if (page.rows.length < pageSize || !last) return rows;
    after = { accountId: last.accountId, id: last.id };
  }
}

export function viewCsv(rows: readonly QueueRow[]): string {
  return toCsv(
    rows.map((r) => ({
      Order: r.id,
      Kind: kindLabel(r.kind),
      Status: statusInfo(r.status).label,
      Due: r.dueAt,
      Overdue: r.overdue ? 'yes' : 'no',
      Received: r.receivedAt,
      Candidate: r.candidateName,
      Email: r.candidateEmail,
      Job: r.jobTitle,
      Package: r.packageName ?? r.packageId,
      Customer: customerLabel(r.accountName, r.accountProvider, r.accountId),
      Account: r.accountId,
    })),
    VIEW_CSV_COLUMNS,
  );
}
