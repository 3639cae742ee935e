import { create } from 'zustand';
import {
  searchToRun,
  type DueWindow,
  type OrderKind,
  type OrderStatus,
  type QueueSortColumn,
} from '../../../../src-shared/contract';
import type { QueueClaimFilter } from '../../../../src-shared/contract/queue-filter';
import { onWorkspaceSwitch } from '../../lib/workspace-scope';

/** The three queues share one table; each remembers its own filters, selection and scroll. */
export type QueueViewId = 'all' | 'assessments' | 'background-checks';

export const QUEUE_VIEWS: Record<QueueViewId, { label: string; kind: OrderKind | undefined }> = {
  all: { label: 'All orders', kind: undefined },
  assessments: { label: 'Assessments', kind: 'assessment' },
  'background-checks': { label: 'Background checks', kind: 'background_check' },
};

export interface QueueFilters {
  /** Only on the All queue; the other two fix the kind. */
  kind: OrderKind | undefined;
  statuses: OrderStatus[];
  accountIds: string[];
  packageIds: string[];
  /** The quick filters: one due window at a time (Overdue, Due today, Due soon). */
  due: DueFilter | undefined;
  /** Team mode: my claims, or the orders nobody claimed. */
  claim: QueueClaimFilter | undefined;
}

export type DueFilter = 'overdue' | DueWindow;

/** The quick filters, first in the filter bar, with their keys (see QuickFilters). */
export const DUE_FILTERS: readonly { id: DueFilter; label: string; key: string }[] = [
  { id: 'overdue', label: 'Overdue', key: '1' },
  { id: 'today', label: 'Due today', key: '2' },
  { id: 'soon', label: 'Due soon', key: '3' },
];

export interface QueueViewState {
  filters: QueueFilters;
  search: string;
  sort: { column: QueueSortColumn; direction: 'asc' | 'desc' };
  /** The selected order by key (see orderKey), so a live update never moves the selection. */
  selectedKey: string | null;
  /** Where the selection was last seen; used when its row is not loaded. */
  selectedIndex: number;
  /**
   * Rows marked for a bulk action (claim, release), by key. They belong to the list they were
   * marked in: a new filter or search clears them, so an action never reaches rows out of sight.
   */
  marked: string[];
  scrollTop: number;
}

export const DEFAULT_SORT = { column: 'due_at', direction: 'asc' } as const;

export function emptyFilters(): QueueFilters {
  return {
    kind: undefined,
    statuses: [],
    accountIds: [],
    packageIds: [],
    due: undefined,
    claim: undefined,
  };
}

function initialView(): QueueViewState {
  return {
    filters: emptyFilters(),
    search: '',
    sort: { ...DEFAULT_SORT },
    selectedKey: null,
    selectedIndex: -1,
    marked: [],
    scrollTop: 0,
  };
}

type QueueViews = Record<QueueViewId, QueueViewState>;

function initialViews(): QueueViews {
  return { all: initialView(), assessments: initialView(), 'background-checks': initialView() };
}

interface QueueStore {
  /** The active workspace's views. */
  views: QueueViews;
  /** Other workspaces' views, kept for when they are active again. */
  saved: Record<string, QueueViews>;
  update: (view: QueueViewId, patch: Partial<QueueViewState>) => void;
  setFilters: (view: QueueViewId, patch: Partial<QueueFilters>) => void;
  reset: () => void;
}

/**
 * Lives outside the screens so that opening an order and pressing Esc returns to the same filters,
 * selection and scroll position; per workspace (see onWorkspaceSwitch below).
 */
export const useQueueStore = create<QueueStore>((set) => ({
  views: initialViews(),
  saved: {},
  update: (view, patch) =>
    set((s) => {
      const current = s.views[view];
      // A new search or filters (a saved view) is a different list: the marks go with the old one.
      const newList =
        (patch.search !== undefined && patch.search !== current.search) ||
        (patch.filters !== undefined && patch.filters !== current.filters);
      const next = { ...current, ...patch, ...(newList ? { marked: [] } : {}) };
      return { views: { ...s.views, [view]: next } };
    }),
  // A different filter is a different list: the old position means nothing in it.
  setFilters: (view, patch) =>
    set((s) => ({
      views: {
        ...s.views,
        [view]: {
          ...s.views[view],
          filters: { ...s.views[view].filters, ...patch },
          scrollTop: 0,
          marked: [],
        },
      },
    })),
  reset: () => set({ views: initialViews(), saved: {} }),
}));

// Filters, search and selection belong to a workspace: another one starts from its own.
onWorkspaceSwitch((from, to) =>
  useQueueStore.setState((s) => {
    const { [to]: views = initialViews(), ...rest } = s.saved;
    return { views, saved: { ...rest, [from]: s.views } };
  }),
);

export function activeFilterCount(filters: QueueFilters, search: string): number {
  return (
    (filters.kind ? 1 : 0) +
    filters.statuses.length +
    filters.accountIds.length +
    filters.packageIds.length +
    (filters.due ? 1 : 0) +
    (filters.claim ? 1 : 0) +
    (searchToRun(search) !== undefined ? 1 : 0)
  );
}
