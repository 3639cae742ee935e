import { createStackOneClient, DEFAULT_BASE_URL } from './client';
import { StackOneError, StackOneHttpError } from './errors';
import type { BudgetOptions, RequestBudget } from './http/budget';
import { NO_RETRY } from './http/retry';
import type { FetchFn } from './http/transport';

export type ConnectionReason =
  | 'ok'
  | 'bad_key'
  | 'forbidden'
  | 'unknown_account'
  | 'suspended'
  | 'unreachable'
  | 'rate_limited'
  | 'timeout'
  | 'server_error'
  | 'unexpected';

export interface ConnectionCheck {
  accountId: string;
  ok: boolean;
  reason: ConnectionReason;
  /** Plain words for the settings screen; never contains the API key. */
  message: string;
}

export interface TestConnectionOptions {
  baseUrl?: string;
  apiKey: string;
  accountIds: readonly string[];
  fetch?: FetchFn;
  timeoutMs?: number;
  signal?: AbortSignal;
  budget?: RequestBudget | BudgetOptions;
}

const MESSAGES: Record<ConnectionReason, string> = {
  ok: 'Connected: StackOne accepted the key and answered for this account.',
  bad_key:
    'StackOne rejected the API key. Check that it was copied in full and has not been revoked.',
  forbidden:
    'The API key is valid but not allowed to read ATS data. Give the key the needed scope in StackOne.',
  unknown_account: 'StackOne does not know this account id, or the key belongs to another project.',
  suspended:
    'This linked account is suspended or its integration is disabled. Reconnect it in StackOne.',
  unreachable:
    'Could not reach StackOne. Check the internet connection, the proxy and the base URL.',
  rate_limited: 'StackOne is rate limiting this key right now. Wait a minute and try again.',
  timeout: 'StackOne or the ATS took too long to answer. Try again later.',
  server_error: 'StackOne or the ATS had a server error. Try again later.',
  unexpected: 'StackOne gave an unexpected answer.',
};

function reasonFor(error: unknown): ConnectionReason {
  if (!(error instanceof StackOneError)) return 'unexpected';
  if (error instanceof StackOneHttpError && error.status === 404) return 'unknown_account';
  switch (error.kind) {
    case 'bad_key':
    case 'forbidden':
    case 'suspended':
    case 'unreachable':
    case 'rate_limited':
    case 'timeout':
    case 'server_error':
      return error.kind;
    default:
      return 'unexpected';
  }
}

/**
 * "Test connection": one cheap real call per linked account (`GET /unified/ats/jobs?page_size=1`),
 * without retries, so the coordinator learns at once what is wrong. Accounts are checked in
 * parallel; every call still draws from the key's shared request budget.
 */
export async function testConnection(options: TestConnectionOptions): Promise<ConnectionCheck[]> {
  return Promise.all(
    options.accountIds.map(async (accountId): Promise<ConnectionCheck> => {
      const client = createStackOneClient({
        apiKey: options.apiKey,
        accountId,
        baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
        fetch: options.fetch,
        timeoutMs: options.timeoutMs,
        retry: NO_RETRY,
        budget: options.budget,
      });
      try {
        const pages = client.paginate('/unified/ats/jobs', { pageSize: 1, signal: options.signal });
        await pages.next();
        await pages.return();
        return { accountId, ok: true, reason: 'ok', message: MESSAGES.ok };
      } catch (error) {
        const reason = reasonFor(error);
        const detail =
          reason === 'unexpected' && error instanceof StackOneError ? ` ${error.message}` : '';
        return { accountId, ok: false, reason, message: MESSAGES[reason] + detail };
      }
    }),
  );
}
