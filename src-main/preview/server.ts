import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  PREVIEW_API_PREFIX,
  PREVIEW_EVENTS_PATH,
  PREVIEW_EVENTS_SESSION_PARAM,
  PREVIEW_INVOKE_PATH,
  PREVIEW_SSE_EVENT,
  PREVIEW_TOKEN_PARAM,
} from '../../src-shared/contract/preview-protocol';
import type { CredentialStore } from '../credentials/credential-store';
import type { RuntimeSyncOptions } from '../composition/workspace-runtime';
import { createDesk } from '../composition/create-desk';
import type { Desk } from '../composition/desk';
import { createLogger, type Logger } from '../infra/logging/logger';
import { previewSecurityHeaders } from './security-headers';
import { PreviewSessionAuth } from './session-auth';

export interface PreviewServerOptions {
  userDataDir: string;
  credentialStore: CredentialStore;
  version: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to a fresh random token per run. */
  token?: string;
  /** The built renderer (`electron-vite build` → out/renderer). */
  rendererDir?: string;
  logger?: Logger;
  /** Passed to createDesk: sync interval and the Sandbox workspace's size (tests, benchmarks). */
  sync?: RuntimeSyncOptions;
}

export interface PreviewServer {
  /** The URL to open: it carries the token, which the page keeps in its tab's sessionStorage. */
  url: string;
  origin: string;
  desk: Desk;
  close(): Promise<void>;
}

const defaultRendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const SSE_HEARTBEAT_MS = 25_000;

/** Node joins repeated headers into one string; only unknown names can arrive as arrays. */
function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The browser preview: the same desk core and the same contract as Electron, carried over loopback
 * HTTP so the renderer can run (and be tested) in a plain Chromium. It adds no command of its own;
 * it forwards untrusted input to `desk.invoke`, which validates it exactly as the IPC handler does.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const logger = options.logger ?? createLogger({ base: { runtime: 'preview' } });
  const rendererDir = options.rendererDir ?? defaultRendererDir;
  if (!existsSync(`${rendererDir}/index.html`)) {
    throw new Error(
      `The renderer is not built (${rendererDir}/index.html is missing). Run "npm run build" first.`,
    );
  }
  const token = options.token ?? randomBytes(32).toString('base64url');
  const desk = await createDesk({
    userDataDir: options.userDataDir,
    credentialStore: options.credentialStore,
    runtime: 'preview',
    version: options.version,
    logger,
    ...(options.sync ? { sync: options.sync } : {}),
  });

  let port = 0;
  const auth = new PreviewSessionAuth(token, () => [`127.0.0.1:${port}`, `localhost:${port}`]);
  const streams = new Set<ServerResponse>();
  // No request logging: URLs carry the token on the first visit.
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

  app.addHook('onRequest', async (request, reply) => {
    for (const [k, v] of Object.entries(previewSecurityHeaders)) void reply.header(k, v);
    if (!auth.hostAllowed(request.headers.host)) {
      return reply
        .code(421)
        .type('text/plain')
        .send('This desk only answers on its own loopback address.');
    }
    // The page and its assets are public; only the API needs the session.
    const path = request.url.split('?', 1)[0] ?? '';
    if (!path.startsWith(PREVIEW_API_PREFIX)) return;
    if (
      !auth.originAllowed(header(request.headers.origin), header(request.headers['sec-fetch-site']))
    ) {
      return reply.code(403).type('text/plain').send('Cross-origin requests are refused.');
    }
    const queryToken =
      request.method === 'GET' && path === PREVIEW_EVENTS_PATH
        ? (request.query as Record<string, unknown>)[PREVIEW_EVENTS_SESSION_PARAM]
        : undefined;
    if (!auth.isAuthenticated(header(request.headers.authorization), queryToken)) {
      return reply
        .code(401)
        .type('text/plain; charset=utf-8')
        .send(
          'Screening Desk preview: open the URL that "npm run preview" printed (it carries this run\'s token).',
        );
    }
  });

  app.get('/', async (request, reply) => {
    const given = (request.query as Record<string, unknown>)[PREVIEW_TOKEN_PARAM];
    if (given !== undefined && !auth.tokenMatches(given)) {
      return reply
        .code(401)
        .type('text/plain')
        .send('This token is not valid for this run of the preview.');
    }
    // The page takes the token out of its address itself (see http-bridge.ts).
    return reply.header('cache-control', 'no-store').sendFile('index.html');
  });

  app.post(`${PREVIEW_INVOKE_PATH}:command`, async (request, reply) => {
    const { command } = request.params as { command: string };
    const body = request.body;
    const input =
      body && typeof body === 'object' && !Array.isArray(body)
        ? (body as { input?: unknown }).input
        : undefined;
    return reply.header('cache-control', 'no-store').send(await desk.invoke(command, input));
  });

  app.get(PREVIEW_EVENTS_PATH, (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...previewSecurityHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = desk.subscribe((name, payload) => {
      res.write(`event: ${PREVIEW_SSE_EVENT}\ndata: ${JSON.stringify({ name, payload })}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), SSE_HEARTBEAT_MS);
    heartbeat.unref();
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  });

  await app.register(fastifyStatic, {
    root: rendererDir,
    index: false,
    wildcard: true,
    serve: true,
  });

  app.setErrorHandler((err: { statusCode?: number; message?: string }, _request, reply) => {
    const status =
      err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) logger.error('preview request failed', { err });
    return reply.code(status).send({
      ok: false,
      error: {
        code: status === 500 ? 'internal' : 'invalid_input',
        message: status === 500 ? 'The preview server failed.' : (err.message ?? 'Bad request'),
      },
    });
  });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  port = (app.server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?${PREVIEW_TOKEN_PARAM}=${token}`,
    origin,
    desk,
    async close() {
      for (const res of streams) res.end();
      streams.clear();
      await app.close();
      await desk.close();
    },
  };
}
