import { randomBytes } from 'node:crypto';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../src-gateway';
import { SIGNATURE_HEADER, signWebhook } from '../../src-shared/webhooks/signature';
import { openWorkspaceCache, type WorkspaceCache } from '../../src-main/cache';
import { createGatewayClient } from '../../src-main/sync/gateway-client';
import { SyncEngine, type SyncEngineOptions } from '../../src-main/sync/sync-engine';
import { createCacheWriter } from '../../src-main/sync/writer/cache-writer';

/**
 * A real gateway on loopback and a desk's sync engine reading its feed into an in-memory cache,
 * without StackOne unless `engine.stackone` brings one: for tests of the order feed.
 */
export interface WebhookDesk {
  gateway: RunningGateway;
  secret: string;
  cache: WorkspaceCache;
  engine: SyncEngine;
  /** POSTs `body` signed with `secret` (default: the gateway's); answers the HTTP status. */
  send(
    body: string | Uint8Array,
    options?: { secret?: string; signature?: string | null; contentType?: string },
  ): Promise<number>;
  close(): Promise<void>;
}

export async function startWebhookDesk(
  options: {
    accountId?: string;
    /** Secrets the gateway accepts besides `secret` (a rotation in progress). */
    oldSecrets?: string[];
    gateway?: Partial<GatewayOptions>;
    engine?: Partial<SyncEngineOptions>;
  } = {},
): Promise<WebhookDesk> {
  const secret = randomBytes(16).toString('hex');
  const feedToken = randomBytes(16).toString('hex');
  const gateway = await startGateway({
    dbPath: ':memory:',
    webhookSecrets: [secret, ...(options.oldSecrets ?? [])],
    feedToken: [feedToken],
    ...options.gateway,
  });
  const cache = openWorkspaceCache(':memory:');
  const writer = createCacheWriter(cache);
  const accountId = options.accountId ?? 'acct_sandbox_1';
  const engine = new SyncEngine({
    workspaceId: 'ws',
    cache,
    writer,
    accounts: [{ id: accountId, name: 'Acme', provider: 'greenhouse' }],
    gateway: createGatewayClient({ baseUrl: gateway.url, token: feedToken }),
    stackone: null,
    stackoneProblem: 'No StackOne in this test.',
    intervalMs: 3_600_000,
    ...options.engine,
  });
  return {
    gateway,
    secret,
    cache,
    engine,
    async send(body, opts = {}) {
      const signature =
        opts.signature !== undefined
          ? opts.signature
          : await signWebhook(body, opts.secret ?? secret);
      const res = await fetch(`${gateway.url}/webhooks/stackone`, {
        method: 'POST',
        headers: {
          'content-type': opts.contentType ?? 'application/json',
          ...(signature === null ? {} : { [SIGNATURE_HEADER]: signature }),
        },
        body,
      });
      await res.arrayBuffer();
      return res.status;
    },
    async close() {
      await engine.stop();
      await writer.close();
      cache.close();
      await gateway.close();
    },
  };
}
