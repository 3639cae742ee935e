import type { syncCommands } from '../../src-shared/contract/commands/sync';
import type { WorkspaceRuntime } from '../composition/workspace-runtime';
import type { HandlerSet } from './types';

/** Sync status, "Sync now" and the cache's health and rebuild, for the active workspace. */
export function syncHandlers(runtime: WorkspaceRuntime): HandlerSet<keyof typeof syncCommands> {
  return {
    'sync:get-status': () => runtime.status(),
    // Answers at once; progress arrives as sync:status-changed events.
    'sync:run-now': async ({ full }) => ({ accepted: await runtime.runNow(full) }),
    'sync:get-cache-health': () => runtime.cacheHealth(),
    'sync:rebuild-cache': () => runtime.rebuildCache(),
  };
}
