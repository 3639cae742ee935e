import type { turnaroundCommands } from '../../src-shared/contract/commands/turnarounds';
import type { HandlerContext } from './context';
import type { HandlerSet } from './types';

/**
 * Due-time settings of the active workspace. A change recomputes the due time of exactly the
 * orders it affects (in one transaction, see TurnaroundsRepository; a durable write, as it holds
 * what the coordinator typed) and then tells open queues to refetch, so overdue flags and the
 * due-time sort follow at once.
 */
export function turnaroundsHandlers(
  ctx: HandlerContext,
): HandlerSet<keyof typeof turnaroundCommands> {
  const changed = (ordersUpdated: number) => {
    if (ordersUpdated > 0) {
      ctx.bus.emit('data:changed', { workspaceId: ctx.workspaces.active().id, tables: ['orders'] });
    }
    return { ordersUpdated };
  };
  return {
    'turnarounds:get': async () => {
      const cache = await ctx.cache();
      return {
        defaultHours: cache.turnarounds.defaultHours(),
        packages: cache.turnarounds.overview(),
      };
    },
    'turnarounds:set-default': async ({ hours }) => {
      const writer = await ctx.writer();
      return changed(await writer.run('setDefaultTurnaround', { hours }));
    },
    'turnarounds:set-package': async ({ kind, packageId, hours }) => {
      const writer = await ctx.writer();
      return changed(await writer.run('setPackageTurnaround', { kind, packageId, hours }));
    },
  };
}
