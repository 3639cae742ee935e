import { DeskFailure } from '../../src-shared/contract';
import type { orderCommands } from '../../src-shared/contract/commands/orders';
import { isOpenStatus } from '../cache';
import type { HandlerContext } from './context';
import { myCoordinatorId } from './team-handlers';
import type { HandlerSet } from './types';

/**
 * The queue and the order page, read from the active workspace's cache. With no cache open (a
 * switch in progress waits; a cache that failed to open) they fail with `unreachable` and the
 * reason, rather than answering an empty queue that would look like "no work".
 */
export function ordersHandlers(ctx: HandlerContext): HandlerSet<keyof typeof orderCommands> {
  return {
    'orders:list': async (input) => {
      const cache = await ctx.cache();
      const me = input.claim === 'mine' ? await myCoordinatorId(ctx) : undefined;
      try {
        return cache.queue.queryOrders({ ...input, me });
      } catch (err) {
        // A keyset cursor names the last row the renderer holds; that order may have left the
        // cache since. That is expected (not a bug to log): the renderer asks by offset instead.
        if (input.after && err instanceof RangeError) {
          throw new DeskFailure(
            'not_found',
            'The queue changed while it was scrolled: the order the page continued from is gone.',
          );
        }
        throw err;
      }
    },
    'orders:get-facets': async (input) => {
      const me = input.claim === 'mine' ? await myCoordinatorId(ctx) : undefined;
      return (await ctx.cache()).queue.facetCounts({ ...input, me });
    },
    'orders:get': async ({ accountId, id, now }) => {
      const order = (await ctx.cache()).getOrder(accountId, id);
      if (!order) return null;
      const at = now ? Date.parse(now) : ctx.now().getTime();
      return { ...order, overdue: isOpenStatus(order.status) && Date.parse(order.dueAt) < at };
    },
  };
}
