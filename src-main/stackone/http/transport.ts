import {
  StackOneAbortedError,
  StackOneHttpError,
  StackOneNetworkError,
  StackOneOutcomeUnknownError,
  StackOneTimeoutError,
  type RequestSummary,
  type StackOneError,
} from '../errors';
import { basicAuthHeader } from './auth';
import type { RequestBudget } from './budget';
import {
  isIdempotentMethod,
  isRetryableStatus,
  leavesOutcomeUnknown,
  parseRetryAfter,
  retryDelay,
  type RetryPolicy,
} from './retry';
import { sleep } from './sleep';
import { attemptSignal } from './timeout';

export type FetchFn = (request: Request) => Promise<Response>;

export interface TransportOptions {
  apiKey: string;
  budget: RequestBudget;
  retry: RetryPolicy;
  /** Deadline per attempt, body included. */
  timeoutMs: number;
  fetch?: FetchFn;
  random?: () => number;
  /** Told about every attempt that failed; carries no secrets (for logs and metrics). */
  onRetry?: (event: {
    method: string;
    path: string;
    attempt: number;
    delayMs: number;
    error: StackOneError;
  }) => void;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The `fetch` handed to openapi-fetch. It owns everything about *sending*: auth, the budget, the
 * per-attempt deadline, retries. It resolves only with a fully read 2xx response (so the deadline
 * also covers reading the body and a dropped connection mid-body is retried like any network
 * failure) and otherwise throws a typed StackOneError, so callers never see `{ error }` results.
 */
export function createTransport(options: TransportOptions): FetchFn {
  const fetchImpl: FetchFn = options.fetch ?? ((request) => fetch(request));
  const authorization = basicAuthHeader(options.apiKey);

  return async function transport(request: Request): Promise<Response> {
    const method = request.method.toUpperCase();
    const summary: RequestSummary = { method, path: new URL(request.url).pathname };
    const idempotent = isIdempotentMethod(method);
    const caller = request.signal;
    // Read the body once so that every attempt can send it again.
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const headers = new Headers(request.headers);
    headers.set('authorization', authorization);
    headers.set('accept', 'application/json');

    const started = performance.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await options.budget.acquire(caller);
      } catch (reason) {
        throw new StackOneAbortedError(summary, reason);
      }

      const deadline = attemptSignal(caller, options.timeoutMs);
      let failure: StackOneError;
      try {
        const response = await fetchImpl(
          new Request(request.url, {
            method,
            headers,
            body,
            signal: deadline.signal,
            redirect: 'follow',
          }),
        );
        const bytes = await response.arrayBuffer();
        if (response.ok) {
          return new Response(NULL_BODY_STATUSES.has(response.status) ? null : bytes, {
            status: response.status,
            statusText: response.statusText,
            headers: response.headers,
          });
        }
        failure = new StackOneHttpError({
          request: summary,
          status: response.status,
          bodyText: new TextDecoder().decode(bytes),
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
        });
      } catch (error) {
        if (caller.aborted) {
          const aborted = new StackOneAbortedError(summary, error);
          // Once a create was on the wire, cancelling does not undo it.
          throw idempotent ? aborted : new StackOneOutcomeUnknownError(summary, aborted);
        }
        failure = deadline.timedOut()
          ? new StackOneTimeoutError(summary, options.timeoutMs)
          : new StackOneNetworkError(summary, error);
      } finally {
        deadline.dispose();
      }

      const status = failure instanceof StackOneHttpError ? failure.status : null;
      const retryable = status === null || isRetryableStatus(status);
      if (!idempotent) {
        throw status === null || leavesOutcomeUnknown(status)
          ? new StackOneOutcomeUnknownError(summary, failure)
          : failure;
      }
      if (!retryable || attempt >= options.retry.maxAttempts) throw failure;

      const retryAfterMs = failure instanceof StackOneHttpError ? failure.retryAfterMs : null;
      const delayMs = retryDelay(attempt, retryAfterMs, options.retry, options.random);
      if (performance.now() - started + delayMs > options.retry.maxElapsedMs) throw failure;
      options.onRetry?.({ method, path: summary.path, attempt, delayMs, error: failure });
      try {
        await sleep(delayMs, caller);
      } catch (reason) {
        throw new StackOneAbortedError(summary, reason);
      }
    }
  };
}
