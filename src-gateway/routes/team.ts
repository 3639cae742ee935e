import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ClaimRequestSchema,
  ReleaseRequestSchema,
  ResultReportRequestSchema,
  TEAM_EVENT_TYPES,
  type Coordinator,
  type Me,
} from '../../src-shared/gateway';
import { issuesOf, sendError } from '../errors';
import type { GatewayStore, TeamEventRecord } from '../store/store';

/**
 * Team mode (`/v1/me`, `/v1/claims`, `/v1/result-reports`), inside the desk scope whose auth hook
 * sets `request.coordinator`. Claims and result reports become feed events (TEAM_EVENT_TYPES), so
 * every desk learns them by polling the feed it already reads.
 */

/** A feed event made by the gateway: JSON payload, no order, a `team:` key no webhook can have. */
export function teamEvent(
  eventType: string,
  payload: unknown,
  key: string = randomUUID(),
): TeamEventRecord {
  return {
    dedupeKey: `team:${key}`,
    event: {
      receivedAt: new Date().toISOString(),
      contentType: 'application/json',
      rawBody: new TextEncoder().encode(JSON.stringify(payload)),
      eventId: null,
      eventType,
      accountId: null,
      order: null,
      flag: null,
    },
  };
}

function named(request: FastifyRequest, reply: FastifyReply): Coordinator | null {
  if (request.coordinator !== null) return request.coordinator;
  void sendError(
    reply,
    403,
    'forbidden',
    'claims need a named coordinator token; the shared feed token belongs to no one',
  );
  return null;
}

export async function teamRoutes(
  app: FastifyInstance,
  opts: { store: GatewayStore; claimTtlHours: number },
): Promise<void> {
  const { store } = opts;

  app.get('/v1/me', async (request): Promise<Me> => ({ coordinator: request.coordinator }));

  app.post('/v1/claims', async (request, reply) => {
    const by = named(request, reply);
    if (by === null) return reply;
    const body = ClaimRequestSchema.safeParse(request.body);
    if (!body.success) {
      return sendError(reply, 400, 'invalid_request', 'invalid claim', issuesOf(body.error));
    }
    const at = new Date();
    const outcome = await store.claimOrders({
      orders: body.data.orders,
      by,
      at: at.toISOString(),
      expiresAt: new Date(at.getTime() + opts.claimTtlHours * 3_600_000).toISOString(),
      takeover: body.data.takeover,
      teamEvent: ({ claims, takenFrom }) =>
        teamEvent(TEAM_EVENT_TYPES.claimed, { claims, takenFrom: takenFrom.map((c) => c.by) }),
    });
    if (outcome.status === 'conflict') {
      return reply.code(409).send({
        error: 'claimed',
        message: `${outcome.claims.length} of these orders are claimed by someone else`,
        claims: outcome.claims,
      });
    }
    for (const taken of outcome.takenFrom) {
      request.log.info(
        { accountId: taken.accountId, orderId: taken.orderId, from: taken.by.name, to: by.name },
        'claim taken over',
      );
    }
    return { claims: outcome.claims };
  });

  app.post('/v1/claims/release', async (request, reply) => {
    const by = named(request, reply);
    if (by === null) return reply;
    const body = ReleaseRequestSchema.safeParse(request.body);
    if (!body.success) {
      return sendError(reply, 400, 'invalid_request', 'invalid release', issuesOf(body.error));
    }
    const at = new Date().toISOString();
    const released = await store.releaseOrders({
      orders: body.data.orders,
      by,
      at,
      teamEvent: (orders) => teamEvent(TEAM_EVENT_TYPES.released, { orders, by, at }),
    });
    return { released };
  });

  app.post('/v1/result-reports', async (request, reply) => {
    const body = ResultReportRequestSchema.safeParse(request.body);
    if (!body.success) {
      return sendError(
        reply,
        400,
        'invalid_request',
        'invalid result report',
        issuesOf(body.error),
      );
    }
    // Keyed by the desk's report id: a report sent again after a lost answer is stored once.
    const record = teamEvent(
      TEAM_EVENT_TYPES.resultReported,
      { ...body.data, by: request.coordinator },
      `result:${body.data.reportId}`,
    );
    const stored = await store.appendEvent(record.dedupeKey, record.event);
    return { duplicate: stored.status === 'duplicate' };
  });
}
