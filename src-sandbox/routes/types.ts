import type { AccountData } from '../data/store';

/** Per-request state of a StackOne call, set by the pipeline before the handler runs. */
export interface StackOneRequestState {
  /** The validated query (deepObject params as objects, scalars coerced per the spec). */
  query: Record<string, unknown>;
  body: unknown;
  /** The linked account named by `x-account-id` (unified routes only). */
  account: AccountData | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Marks a StackOne route: `unified` routes need `x-account-id`; `platform` ones do not. */
    stackone?: 'unified' | 'platform';
    /** The operation's path in the spec, e.g. `/unified/ats/candidates/{id}`. */
    specPath?: string;
  }
  interface FastifyRequest {
    stackone: StackOneRequestState | null;
    startedAt: number;
    /** A JSON body's text exactly as received (set by the sandbox's JSON parser). */
    rawBody?: string;
  }
}

export function state(request: { stackone: StackOneRequestState | null }): StackOneRequestState {
  if (!request.stackone) throw new Error('route used without the StackOne pipeline');
  return request.stackone;
}

export function accountOf(request: { stackone: StackOneRequestState | null }): AccountData {
  const account = state(request).account;
  if (!account) throw new Error('unified route without an account');
  return account;
}
