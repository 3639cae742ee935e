import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  SIGNATURE_HEADER,
  verifyWebhookSignature,
  type Hmac,
} from '../../src-shared/webhooks/signature';
import { matchesAny } from '../auth';
import type { GatewayConfig } from '../config';
import { sendError } from '../errors';
import { dedupeKeyOf, parseEvent } from '../parse-event';
import type { GatewayStore } from '../store/store';

/** node:crypto's HMAC: a fraction of Web Crypto's cost per webhook, on the gateway's event loop. */
const nodeHmac: Hmac = (secret, body) => createHmac('sha256', secret).update(body).digest();

function single(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/**
 * `POST /webhooks/stackone`. Order of operations is the contract: authenticate the exact bytes,
 * commit them, then answer. A 2xx therefore always means "stored"; any failure before the commit
 * is a non-2xx, so the sender's retry (deduplicated here) cannot lose an event.
 */
export async function webhookRoutes(
  app: FastifyInstance,
  opts: { store: GatewayStore; config: GatewayConfig },
): Promise<void> {
  const { store, config } = opts;

  // The signature covers the raw bytes, so no parser may touch them, whatever the content type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.post('/webhooks/stackone', { bodyLimit: config.webhookBodyLimit }, async (request, reply) => {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const token = (request.query as Record<string, unknown>).token;
    const signed =
      config.webhookSecrets.length > 0 &&
      (await verifyWebhookSignature({
        rawBody,
        signature: single(request.headers[SIGNATURE_HEADER]),
        secrets: config.webhookSecrets,
        hmac: nodeHmac,
      }));
    const authenticated =
      signed || matchesAny(typeof token === 'string' ? token : null, config.webhookQueryToken);
    if (!authenticated) {
      request.log.warn({ bytes: rawBody.length }, 'webhook refused: bad or missing signature');
      return sendError(reply, 401, 'invalid_signature', 'signature missing or invalid');
    }

    const parsed = parseEvent(rawBody);
    const result = await store.appendEvent(dedupeKeyOf(parsed, rawBody), {
      receivedAt: new Date().toISOString(),
      contentType: single(request.headers['content-type']),
      rawBody,
      eventId: parsed.eventId,
      eventType: parsed.eventType,
      accountId: parsed.accountId,
      order: parsed.order,
      flag: parsed.flag,
    });
    if (parsed.flag && result.status === 'inserted') {
      request.log.warn({ seq: result.seq, flag: parsed.flag }, 'webhook stored, flagged');
    }
    return reply.code(200).send({ received: true, duplicate: result.status === 'duplicate' });
  });
}
