import { DeskFailure } from '../../src-shared/contract';
import type { teamCommands } from '../../src-shared/contract/commands/team';
import { GatewayClientError } from '../sync/gateway-client';
import type { HandlerContext } from './context';
import type { HandlerSet } from './types';

/** The coordinator id "mine" means in the queue's claim filter, or undefined (not signed in). */
export async function myCoordinatorId(ctx: HandlerContext): Promise<string | undefined> {
  try {
    const identity = (await ctx.team()).identity;
    return identity.state === 'team' ? identity.coordinator.id : undefined;
  } catch {
    return undefined;
  }
}

function gatewayFailure(error: unknown): never {
  if (error instanceof GatewayClientError) {
    const code =
      error.kind === 'unauthorized'
        ? 'unauthorized'
        : error.kind === 'unreachable' || error.kind === 'timeout' || error.kind === 'server_error'
          ? 'unreachable'
          : 'conflict';
    throw new DeskFailure(code, error.message);
  }
  throw error;
}

/**
 * Team mode: who this desk is, and claims. A claim is made at the gateway and comes back to this
 * desk, like to every other, through the feed: the handler starts a sync pass so that the queue
 * shows it at once.
 */
export function teamHandlers(ctx: HandlerContext): HandlerSet<keyof typeof teamCommands> {
  return {
    'team:me': async () => {
      let team;
      try {
        team = await ctx.team();
      } catch (error) {
        return {
          state: 'unknown',
          message: error instanceof Error ? error.message : String(error),
        } as const;
      }
      return team.identity.state === 'unknown' ? team.refreshIdentity() : team.identity;
    },
    'orders:claim': async ({ orders, takeover }) => {
      const gateway = await ctx.gateway();
      try {
        const claims = await gateway.claim(orders, takeover);
        ctx.logger.info('orders claimed', { count: claims.length, takeover });
        void ctx.sync.runNow(false);
        return { status: 'claimed', count: claims.length };
      } catch (error) {
        if (error instanceof GatewayClientError && error.kind === 'claimed') {
          return {
            status: 'held',
            holders: error.claims.map((c) => ({ orderId: c.orderId, name: c.by.name })),
          };
        }
        return gatewayFailure(error);
      }
    },
    'orders:release': async ({ orders }) => {
      const gateway = await ctx.gateway();
      try {
        const released = await gateway.release(orders);
        void ctx.sync.runNow(false);
        return { released: released.length };
      } catch (error) {
        return gatewayFailure(error);
      }
    },
  };
}
