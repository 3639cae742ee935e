import { z } from 'zod';
import { loadStored, saveStored } from '../../lib/workspace-storage';
import type { QueueViewId } from './queue-store';

/**
 * Column visibility and widths, per workspace and queue, survive restarts. The kind queues hide
 * Kind until the user shows it: every row there has the same one.
 */
const PrefsSchema = z.object({
  visibility: z.record(z.string(), z.boolean()).default({}),
  sizing: z.record(z.string(), z.number().min(40).max(1200)).default({}),
});
export type ColumnPrefs = z.infer<typeof PrefsSchema>;

function defaults(view: QueueViewId): ColumnPrefs {
  return { visibility: view === 'all' ? {} : { kind: false }, sizing: {} };
}

export function loadColumnPrefs(
  workspaceId: string,
  view: QueueViewId,
  storage?: Storage,
): ColumnPrefs {
  return loadStored(`queue-columns.v2.${view}`, workspaceId, PrefsSchema, defaults(view), storage);
}

export function saveColumnPrefs(
  workspaceId: string,
  view: QueueViewId,
  prefs: ColumnPrefs,
  storage?: Storage,
): void {
  saveStored(`queue-columns.v2.${view}`, workspaceId, prefs, storage);
}
