import type { turnaroundCommands } from '../../src-shared/contract/commands/turnarounds';
import { ALL_ACCOUNTS } from '../cache';
import type { WorkspaceRuntime } from '../composition/workspace-runtime';
import type { EventBus } from '../infra/events/event-bus';
import type { HandlerSet } from './types';

/**
 * Due-time settings of the active workspace. A change recomputes the due time of exactly the
 * orders it affects (in one transaction, see TurnaroundsRepository) and then tells open queues to
 * refetch, so overdue flags and the due-time sort follow at once.
 */
export function turnaroundsHandlers(
  runtime: WorkspaceRuntime,
  bus: EventBus,
  activeWorkspaceId: () => string,
): HandlerSet<keyof typeof turnaroundCommands> {
  const changed = (ordersUpdated: number) => {
    if (ordersUpdated > 0) {
      bus.emit('data:changed', { workspaceId: activeWorkspaceId(), tables: ['orders'] });
    }
    return { ordersUpdated };
  };
  return {
    'turnarounds:get': async () => {
      const cache = await runtime.cache();
      return {
        defaultHours: cache.turnarounds.defaultHours(),
        packages: cache.turnarounds.overview(),
      };
    },
    'turnarounds:set-default': async ({ hours }) => {
      const cache = await runtime.cache();
      return changed(cache.write(() => cache.turnarounds.setDefaultHours(hours)));
    },
    'turnarounds:set-package': async ({ kind, packageId, hours }) => {
      const cache = await runtime.cache();
      return changed(
        cache.write(() => cache.turnarounds.setPackageHours(kind, ALL_ACCOUNTS, packageId, hours)),
      );
    },
  };
}
