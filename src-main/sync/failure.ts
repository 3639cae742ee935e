import { StackOneError, StackOneHttpError } from '../stackone';
import { GatewayClientError } from './gateway-client';
import { CacheWriterStoppedError } from './writer/protocol';

/**
 * How a failed source looks to the coordinator. `offline` is reserved for "could not reach the
 * service at all" (network errors, our own timeouts): the banner then says the desk is working
 * from the cache. Everything else is an `error` with the service's own explanation.
 */
export interface SyncFailure {
  state: 'error' | 'offline';
  message: string;
  /** The service asked us to wait this long before trying again (Retry-After). */
  retryAfterMs: number | null;
  aborted: boolean;
}

export class SyncAbortedError extends Error {
  constructor() {
    super('The sync was stopped.');
    this.name = 'SyncAbortedError';
  }
}

/** A problem known before any request (missing credentials, no gateway): already in plain words. */
export class SyncSetupProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncSetupProblem';
  }
}

export function describeFailure(error: unknown): SyncFailure {
  if (error instanceof SyncSetupProblem) {
    return { state: 'error', message: error.message, retryAfterMs: null, aborted: false };
  }
  if (error instanceof SyncAbortedError) {
    return { state: 'error', message: error.message, retryAfterMs: null, aborted: true };
  }
  if (error instanceof StackOneError) {
    const offline = error.kind === 'unreachable' || (error.kind === 'timeout' && !isHttp(error));
    return {
      state: offline ? 'offline' : 'error',
      message: error.message,
      retryAfterMs: error instanceof StackOneHttpError ? error.retryAfterMs : null,
      aborted: error.kind === 'aborted',
    };
  }
  if (error instanceof GatewayClientError) {
    const offline = error.kind === 'unreachable' || error.kind === 'timeout';
    return {
      state: offline ? 'offline' : 'error',
      message: error.message,
      retryAfterMs: error.retryAfterMs,
      aborted: error.kind === 'aborted',
    };
  }
  if (error instanceof CacheWriterStoppedError) {
    return { state: 'error', message: error.message, retryAfterMs: null, aborted: false };
  }
  if (isSqliteError(error)) {
    return {
      state: 'error',
      message: `The local cache could not store the data (${(error as { code: string }).code}). The sync will try again; nothing already stored is lost.`,
      retryAfterMs: null,
      aborted: false,
    };
  }
  return {
    state: 'error',
    message: 'The sync failed unexpectedly. It will try again; details are in the log.',
    retryAfterMs: null,
    aborted: false,
  };
}

function isHttp(error: StackOneError): boolean {
  return error instanceof StackOneHttpError;
}

function isSqliteError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

export function isNotFound(error: unknown): boolean {
  return error instanceof StackOneHttpError && error.status === 404;
}
