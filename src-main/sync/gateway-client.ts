import { z } from 'zod';
import {
  ClaimsAnswerSchema,
  MeSchema,
  ReleaseAnswerSchema,
  CatalogEntriesPageSchema,
  CatalogWriteResultSchema,
  MappingsPageSchema,
  MappingWritesResultSchema,
  type CatalogEntriesPage,
  type CatalogEntryWrite,
  type CatalogRecord,
  type MappingRecord,
  type MappingsPage,
  type MappingWrite,
  type WriteOutcome,
  CatalogSchema,
  FEED_MAX_LIMIT,
  FeedEventSchema,
  GatewayErrorSchema,
  type Catalog,
  type FeedEvent,
  type PublishCatalogRequest,
  type Claim,
  type Me,
  type OrderRef,
  type ResultReportRequest,
} from '../../src-shared/gateway';
import {
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
  type RetryPolicy,
} from '../stackone/http/retry';
import { sleep } from '../stackone/http/sleep';
import { attemptSignal } from '../stackone/http/timeout';

/**
 * The desk's client of the order gateway: polls the order feed (`GET /v1/order-events`) and
 * publishes the assessment catalog (`PUT /v1/assessment-packages`).
 *
 * Lenient on purpose: a feed page is split event by event, so one event this desk cannot read
 * (a newer gateway, a bug) goes to quarantine and the rest of the page is still applied; the
 * page's `nextCursor` moves past it either way, and nothing is lost because the event is kept.
 */

export type GatewayErrorKind =
  | 'unauthorized'
  /** A claim refused: someone else holds some of the orders (`claims` on the error). */
  | 'claimed'
  | 'cursor_reset'
  /** 409 on a team record write: it was based on an older version (`details` holds the answer). */
  | 'conflict'
  | 'rejected'
  | 'server_error'
  | 'unreachable'
  | 'timeout'
  | 'aborted'
  | 'unexpected';

export class GatewayClientError extends Error {
  constructor(
    readonly kind: GatewayErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
    options?: ErrorOptions & { claims?: Claim[] },
  ) {
    super(message, options);
    this.name = 'GatewayClientError';
    this.claims = options?.claims ?? [];
  }
  /** The parsed body of a 409 conflict. */
  details: unknown = null;

  /** With kind `claimed`: the claims others hold. */
  readonly claims: Claim[];
}

export interface InvalidFeedEvent {
  raw: unknown;
  reason: string;
}

export interface FeedRead {
  events: FeedEvent[];
  invalid: InvalidFeedEvent[];
  nextCursor: string;
  hasMore: boolean;
}

export interface GatewayClientOptions {
  baseUrl: string;
  token: string;
  /** Per attempt; the feed answers from an index, so long waits mean the gateway is in trouble. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  random?: () => number;
}

export const DEFAULT_GATEWAY_TIMEOUT_MS = 30_000;

const PageEnvelopeSchema = z.object({
  events: z.array(z.unknown()),
  nextCursor: z.string().min(1),
  hasMore: z.boolean(),
});

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'event'}: ${i.message}`)
    .join('; ');
}

/** Splits a page's events into those the shared schema accepts and the rest (never throws). */
export function splitFeedEvents(raws: readonly unknown[]): {
  events: FeedEvent[];
  invalid: InvalidFeedEvent[];
} {
  const events: FeedEvent[] = [];
  const invalid: InvalidFeedEvent[] = [];
  for (const raw of raws) {
    const parsed = FeedEventSchema.safeParse(raw);
    if (parsed.success) events.push(parsed.data);
    else invalid.push({ raw, reason: `unreadable feed event: ${describeIssues(parsed.error)}` });
  }
  return { events, invalid };
}

export type GatewayClient = ReturnType<typeof createGatewayClient>;

/** Told before the client waits `delayMs` to retry after `error` (a timeout, a 5xx, a 429). */
export type GatewayRetryListener = (event: { delayMs: number; error: GatewayClientError }) => void;

export function createGatewayClient(options: GatewayClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;
  const random = options.random ?? Math.random;

  /** One HTTP exchange with retries on 5xx / network / timeout; resolves with the parsed JSON. */
  async function request(
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    onRetry?: GatewayRetryListener,
  ): Promise<unknown> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      let failure: GatewayClientError;
      const deadline = attemptSignal(signal, timeoutMs);
      try {
        const response = await doFetch(`${baseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${options.token}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: deadline.signal,
        });
        const text = await response.text();
        if (response.ok) {
          try {
            return JSON.parse(text) as unknown;
          } catch (error) {
            throw new GatewayClientError(
              'unexpected',
              'The order gateway sent an answer this desk cannot read (not JSON).',
              response.status,
              null,
              { cause: error },
            );
          }
        }
        failure = httpFailure(response.status, text, response.headers.get('retry-after'));
      } catch (error) {
        if (error instanceof GatewayClientError) throw error;
        if (signal?.aborted) {
          throw new GatewayClientError(
            'aborted',
            'The request to the order gateway was cancelled.',
          );
        }
        failure = deadline.timedOut()
          ? new GatewayClientError(
              'timeout',
              `The order gateway did not answer within ${Math.round(timeoutMs / 1000)} s.`,
            )
          : new GatewayClientError(
              'unreachable',
              'Could not reach the order gateway. Check the internet connection and the gateway address.',
              null,
              null,
              { cause: error },
            );
      } finally {
        deadline.dispose();
      }
      const retryable =
        failure.kind === 'unreachable' ||
        failure.kind === 'timeout' ||
        (failure.status !== null && isRetryableStatus(failure.status));
      if (!retryable || attempt >= policy.maxAttempts) throw failure;
      const wait = retryDelay(attempt, failure.retryAfterMs, policy, random);
      if (Date.now() + wait - started > policy.maxElapsedMs) throw failure;
      onRetry?.({ delayMs: wait, error: failure });
      try {
        await sleep(wait, signal);
      } catch {
        throw new GatewayClientError('aborted', 'The request to the order gateway was cancelled.');
      }
    }
  }

  return {
    baseUrl,

    /**
     * One page of the feed after `after` (from the beginning when undefined). A cursor the
     * gateway does not recognise as its own inbox's throws kind `cursor_reset`: the caller
     * restarts from the beginning (order upserts are idempotent, so re-reading costs no harm).
     */
    async readFeed(
      after: string | null | undefined,
      opts: { limit?: number; signal?: AbortSignal; onRetry?: GatewayRetryListener } = {},
    ): Promise<FeedRead> {
      const limit = Math.min(Math.max(1, Math.floor(opts.limit ?? FEED_MAX_LIMIT)), FEED_MAX_LIMIT);
      const query = new URLSearchParams({ limit: String(limit) });
      if (after) query.set('after', after);
      const json = await request(
        'GET',
        `/v1/order-events?${query}`,
        undefined,
        opts.signal,
        opts.onRetry,
      );
      const envelope = PageEnvelopeSchema.safeParse(json);
      if (!envelope.success) {
        throw new GatewayClientError(
          'unexpected',
          `The order gateway sent a feed page this desk cannot read (${describeIssues(envelope.error)}).`,
        );
      }
      const { nextCursor, hasMore } = envelope.data;
      return { ...splitFeedEvents(envelope.data.events), nextCursor, hasMore };
    },

    /** Publishes the provider's assessment catalog (replaces it); answers with what is stored. */
    async publishCatalog(
      catalog: PublishCatalogRequest,
      opts: { signal?: AbortSignal } = {},
    ): Promise<Catalog> {
      const json = await request('PUT', '/v1/assessment-packages', catalog, opts.signal);
      const parsed = CatalogSchema.safeParse(json);
      if (!parsed.success) {
        throw new GatewayClientError(
          'unexpected',
          'The order gateway answered the catalog publish in a shape this desk cannot read.',
        );
      }
      return parsed.data;
    },

    /** The team's catalog entries written after `after` (all with 0). */
    async readCatalogEntries(
      after: number,
      opts: { signal?: AbortSignal } = {},
    ): Promise<CatalogEntriesPage> {
      const json = await request(
        'GET',
        `/v1/catalog/entries?after=${after}`,
        undefined,
        opts.signal,
      );
      return parsed(CatalogEntriesPageSchema, json, 'catalog entries');
    },

    /** Writes one entry based on `write.baseVersion`; a stale base resolves as a conflict. */
    async writeCatalogEntry(
      id: string,
      write: CatalogEntryWrite,
      opts: { signal?: AbortSignal } = {},
    ): Promise<WriteOutcome<CatalogRecord>> {
      const json = await conflictAnswer(() =>
        request('PUT', `/v1/catalog/entries/${encodeURIComponent(id)}`, write, opts.signal),
      );
      return parsed(CatalogWriteResultSchema, json, 'catalog entry write');
    },

    /** Publishes the live entries if the catalog is still at `baseRevision` (else kind conflict). */
    async publishEntries(
      baseRevision: number,
      opts: { signal?: AbortSignal } = {},
    ): Promise<Catalog> {
      const json = await request('POST', '/v1/catalog/publish', { baseRevision }, opts.signal);
      return parsed(CatalogSchema, json, 'catalog publish');
    },

    async readMappings(after: number, opts: { signal?: AbortSignal } = {}): Promise<MappingsPage> {
      const json = await request('GET', `/v1/mappings?after=${after}`, undefined, opts.signal);
      return parsed(MappingsPageSchema, json, 'mappings');
    },

    /** Each write applied or refused on its own; outcomes in input order. */
    async writeMappings(
      writes: readonly MappingWrite[],
      opts: { signal?: AbortSignal } = {},
    ): Promise<WriteOutcome<MappingRecord>[]> {
      const json = await conflictAnswer(() =>
        request('POST', '/v1/mappings', { writes }, opts.signal),
      );
      return parsed(MappingWritesResultSchema, json, 'mapping writes').results;
    },

    /** Who this desk's token belongs to (`coordinator: null`: the shared feed token). */
    async me(opts: { signal?: AbortSignal } = {}): Promise<Me> {
      return parsed(MeSchema, await request('GET', '/v1/me', undefined, opts.signal), 'who-am-I');
    },

    /** Claims orders; throws kind `claimed` (with the holders' claims) unless `takeover`. */
    async claim(orders: OrderRef[], takeover: boolean): Promise<Claim[]> {
      const json = await request('POST', '/v1/claims', { orders, takeover }, undefined);
      return parsed(ClaimsAnswerSchema, json, 'claim').claims;
    },

    async release(orders: OrderRef[]): Promise<OrderRef[]> {
      const json = await request('POST', '/v1/claims/release', { orders }, undefined);
      return parsed(ReleaseAnswerSchema, json, 'release').released;
    },

    /** Reports a result outcome; sending the same `reportId` again is harmless. */
    async reportResult(report: ResultReportRequest, opts: { signal?: AbortSignal } = {}) {
      await request('POST', '/v1/result-reports', report, opts.signal);
    },

    async getCatalog(opts: { signal?: AbortSignal } = {}): Promise<Catalog> {
      const json = await request('GET', '/v1/assessment-packages', undefined, opts.signal);
      const parsed = CatalogSchema.safeParse(json);
      if (!parsed.success) {
        throw new GatewayClientError(
          'unexpected',
          'The order gateway sent a catalog this desk cannot read.',
        );
      }
      return parsed.data;
    },
  };
}

/** A 409 of a team record write carries the outcome as its body: read it like a 200. */
async function conflictAnswer(send: () => Promise<unknown>): Promise<unknown> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof GatewayClientError && error.kind === 'conflict' && error.details) {
      return error.details;
    }
    throw error;
  }
}

function parsed<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const result = schema.safeParse(json);
  if (!result.success) {
    throw new GatewayClientError(
      'unexpected',
      `The order gateway answered the ${what} request in a shape this desk cannot read.`,
    );
  }
  return result.data;
}

function httpFailure(status: number, text: string, retryAfter: string | null): GatewayClientError {
  let body: z.infer<typeof GatewayErrorSchema> | null;
  try {
    const parsed = GatewayErrorSchema.safeParse(JSON.parse(text));
    body = parsed.success ? parsed.data : null;
  } catch {
    // A proxy's HTML error page: the status alone decides.
    body = null;
  }
  const retryAfterMs = parseRetryAfter(retryAfter);
  if (status === 409 && body?.error === 'cursor_from_other_inbox') {
    return new GatewayClientError(
      'cursor_reset',
      'The order gateway was reset; the desk reads its orders again from the beginning.',
      status,
    );
  }
  if (status === 409 && body?.error === 'claimed') {
    let claims: Claim[] = [];
    try {
      claims = ClaimsAnswerSchema.parse(JSON.parse(text)).claims;
    } catch {
      // The holders are a courtesy; the refusal stands without them.
    }
    return new GatewayClientError('claimed', body.message, status, null, { claims });
  }
  if (status === 403 && body?.error === 'forbidden') {
    return new GatewayClientError(
      'rejected',
      'Claims need your own coordinator token; this workspace uses the shared gateway token. Ask for a coordinator token and enter it in Settings.',
      status,
    );
  }
  if (status === 409) {
    const conflict = new GatewayClientError(
      'conflict',
      'The record changed on the order gateway since this desk read it.',
      status,
    );
    try {
      conflict.details = JSON.parse(text) as unknown;
    } catch {
      // No body to show; the caller reads the current record itself.
    }
    return conflict;
  }
  if (status === 401 || status === 403) {
    return new GatewayClientError(
      'unauthorized',
      'The order gateway refused the feed token. Check the gateway token in the workspace settings.',
      status,
    );
  }
  if (status >= 500 || status === 408 || status === 429) {
    return new GatewayClientError(
      'server_error',
      `The order gateway had a problem (${status}). The desk will try again.`,
      status,
      retryAfterMs,
    );
  }
  const said = body?.message ? ` It said: "${body.message.slice(0, 200)}".` : '';
  return new GatewayClientError(
    'rejected',
    `The order gateway refused the request (${status}).${said}`,
    status,
  );
}
