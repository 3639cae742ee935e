import type { syncCommands } from '../../src-shared/contract/commands/sync';
import { DATA_TABLES } from '../../src-shared/contract';
import type { HandlerContext } from './context';
import type { HandlerSet } from './types';

/**
 * Sync status, "Sync now" and the cache's health and rebuild, for the active workspace; "Reset
 * sandbox" for a Sandbox workspace.
 */
export function syncHandlers({ sync, bus }: HandlerContext): HandlerSet<keyof typeof syncCommands> {
  return {
    'sync:get-status': () => sync.status(),
    // Answers at once; progress arrives as sync:status-changed events.
    'sync:run-now': async ({ full }) => ({ accepted: await sync.runNow(full) }),
    'sync:get-cache-health': () => sync.cacheHealth(),
    'sync:rebuild-cache': () => sync.rebuildCache(),
    'sync:reset-sandbox': async ({ workspaceId }) => {
      await sync.resetSandbox(workspaceId);
      // Everything shown of it is gone: every screen reads again.
      bus.emit('data:changed', { workspaceId, tables: [...DATA_TABLES] });
      return { workspaceId };
    },
  };
}
