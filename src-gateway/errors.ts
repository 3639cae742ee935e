import type { FastifyReply } from 'fastify';
import type { GatewayError } from '../src-shared/gateway';

export function sendError(
  reply: FastifyReply,
  status: number,
  error: GatewayError['error'],
  message: string,
  issues?: GatewayError['issues'],
): FastifyReply {
  const body: GatewayError = issues ? { error, message, issues } : { error, message };
  return reply.code(status).send(body);
}

/** zod issues as `{ path: 'packages.3.id', message }`, for 400 bodies. */
export function issuesOf(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): NonNullable<GatewayError['issues']> {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
