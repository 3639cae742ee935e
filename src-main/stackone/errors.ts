import { z } from 'zod';

/**
 * Typed failures of the StackOne client. Every message is written for a coordinator (plain words,
 * what to do next) and never contains the API key: errors are built only from the status, the
 * server's error body, the HTTP method and the URL *path* (no query string, no headers).
 */

export type StackOneErrorKind =
  | 'bad_request'
  | 'bad_key'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'suspended'
  | 'unprocessable'
  | 'rate_limited'
  | 'timeout'
  | 'not_supported'
  | 'server_error'
  | 'unreachable'
  | 'aborted'
  | 'outcome_unknown'
  | 'unexpected';

export interface RequestSummary {
  method: string;
  /** URL path only: the query may hold cursors and filters that are noise in a message. */
  path: string;
}

export abstract class StackOneError extends Error {
  abstract readonly kind: StackOneErrorKind;
  readonly method: string;
  readonly path: string;

  protected constructor(message: string, request: RequestSummary, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.method = request.method;
    this.path = request.path;
  }
}

/** `provider_errors[]` of a 400: the underlying ATS's own answer, passed through by StackOne. */
const providerErrorSchema = z.looseObject({
  status: z.number().nullish(),
  url: z.string().nullish(),
  raw: z.unknown().optional(),
  headers: z.unknown().optional(),
});

/**
 * The spec's error body (`statusCode`, `message`, `timestamp`, plus `data` and `provider_errors`
 * on 400). Parsed leniently: a proxy or load balancer may answer with HTML or another JSON shape,
 * and that must still become a typed error rather than a parse failure.
 */
const errorBodySchema = z.looseObject({
  statusCode: z.number().optional().catch(undefined),
  message: z.string().optional().catch(undefined),
  timestamp: z.string().optional().catch(undefined),
  data: z.unknown().optional(),
  provider_errors: z.array(providerErrorSchema).nullish().catch(undefined),
});

export type StackOneErrorBody = z.infer<typeof errorBodySchema>;
export type ProviderError = z.infer<typeof providerErrorSchema>;

export function parseErrorBody(text: string): StackOneErrorBody | null {
  if (!text) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = errorBodySchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

const KIND_BY_STATUS: Record<number, StackOneErrorKind> = {
  400: 'bad_request',
  401: 'bad_key',
  403: 'forbidden',
  404: 'not_found',
  408: 'timeout',
  409: 'conflict',
  412: 'suspended',
  422: 'unprocessable',
  429: 'rate_limited',
  501: 'not_supported',
};

function kindForStatus(status: number): StackOneErrorKind {
  return KIND_BY_STATUS[status] ?? (status >= 500 ? 'server_error' : 'unexpected');
}

function describeStatus(status: number, retryAfterMs: number | null): string {
  const retry =
    retryAfterMs === null ? '' : ` StackOne asks to wait ${Math.ceil(retryAfterMs / 1000)} s.`;
  switch (kindForStatus(status)) {
    case 'bad_request':
      return 'StackOne or the ATS refused the request as invalid (400).';
    case 'bad_key':
      return 'StackOne rejected the API key (401). Check the key in the workspace settings.';
    case 'forbidden':
      return 'The API key is not allowed to do this (403): it lacks the needed scope (a read-only key cannot send results or change packages).';
    case 'not_found':
      return 'StackOne does not know this linked account or record (404). Check the account id, or the record may have been deleted in the ATS.';
    case 'conflict':
      return 'The ATS reported a conflict with the current state of the record (409).';
    case 'suspended':
      return 'The linked account is suspended or its integration is disabled in StackOne (412). Reconnect the account in StackOne.';
    case 'unprocessable':
      return 'The ATS could not process the request (422).';
    case 'rate_limited':
      return `StackOne's rate limit was reached (429).${retry}`;
    case 'timeout':
      return `StackOne timed out waiting for the ATS (408).${retry}`;
    case 'not_supported':
      return 'The connected ATS does not support this operation (501).';
    case 'server_error':
      return `StackOne or the ATS had a server error (${status}). Try again later.`;
    default:
      return `StackOne answered with an unexpected status (${status}).`;
  }
}

function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A non-2xx answer from StackOne. */
export class StackOneHttpError extends StackOneError {
  readonly kind: StackOneErrorKind;
  readonly status: number;
  /** The spec's error body when the answer had one, else null. */
  readonly body: StackOneErrorBody | null;
  /** The raw response text (kept for the audit log / quarantine; never shown as-is). */
  readonly bodyText: string;
  readonly providerErrors: ProviderError[];
  /** From `Retry-After`, when present and parseable. */
  readonly retryAfterMs: number | null;

  constructor(init: {
    request: RequestSummary;
    status: number;
    bodyText: string;
    retryAfterMs: number | null;
  }) {
    const body = parseErrorBody(init.bodyText);
    const serverSaid = body?.message ? ` StackOne said: "${clip(body.message)}".` : '';
    const providerErrors = body?.provider_errors ?? [];
    const providerSaid = providerErrors.length
      ? ` The ATS answered ${providerErrors.map((e) => e.status ?? '?').join(', ')}.`
      : '';
    super(
      `${describeStatus(init.status, init.retryAfterMs)}${serverSaid}${providerSaid}`,
      init.request,
    );
    this.kind = kindForStatus(init.status);
    this.status = init.status;
    this.body = body;
    this.bodyText = init.bodyText;
    this.providerErrors = providerErrors;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** No HTTP answer at all: DNS, TCP, TLS or a dropped connection. */
export class StackOneNetworkError extends StackOneError {
  readonly kind = 'unreachable' as const;
  constructor(request: RequestSummary, cause: unknown) {
    super(
      'Could not reach StackOne. Check the internet connection (or the proxy) and try again.',
      request,
      { cause },
    );
  }
}

/** The client's own deadline for one attempt passed (set above StackOne's 60 s lifetime). */
export class StackOneTimeoutError extends StackOneError {
  readonly kind = 'timeout' as const;
  readonly timeoutMs: number;
  constructor(request: RequestSummary, timeoutMs: number) {
    super(
      `StackOne did not answer within ${Math.round(timeoutMs / 1000)} s. Try again later.`,
      request,
    );
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal fired. */
export class StackOneAbortedError extends StackOneError {
  readonly kind = 'aborted' as const;
  constructor(request: RequestSummary, cause?: unknown) {
    super('The request to StackOne was cancelled.', request, { cause });
  }
}

/**
 * A non-idempotent call (package create) failed in a way that does not tell whether StackOne
 * acted on it: 408, 5xx, a network failure or our timeout after the request was sent. It is
 * never retried automatically; the caller reconciles (lists packages) before trying again.
 */
export class StackOneOutcomeUnknownError extends StackOneError {
  readonly kind = 'outcome_unknown' as const;
  constructor(request: RequestSummary, cause: StackOneError) {
    super(
      `It is not known whether StackOne carried out this change: ${cause.message} Check the current state before trying again.`,
      request,
      { cause },
    );
  }
}

/** StackOne answered 2xx but with something this client cannot read (e.g. not JSON). */
export class StackOneUnexpectedResponseError extends StackOneError {
  readonly kind = 'unexpected' as const;
  constructor(request: RequestSummary, detail: string, cause?: unknown) {
    super(`StackOne sent an answer this app cannot read: ${detail}`, request, { cause });
  }
}

export function isStackOneError(error: unknown): error is StackOneError {
  return error instanceof StackOneError;
}
