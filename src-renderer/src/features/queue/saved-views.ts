import { z } from 'zod';
import { create } from 'zustand';
import {
  DUE_WINDOWS,
  OrderKindSchema,
  OrderStatusSchema,
  QueueSortSchema,
} from '../../../../src-shared/contract';
import { QUEUE_CLAIM_FILTERS } from '../../../../src-shared/contract/queue-filter';
import { loadStored, saveStored } from '../../lib/workspace-storage';
import type { QueueViewId } from './queue-store';

const QueueViewIdSchema = z.enum(['all', 'assessments', 'background-checks']);

/** A named filter + sort of one queue, kept per workspace. */
const SavedViewSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(80),
  queue: QueueViewIdSchema,
  filters: z.object({
    kind: OrderKindSchema.optional(),
    statuses: z.array(OrderStatusSchema).default([]),
    accountIds: z.array(z.string()).default([]),
    packageIds: z.array(z.string()).default([]),
    due: z.enum(['overdue', ...DUE_WINDOWS]).optional(),
    claim: z.enum(QUEUE_CLAIM_FILTERS).optional(),
  }),
  search: z.string().default(''),
  sort: QueueSortSchema,
});
export type SavedView = z.infer<typeof SavedViewSchema>;
const SavedViewsSchema = z.array(SavedViewSchema);

interface SavedViewsStore {
  workspaceId: string | null;
  views: SavedView[];
  /** Reads the workspace's views (a workspace switch shows the other workspace's). */
  load: (workspaceId: string) => void;
  add: (view: Omit<SavedView, 'id'>) => SavedView;
  remove: (id: string) => void;
}

const STORAGE_NAME = 'saved-views.v1';

export const useSavedViews = create<SavedViewsStore>((set, get) => {
  const persist = (views: SavedView[]) => {
    const { workspaceId } = get();
    set({ views });
    if (workspaceId) saveStored(STORAGE_NAME, workspaceId, views);
  };
  return {
    workspaceId: null,
    views: [],
    load: (workspaceId) => {
      if (get().workspaceId === workspaceId) return;
      set({ workspaceId, views: loadStored(STORAGE_NAME, workspaceId, SavedViewsSchema, []) });
    },
    add: (view) => {
      const saved = { ...view, id: `view-${Date.now().toString(36)}-${get().views.length}` };
      persist([...get().views, saved]);
      return saved;
    },
    remove: (id) => persist(get().views.filter((v) => v.id !== id)),
  };
});

/** The sidebar section each queue lives in. */
export const QUEUE_SECTIONS: Record<QueueViewId, string> = {
  all: 'queue',
  assessments: 'assessments',
  'background-checks': 'background-checks',
};

/** The queue shown in a sidebar section, or null for a section that is no queue. */
export function queueForSection(sectionId: string | null | undefined): QueueViewId | null {
  const entry = Object.entries(QUEUE_SECTIONS).find(([, section]) => section === sectionId);
  return entry ? (entry[0] as QueueViewId) : null;
}
