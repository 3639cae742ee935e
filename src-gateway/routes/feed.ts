import type { FastifyInstance } from 'fastify';
import { FeedQuerySchema } from '../../src-shared/gateway';
import { decodeCursor, encodeCursor } from '../cursor';
import { issuesOf, sendError } from '../errors';
import { feedPageJson } from '../feed-page';
import type { GatewayStore } from '../store/store';

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
    const nextCursor = encodeCursor(store.inboxId, last ? last.seq : afterSeq);
    return reply
      .type('application/json; charset=utf-8')
      .send(feedPageJson(store.inboxId, page, { nextCursor, hasMore: rows.length > limit }));
  });
}
