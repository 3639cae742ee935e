/**
 * Errors in the spec's shape: every error status answers `{ statusCode, message, timestamp }`;
 * 400 may add `data` (UnifiedError) and `provider_errors`.
 */

export interface ErrorBody {
  statusCode: number;
  message: string;
  timestamp: string;
  data?: { statusCode: number; message: string; headers: Record<string, string> } | null;
  provider_errors?:
    | {
        status: number;
        url: string;
        raw: Record<string, unknown>;
        headers: Record<string, string>;
      }[]
    | null;
}

export const STATUS_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request timed out',
  409: 'Conflict',
  412: 'Precondition failed: linked account belongs to a disabled integration.',
  422: 'Unprocessable Entity',
  429: 'Too many requests',
  500: 'Internal server error',
  501: 'This functionality is not implemented.',
  502: 'Bad gateway error',
  503: 'Service Unavailable',
};

export class SandboxHttpError extends Error {
  constructor(
    readonly statusCode: number,
    message?: string,
    /** Seconds, sent as the `Retry-After` header (429, 408, 503). */
    readonly retryAfterSeconds?: number,
    readonly extra?: Pick<ErrorBody, 'data' | 'provider_errors'>,
  ) {
    super(message ?? STATUS_MESSAGES[statusCode] ?? `HTTP ${statusCode}`);
  }
}

export function errorBody(
  statusCode: number,
  message?: string,
  extra?: Pick<ErrorBody, 'data' | 'provider_errors'>,
): ErrorBody {
  return {
    statusCode,
    message: message ?? STATUS_MESSAGES[statusCode] ?? `HTTP ${statusCode}`,
    timestamp: new Date().toISOString(),
    ...extra,
  };
}
