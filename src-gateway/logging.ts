import type { FastifyRequest } from 'fastify';

/** Query parameters whose values are secrets (the webhook `?token=` alternative). */
const SECRET_QUERY = /([?&](?:token|access_token)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

/**
 * Pino options for fastify. Secrets never reach a log line: the request serializer logs no headers
 * and masks the token query, and the redact paths cover any handler that logs headers or the query.
 */
export function loggerOptions(level: string, stream?: { write(line: string): void }) {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-stackone-signature"]',
        'req.query.token',
        'headers.authorization',
        'headers["x-stackone-signature"]',
        'query.token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request: FastifyRequest) {
        return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
      },
    },
  };
}
