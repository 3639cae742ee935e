import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context';
import { SandboxHttpError, errorBody } from '../errors';

/**
 * The checks every StackOne call goes through, in the order the real service applies them as
 * far as we can tell: Basic auth (401) → rate budget per key (429) → injected faults → latency →
 * spec validation (400) → linked account (404 unknown, 412 suspended).
 * `/_sandbox/*` (inspection) skips all of it but answers loopback clients only.
 */

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function checkApiKey(ctx: SandboxContext, header: string | undefined): void {
  const match = header ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1])
    throw new SandboxHttpError(
      401,
      'Unauthorized: missing Basic authentication (API key as user, empty password)',
    );
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon === -1 ? decoded : decoded.slice(0, colon);
  const password = colon === -1 ? '' : decoded.slice(colon + 1);
  if (user !== ctx.apiKey || password !== '')
    throw new SandboxHttpError(401, 'Unauthorized: invalid API key');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export function registerPipeline(app: FastifyInstance, ctx: SandboxContext): void {
  app.decorateRequest('stackone', null);
  app.decorateRequest('startedAt', 0);

  app.addHook('onRequest', async (request) => {
    request.startedAt = performance.now();
    if (request.url.startsWith('/_sandbox')) {
      if (!LOOPBACK.has(request.socket.remoteAddress ?? ''))
        throw new SandboxHttpError(403, 'The sandbox inspection API answers loopback clients only');
      return;
    }
    if (!request.routeOptions.config.stackone) return;
    checkApiKey(ctx, request.headers.authorization);
    ctx.faults.checkRateLimit(ctx.apiKey);
    const failure = ctx.faults.injectedFailure();
    if (failure) throw failure;
    const latency = ctx.faults.latency();
    if (latency > 0) await sleep(latency);
  });

  app.addHook('preHandler', async (request) => {
    const { stackone, specPath } = request.routeOptions.config;
    if (!stackone) return;
    let query: Record<string, unknown> = {};
    let body: unknown = request.body;
    if (specPath) {
      const q = request.url.indexOf('?');
      const check = ctx.validator.validateRequest(request.method, specPath, {
        path: (request.params ?? {}) as Record<string, string>,
        rawQuery: q === -1 ? '' : request.url.slice(q + 1),
        headers: request.headers,
        body: request.body,
      });
      if (!check.ok)
        throw new SandboxHttpError(400, check.message, undefined, {
          data: { statusCode: 400, message: check.message, headers: {} },
        });
      query = check.query;
      body = check.body;
    }
    let account = null;
    if (stackone === 'unified') {
      const id = request.headers['x-account-id'];
      account = typeof id === 'string' ? (ctx.store.account(id) ?? null) : null;
      if (!account) throw new SandboxHttpError(404, `Account ${String(id)} not found`);
      if (account.account.status !== 'active') throw new SandboxHttpError(412);
    }
    request.stackone = { query, body, account };
  });

  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = pathOf(request.url);
    if (path.startsWith('/_sandbox')) return;
    const q = request.url.indexOf('?');
    const query = q === -1 ? {} : Object.fromEntries(new URLSearchParams(request.url.slice(q + 1)));
    const account = request.headers['x-account-id'];
    ctx.requests.add({
      at: new Date().toISOString(),
      method: request.method,
      path,
      query,
      accountId: typeof account === 'string' ? account : null,
      status: reply.statusCode,
      durationMs: Math.round((performance.now() - request.startedAt) * 10) / 10,
    });
  });

  app.setErrorHandler((err: unknown, request, reply) => {
    if (err instanceof SandboxHttpError) {
      if (err.retryAfterSeconds !== undefined)
        void reply.header('retry-after', String(err.retryAfterSeconds));
      return reply.code(err.statusCode).send(errorBody(err.statusCode, err.message, err.extra));
    }
    const status =
      typeof (err as { statusCode?: unknown }).statusCode === 'number'
        ? (err as { statusCode: number }).statusCode
        : 500;
    const message = err instanceof Error ? err.message : String(err);
    // Fastify's own client errors (bad JSON, wrong content type, body too large) become the
    // spec's 400, the only client-error shape it defines for a malformed request.
    if (status >= 400 && status < 500)
      return reply.code(400).send(errorBody(400, `Invalid request: ${message}`));
    request.log.error(err);
    return reply.code(500).send(errorBody(500));
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody(404, `Cannot ${request.method} ${pathOf(request.url)}`)),
  );
}
