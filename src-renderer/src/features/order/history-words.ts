import type { OrderDetail } from '../../../../src-shared/contract';
import { kindLabel, statusInfo } from '../queue/vocabulary';
import { humanize } from './record-fields';

type HistoryEntry = OrderDetail['history'][number];

/**
 * One line of the order's history in plain words: "Order received: Background check",
 * "Status changed from New to Draft". An event this desk does not know is shown as it is stored.
 */
export function historyWords(entry: HistoryEntry): string {
  if (entry.event === 'received') {
    return entry.detail ? `Order received: ${kindLabel(entry.detail)}` : 'Order received';
  }
  if (entry.event === 'status_changed') {
    const data = entry.data as { from?: unknown; to?: unknown } | null;
    const [from, to] =
      typeof data?.from === 'string' && typeof data.to === 'string'
        ? [data.from, data.to]
        : (entry.detail?.split(' -> ') ?? []);
    if (from && to)
      return `Status changed from ${statusInfo(from).label} to ${statusInfo(to).label}`;
    return 'Status changed';
  }
  return entry.detail ? `${humanize(entry.event)}: ${entry.detail}` : humanize(entry.event);
}
