import type { syncCommands } from '../../src-shared/contract/commands/sync';
import type { HandlerContext } from './context';
import type { HandlerSet } from './types';

/** Sync status, "Sync now" and the cache's health and rebuild, for the active workspace. */
export function syncHandlers({ sync }: HandlerContext): HandlerSet<keyof typeof syncCommands> {
  return {
    'sync:get-status': () => sync.status(),
    // Answers at once; progress arrives as sync:status-changed events.
    'sync:run-now': async ({ full }) => ({ accepted: await sync.runNow(full) }),
    'sync:get-cache-health': () => sync.cacheHealth(),
    'sync:rebuild-cache': () => sync.rebuildCache(),
  };
}
