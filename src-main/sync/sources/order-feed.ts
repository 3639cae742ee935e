import type { OrderInput, QuarantineInput } from '../../cache';
import { feedEventOutcome } from '../feed-orders';
import { GatewayClientError } from '../gateway-client';
import { putQuarantine, type PassContext } from '../pass-context';

export const FEED_SOURCE = 'orders';
/** The order feed spans accounts: its sync_state row has the empty account id. */
const FEED_ACCOUNT = '';

/**
 * The gateway's order feed → orders, from the stored cursor. Each page's orders, its quarantined
 * events and the new cursor commit together (the cursor in the page's last transaction), so the
 * cursor can never pass an event that was not stored. A cursor from another inbox (the gateway's
 * database was replaced, or the embedded one restarted) restarts the feed from the beginning:
 * order upserts are idempotent and never touch a local status.
 */
export async function syncOrderFeed(ctx: PassContext): Promise<void> {
  const gateway = ctx.gateway;
  if (!gateway) throw new Error('syncOrderFeed needs a gateway client');
  let cursor = ctx.cache.syncState.get(FEED_SOURCE, FEED_ACCOUNT)?.cursor ?? null;
  let restarted = false;
  for (;;) {
    let page;
    try {
      page = await gateway.readFeed(cursor, { limit: ctx.tuning.feedPageSize, signal: ctx.signal });
    } catch (error) {
      if (error instanceof GatewayClientError && error.kind === 'cursor_reset' && !restarted) {
        ctx.logger.info('order feed cursor belongs to another inbox; reading from the beginning');
        restarted = true;
        cursor = null;
        continue;
      }
      throw error;
    }
    const orders: OrderInput[] = [];
    const quarantine: QuarantineInput[] = [];
    for (const event of page.events) {
      const outcome = feedEventOutcome(event);
      if (outcome.kind === 'order') orders.push(outcome.order);
      else if (outcome.kind === 'quarantine') quarantine.push(outcome.entry);
    }
    for (const bad of page.invalid) {
      quarantine.push({
        source: FEED_SOURCE,
        accountId: null,
        recordId: null,
        reason: bad.reason,
        raw: bad.raw,
      });
    }
    let written = 0;
    const nextCursor = page.nextCursor;
    await ctx.writer.write('order', orders, (chunk, isLast) => {
      written += ctx.cache.orders.upsertOrders(chunk).written;
      if (isLast) {
        putQuarantine(ctx, quarantine);
        ctx.cache.syncState.set(FEED_SOURCE, FEED_ACCOUNT, { cursor: nextCursor });
      }
    });
    cursor = nextCursor;
    ctx.board.add(FEED_SOURCE, null, {
      fetched: page.events.length + page.invalid.length,
      written,
      quarantined: quarantine.length,
    });
    ctx.touched([
      ...(written > 0 ? (['orders'] as const) : []),
      ...(quarantine.length > 0 ? (['quarantine'] as const) : []),
    ]);
    if (!page.hasMore) return;
  }
}
