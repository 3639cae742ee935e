import type { RunningSandbox } from '../sandbox';

/**
 * A tiny fetch client for tests and benchmarks of the sandbox itself (the desk has its own
 * StackOne client). Returns status, headers and parsed JSON, never throws on HTTP errors.
 */

export interface CallResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  method?: string;
  account?: string | null;
  body?: unknown;
  apiKey?: string | null;
  headers?: Record<string, string>;
}

/**
 * Response bodies in tests: shapes are asserted by the tests (and by the conformance test against
 * the spec), so a static type would only duplicate them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type LooseJson = any;

export function basicAuth(apiKey: string): string {
  return `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
}

export function sandboxClient(sb: Pick<RunningSandbox, 'url' | 'apiKey' | 'accounts'>) {
  const defaultAccount = sb.accounts[0]?.id ?? null;
  return async function call<T = LooseJson>(
    path: string,
    options: CallOptions = {},
  ): Promise<CallResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.apiKey === undefined ? sb.apiKey : options.apiKey;
    if (key !== null) headers.authorization = basicAuth(key);
    const account = options.account === undefined ? defaultAccount : options.account;
    if (account !== null) headers['x-account-id'] = account;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(sb.url + path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: (text ? JSON.parse(text) : undefined) as T,
    };
  };
}
