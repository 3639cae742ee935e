import type { FastifyInstance } from 'fastify';
import {
  FeedQuerySchema,
  type FeedEvent,
  type FeedPage,
  type FeedPayload,
} from '../../src-shared/gateway';
import { decodeCursor, encodeCursor } from '../cursor';
import { issuesOf, sendError } from '../errors';
import type { GatewayStore, InboxEvent } from '../store/store';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The raw event for the desk, losing nothing: JSON when it parses, else text, else base64. */
function payloadOf(rawBody: Uint8Array): FeedPayload {
  let text: string;
  try {
    text = utf8.decode(rawBody);
  } catch {
    return { format: 'base64', data: Buffer.from(rawBody).toString('base64') };
  }
  try {
    return { format: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { format: 'text', text };
  }
}

function toFeedEvent(inboxId: string, e: InboxEvent): FeedEvent {
  return {
    cursor: encodeCursor(inboxId, e.seq),
    seq: e.seq,
    id: e.dedupeKey,
    eventId: e.eventId,
    receivedAt: e.receivedAt,
    deliveries: e.deliveries,
    eventType: e.eventType,
    accountId: e.accountId,
    flagged: e.flag,
    order: e.order,
    contentType: e.contentType,
    payload: payloadOf(e.rawBody),
  };
}

/** `GET /v1/order-events?after=CURSOR&limit=N` (bearer-protected by the enclosing scope). */
export async function feedRoutes(
  app: FastifyInstance,
  opts: { store: GatewayStore },
): Promise<void> {
  const { store } = opts;
  app.get('/v1/order-events', async (request, reply) => {
    const query = FeedQuerySchema.safeParse(request.query);
    if (!query.success) {
      return sendError(reply, 400, 'invalid_request', 'invalid query', issuesOf(query.error));
    }
    const { after, limit } = query.data;
    let afterSeq = 0;
    if (after !== undefined) {
      const decoded = decodeCursor(store.inboxId, after);
      if (!decoded.ok) {
        return decoded.error === 'invalid_cursor'
          ? sendError(reply, 400, 'invalid_cursor', 'the cursor is not one this gateway issued')
          : sendError(
              reply,
              409,
              'cursor_from_other_inbox',
              'the cursor belongs to another inbox (the gateway database was replaced); restart from the beginning',
            );
      }
      afterSeq = decoded.seq;
    }
    // One extra row tells whether another page exists without a second query.
    const rows = await store.readEvents(afterSeq, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const body: FeedPage = {
      events: page.map((e) => toFeedEvent(store.inboxId, e)),
      nextCursor: last
        ? encodeCursor(store.inboxId, last.seq)
        : encodeCursor(store.inboxId, afterSeq),
      hasMore: rows.length > limit,
    };
    return body;
  });
}
