import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Coordinator } from '../src-shared/gateway';
import { bearerToken } from './auth';
import { identify } from './coordinators';
import { parseConfig, type GatewayConfig, type GatewayConfigInput } from './config';
import { sendError } from './errors';
import { loggerOptions } from './logging';
import { catalogRoutes } from './routes/catalog';
import { feedRoutes } from './routes/feed';
import { packagesRoutes } from './routes/packages';
import { teamRoutes } from './routes/team';
import { teamRecordRoutes } from './routes/team-records';
import { webhookRoutes } from './routes/webhooks';
import { openStore } from './store/open';
import type { GatewayStore } from './store/store';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who called a desk route: a named coordinator, or null for the shared feed token. */
    coordinator: Coordinator | null;
  }
}

export interface GatewayOptions extends GatewayConfigInput {
  /** Use this store instead of opening `dbPath` (the caller then owns closing it). */
  store?: GatewayStore;
  /** Log at `logLevel` to stdout (true) or to this stream; off by default when embedded. */
  logger?: boolean;
  logStream?: { write(line: string): void };
}

export interface RunningGateway {
  /** `http://host:port`, with the port actually bound (useful with `port: 0`). */
  url: string;
  port: number;
  app: FastifyInstance;
  store: GatewayStore;
  config: GatewayConfig;
  /** Stops accepting requests, lets in-flight ones finish, commits and closes the store. */
  close(): Promise<void>;
}

function buildApp(config: GatewayConfig, store: GatewayStore, options: GatewayOptions) {
  const logger =
    options.logStream || options.logger ? loggerOptions(config.logLevel, options.logStream) : false;
  const app = Fastify({
    logger,
    forceCloseConnections: 'idle',
    requestTimeout: config.requestTimeoutMs,
    // Node checks request deadlines on this interval (30 s by default), so it bounds how late a
    // stalled request is cut off.
    http: {
      connectionsCheckingInterval: Math.min(5_000, Math.max(50, config.requestTimeoutMs / 4)),
      headersTimeout: Math.min(60_000, config.requestTimeoutMs),
    },
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, 413, 'payload_too_large', 'the body exceeds the size limit');
    }
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return sendError(reply, error.statusCode, 'invalid_request', error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 500, 'internal', 'internal error; the request was not processed');
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'not_found', 'no such route'));

  app.get('/healthz', async () => ({ status: 'ok' }));

  void app.register(webhookRoutes, { store, config });
  void app.register(packagesRoutes, { store, tokens: config.packagesToken });
  // The desk's API: the shared feed token or a coordinator's own token, looked up on every
  // request so that a revoked token is refused at once.
  app.decorateRequest('coordinator', null);
  void app.register(async (desk) => {
    desk.addHook('onRequest', async (request, reply) => {
      const who = await identify(
        store,
        bearerToken(request.headers.authorization),
        config.feedToken,
      );
      if (who === null) {
        void reply.header('www-authenticate', 'Bearer');
        return sendError(reply, 401, 'unauthorized', 'missing, invalid or revoked bearer token');
      }
      request.coordinator = who.coordinator;
    });
    // Every write is attributed: who changed what, in the gateway's log.
    desk.addHook('onResponse', async (request, reply) => {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      request.log.info(
        {
          method: request.method,
          route: request.routeOptions.url,
          status: reply.statusCode,
          coordinator: request.coordinator?.name ?? '(shared token)',
        },
        'desk write',
      );
    });
    await desk.register(feedRoutes, { store });
    await desk.register(catalogRoutes, { store });
    await desk.register(teamRoutes, { store, claimTtlHours: config.claimTtlHours });
    await desk.register(teamRecordRoutes, { store });
  });
  return app;
}

/** The gateway as a fastify app that has not started listening (for `inject` in unit tests). */
export async function createGateway(
  options: GatewayOptions,
): Promise<{ app: FastifyInstance; store: GatewayStore; config: GatewayConfig }> {
  const config = parseConfig(options);
  const store = options.store ?? (await openStore(config.dbPath));
  const app = buildApp(config, store, options);
  if (!options.store) app.addHook('onClose', async () => store.close());
  await app.ready();
  return { app, store, config };
}

/**
 * Starts a gateway in this process. Cheap enough to embed (the desk's Sandbox workspace runs one
 * with `dbPath: ':memory:'` and `port: 0`).
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { app, store, config } = await createGateway(options);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    app,
    store,
    config,
    close: () => app.close(),
  };
}
