import { searchToRun } from '../../../../src-shared/contract';
import {
  QUEUE_VIEWS,
  type QueueFilters,
  type QueueViewId,
  type QueueViewState,
} from './queue-store';
import type { QueueQuery } from './queue-window';

/** The filters as main takes them: an empty list is left out (it means "any"). */
export function toFilterInput(view: QueueViewId, filters: QueueFilters, search: string) {
  const kind = QUEUE_VIEWS[view].kind ?? filters.kind;
  // Shorter than MIN_SEARCH_LENGTH is no search yet (main would ignore it too): same query, no fetch.
  const q = searchToRun(search);
  return {
    ...(kind ? { kind } : {}),
    ...(filters.statuses.length ? { statuses: filters.statuses } : {}),
    ...(filters.accountIds.length ? { accountIds: filters.accountIds } : {}),
    ...(filters.packageIds.length ? { packageIds: filters.packageIds } : {}),
    ...(filters.overdue ? { overdue: true } : {}),
    ...(filters.claim ? { claim: filters.claim } : {}),
    ...(q ? { search: q } : {}),
  };
}

/** The query a queue view shows: its filters and its sort. */
export function toQueueQuery(view: QueueViewId, state: QueueViewState): QueueQuery {
  return { ...toFilterInput(view, state.filters, state.search), sort: state.sort };
}
