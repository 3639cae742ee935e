import type { FeedEvent } from '../../../src-shared/gateway';
import type { OrderInput, QuarantineInput, TeamFeedInput } from '../../cache';
import { boundedRaw, feedEventOutcome, type FeedEventOutcome } from '../feed-orders';
import { GatewayClientError } from '../gateway-client';
import { noteQuarantined, type PassContext } from '../pass-context';

export const FEED_SOURCE = 'orders';
/** The order feed spans accounts: its sync_state row has the empty account id. */
const FEED_ACCOUNT = '';

/** One event's outcome; a bug on one event quarantines that event, never its page. */
function eventOutcome(event: FeedEvent): FeedEventOutcome {
  try {
    return feedEventOutcome(event);
  } catch (error) {
    return {
      kind: 'quarantine',
      entry: {
        source: FEED_SOURCE,
        accountId: event.accountId,
        recordId: event.id,
        reason: `The desk could not process this event (${error instanceof Error ? error.message : String(error)}).`,
        raw: boundedRaw(event.payload),
      },
    };
  }
}

/**
 * The gateway's order feed → orders, from the stored cursor. Each page's orders, its quarantined
 * events and the new cursor are one batch of the writer (applied whole or not at all), so the
 * cursor can never pass an event that was not stored; the next page is fetched while the writer
 * stores this one. A cursor from another inbox (the gateway's
 * database was replaced, or the embedded one restarted) restarts the feed from the beginning:
 * order upserts are idempotent and never touch a local status.
 */
export async function syncOrderFeed(ctx: PassContext): Promise<void> {
  const gateway = ctx.gateway;
  if (!gateway) throw new Error('syncOrderFeed needs a gateway client');
  let cursor = ctx.cache.syncState.get(FEED_SOURCE, FEED_ACCOUNT)?.cursor ?? null;
  let restarted = false;
  let jobEvents = false;
  // Past a stored cursor every order is new; a first read (or a re-read) is the backlog.
  let announce = cursor !== null;
  const stream = ctx.writer.stream();
  let stored = 0;
  for (;;) {
    let page;
    try {
      page = await gateway.readFeed(cursor, {
        limit: ctx.tuning.feedPageSize,
        signal: ctx.signal,
        onRetry: ({ delayMs, error }) => {
          const at = ctx.now();
          ctx.board.wait(FEED_SOURCE, null, {
            at: at.toISOString(),
            until: new Date(at.getTime() + delayMs).toISOString(),
            reason:
              error.kind === 'timeout' || error.kind === 'unreachable'
                ? `The order gateway is not answering (${error.message})`
                : error.message,
          });
          ctx.touched([]);
        },
      });
    } catch (error) {
      if (error instanceof GatewayClientError && error.kind === 'cursor_reset' && !restarted) {
        ctx.logger.info('order feed cursor belongs to another inbox; reading from the beginning');
        restarted = true;
        announce = false;
        cursor = null;
        continue;
      }
      throw error;
    }
    const orders: OrderInput[] = [];
    const quarantine: QuarantineInput[] = [];
    const team: TeamFeedInput[] = [];
    for (const event of page.events) {
      if (event.eventType?.startsWith('ats_jobs.')) jobEvents = true;
      const outcome = eventOutcome(event);
      if (outcome.kind === 'order') orders.push(outcome.order);
      else if (outcome.kind === 'quarantine') quarantine.push(outcome.entry);
      else if (outcome.kind === 'team') team.push(outcome.event);
    }
    for (const bad of page.invalid) {
      quarantine.push({
        source: FEED_SOURCE,
        accountId: null,
        recordId: null,
        reason: bad.reason,
        raw: boundedRaw(bad.raw),
      });
    }
    noteQuarantined(ctx, quarantine);
    const fetched = page.events.length + page.invalid.length;
    await stream.write(
      {
        at: ctx.now().toISOString(),
        upsert: { kind: 'order', rows: orders },
        ...(team.length > 0 ? { team } : {}),
        ...(quarantine.length > 0 ? { quarantine } : {}),
        syncState: [
          { source: FEED_SOURCE, accountId: FEED_ACCOUNT, patch: { cursor: page.nextCursor } },
        ],
      },
      ({ written, quarantined }) => {
        stored += written;
        ctx.board.add(FEED_SOURCE, null, { fetched, written, quarantined });
        if (announce && orders.length > 0) ctx.ordersArrived(orders);
        ctx.touched([
          ...(written > 0 ? (['orders'] as const) : []),
          ...(quarantined > 0 ? (['quarantine'] as const) : []),
        ]);
      },
    );
    cursor = page.nextCursor;
    if (!page.hasMore) break;
  }
  await stream.flush();
  if (stored >= ctx.tuning.compactSearchAfterOrders)
    await ctx.writer.run('compactSearchIndexes', null);
  if (jobEvents) ctx.jobsChanged?.();
}
