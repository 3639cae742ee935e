import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createStackOneClient,
  MAX_STALLED_PAGES,
  RequestBudget,
  StackOneAbortedError,
  StackOneHttpError,
  StackOneNetworkError,
  StackOneOutcomeUnknownError,
  StackOneTimeoutError,
  StackOneUnexpectedResponseError,
  testConnection,
  type StackOneClientOptions,
} from '../src-main/stackone';

/**
 * The StackOne client against a tiny scriptable HTTP server: each test sets `handler`, and every
 * request is logged with its arrival time, so timing claims (Retry-After, budget) are measured
 * where the server sees them.
 */
interface Logged {
  at: number;
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}
type Reply = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang';
type Handler = (req: Logged, index: number) => Reply | Promise<Reply>;

const API_KEY = 'sk_test_NOT_A_REAL_KEY_4f9a';
let server: Server;
let baseUrl: string;
let handler: Handler;
let log: Logged[];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry: Logged = {
        at: performance.now(),
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://fake'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const index = log.push(entry) - 1;
      void Promise.resolve(handler(entry, index)).then((reply) => {
        if (reply === 'hang') return;
        const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  log = [];
  handler = () => ({ status: 500 });
});

function client(overrides: Partial<StackOneClientOptions> = {}) {
  return createStackOneClient({
    apiKey: API_KEY,
    accountId: 'acct-1',
    baseUrl,
    // A private budget per client keeps tests independent of the process-wide registry.
    budget: new RequestBudget({ limit: 1_000, windowMs: 60_000 }),
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    ...overrides,
  });
}

function errorBody(status: number, message: string, extra: Record<string, unknown> = {}) {
  return { statusCode: status, message, timestamp: '2026-01-01T00:00:00.000Z', ...extra };
}

const ok = (body: unknown): Reply => ({ status: 200, body });

async function captureError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

async function drain<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('requests', () => {
  it('authenticates with Basic <key>: and sends x-account-id on every call', async () => {
    handler = () => ok({ data: { id: 'c1', first_name: 'Ada' } });
    const result = await client().getCandidate('c1');
    expect(result.ok && result.record.first_name).toBe('Ada');
    const [req] = log;
    expect(req?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`,
    );
    expect(Buffer.from(req?.headers.authorization?.slice(6) ?? '', 'base64').toString()).toBe(
      `${API_KEY}:`,
    );
    expect(req?.headers['x-account-id']).toBe('acct-1');
    expect(req?.url.pathname).toBe('/unified/ats/candidates/c1');
  });

  it('escapes ids in paths', async () => {
    handler = () => ok({ data: { id: 'a/b c' } });
    await client().getJob('a/b c');
    expect(log[0]?.url.pathname).toBe('/unified/ats/jobs/a%2Fb%20c');
  });

  it('sends result PATCHes as JSON and returns the UpdateResult', async () => {
    handler = () =>
      ok({
        statusCode: 200,
        message: 'Record updated successfully.',
        timestamp: '2026-01-01T00:00:00.000Z',
      });
    const res = await client({ accountId: 'acct-9' }).updateAssessmentResult('ord-1', {
      result: { value: 'passed', source_value: 'PASS' },
      score: { label: 'Score', value: '80', min: '0', max: '100' },
    });
    expect(res?.message).toBe('Record updated successfully.');
    const [req] = log;
    expect(req?.method).toBe('PATCH');
    expect(req?.url.pathname).toBe('/unified/ats/assessments/orders/ord-1/result');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['x-account-id']).toBe('acct-9');
    expect(JSON.parse(req?.body ?? '')).toMatchObject({
      result: { value: 'passed' },
      score: { value: '80' },
    });
  });
});

describe('pagination', () => {
  it('follows `next` through short and empty pages and yields every record exactly once', async () => {
    const ids = Array.from({ length: 23 }, (_, i) => `c${i}`);
    const pageSizes = [5, 0, 3, 10, 5];
    handler = (req) => {
      const page = Number(req.url.searchParams.get('next') ?? '0');
      const start = pageSizes.slice(0, page).reduce((a, b) => a + b, 0);
      const data = ids.slice(start, start + (pageSizes[page] ?? 0)).map((id) => ({ id }));
      const next = page + 1 < pageSizes.length ? String(page + 1) : null;
      return ok({ data, next });
    };
    const pages = await drain(
      client().listCandidates({ pageSize: 10, updatedAfter: '2026-01-01T00:00:00.000Z' }),
    );
    const seen = pages.flatMap((p) => p.valid.map((v) => v.record.id));
    expect(seen).toEqual(ids);
    expect(new Set(seen).size).toBe(23);
    expect(log).toHaveLength(5);
    for (const req of log) {
      expect(req.url.searchParams.get('page_size')).toBe('10');
      // deepObject: the literal key is `filter[updated_after]`.
      expect(req.url.search).toContain('filter[updated_after]=2026-01-01T00%3A00%3A00.000Z');
      expect(req.url.searchParams.get('filter[updated_after]')).toBe('2026-01-01T00:00:00.000Z');
    }
    expect(log[0]?.url.searchParams.has('next')).toBe(false);
    expect(log.slice(1).map((r) => r.url.searchParams.get('next'))).toEqual(['1', '2', '3', '4']);
  });

  it('stops on a blank cursor and splits invalid records out of a page', async () => {
    handler = () => ok({ data: [{ id: 'j1' }, { title: 'no id' }], next: '' });
    const pages = await drain(client().listJobs());
    expect(pages).toHaveLength(1);
    expect(pages[0]?.valid.map((v) => v.record.id)).toEqual(['j1']);
    expect(pages[0]?.invalid[0]?.raw).toEqual({ title: 'no id' });
    expect(log[0]?.url.searchParams.get('page_size')).toBe('100');
  });

  it('tolerates an empty page that hands back the same cursor, within a bound', async () => {
    handler = (req, i) => {
      const next = req.url.searchParams.get('next');
      if (next === null) return ok({ data: [{ id: 'j0' }], next: 'c1' });
      if (i < 4) return ok({ data: [], next: 'c1' }); // nothing yet: ask again from here
      return ok({ data: [{ id: 'j1' }], next: null });
    };
    const pages = await drain(client().listJobs());
    expect(pages.flatMap((p) => p.valid.map((v) => v.record.id))).toEqual(['j0', 'j1']);
    expect(log).toHaveLength(5);
  });

  it('fails loudly on a cursor that never advances or goes back, instead of paging forever', async () => {
    handler = () => ok({ data: [], next: 'same' });
    expect(await captureError(drain(client().listJobPostings()))).toBeInstanceOf(
      StackOneUnexpectedResponseError,
    );
    expect(log.length).toBe(MAX_STALLED_PAGES + 2);

    log = [];
    handler = (req) => {
      const next = req.url.searchParams.get('next');
      return ok({
        data: [{ id: `r-${next}` }],
        next: next === 'b' ? 'a' : next === 'a' ? 'b' : 'a',
      });
    };
    expect(await captureError(drain(client().listJobs()))).toBeInstanceOf(
      StackOneUnexpectedResponseError,
    );
    expect(log.length).toBe(3);
  });

  it('rejects an out-of-range page size before calling', () => {
    expect(() => client().paginate('/unified/ats/jobs', { pageSize: 500 })).toThrow(RangeError);
  });
});

describe('retries', () => {
  it('honours Retry-After in seconds on 429', async () => {
    handler = (_req, i) =>
      i === 0
        ? { status: 429, headers: { 'retry-after': '1' }, body: errorBody(429, 'Too many') }
        : ok({ data: { id: 'c1' } });
    await client().getCandidate('c1');
    expect(log).toHaveLength(2);
    expect((log[1]?.at ?? 0) - (log[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  it('honours Retry-After as an HTTP date on 408', async () => {
    let notBefore = 0;
    handler = (_req, i) => {
      if (i > 0) return ok({ data: { id: 'c1' } });
      const date = new Date(Date.now() + 2_000).toUTCString();
      notBefore = Date.parse(date);
      return {
        status: 408,
        headers: { 'retry-after': date },
        body: errorBody(408, 'Request timed out'),
      };
    };
    const wallAtSecond: number[] = [];
    const original = handler;
    handler = (req, i) => {
      if (i === 1) wallAtSecond.push(Date.now());
      return original(req, i);
    };
    await client().getCandidate('c1');
    expect(log).toHaveLength(2);
    expect(wallAtSecond[0]).toBeGreaterThanOrEqual(notBefore);
  });

  it('backs off with bounded full jitter and gives up after maxAttempts', async () => {
    handler = () => ({ status: 503, body: errorBody(503, 'Service unavailable') });
    const delays: number[] = [];
    const error = await captureError(
      client({
        retry: { maxAttempts: 4, baseDelayMs: 40, maxDelayMs: 100 },
        random: () => 0.999,
        onRetry: (e) => delays.push(e.delayMs),
      }).getJob('j1'),
    );
    expect(error).toBeInstanceOf(StackOneHttpError);
    expect((error as StackOneHttpError).kind).toBe('server_error');
    expect(log).toHaveLength(4);
    expect(delays).toHaveLength(3);
    [40, 80, 100].forEach((ceiling, i) => {
      expect(delays[i]).toBeLessThan(ceiling);
      expect(delays[i]).toBeGreaterThanOrEqual(ceiling - 1);
    });
  });

  it('gives up at once when Retry-After is beyond the total retry time, keeping retryAfterMs', async () => {
    handler = () => ({
      status: 429,
      headers: { 'retry-after': '120' },
      body: errorBody(429, 'Slow down'),
    });
    const error = await captureError(client({ retry: { maxElapsedMs: 5_000 } }).getJob('j1'));
    expect(log).toHaveLength(1);
    expect(error).toBeInstanceOf(StackOneHttpError);
    expect((error as StackOneHttpError).retryAfterMs).toBe(120_000);
    expect((error as Error).message).toMatch(/rate limit.*120 s/);
  });

  it('does not retry 4xx (other than 408/429) or 501', async () => {
    for (const status of [400, 401, 404, 412, 422, 501]) {
      log = [];
      handler = () => ({ status, body: errorBody(status, `status ${status}`) });
      const error = await captureError(client().getJob('j1'));
      expect(error).toBeInstanceOf(StackOneHttpError);
      expect(log).toHaveLength(1);
    }
  });

  it('retries idempotent writes (result PATCH, package DELETE)', async () => {
    handler = (_req, i) =>
      i === 0
        ? { status: 502, body: errorBody(502, 'Bad gateway') }
        : ok({ statusCode: 200, message: 'ok', timestamp: 'x' });
    await client().updateBackgroundCheckResult('o1', {
      result: { value: 'completed', source_value: null },
    });
    expect(log.map((r) => r.method)).toEqual(['PATCH', 'PATCH']);
    expect(log[1]?.body).toBe(log[0]?.body);
    log = [];
    await client().deleteBackgroundCheckPackage('p1');
    expect(log.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
  });
});

describe('package create (not idempotent)', () => {
  const body = { name: 'Basic check', description: 'Identity', tests: [{ id: 't1', name: 'ID' }] };

  it('returns the CreateResult on 201', async () => {
    handler = () => ({
      status: 201,
      body: {
        statusCode: 201,
        message: 'Record created successfully.',
        timestamp: 'x',
        data: { id: 'p9' },
      },
    });
    const res = await client().createBackgroundCheckPackage(body);
    expect(res?.data.id).toBe('p9');
    expect(JSON.parse(log[0]?.body ?? '')).toEqual(body);
  });

  it.each([408, 500, 502])(
    'is not retried after %i and reports the outcome as unknown',
    async (status) => {
      handler = () => ({
        status,
        headers: { 'retry-after': '0' },
        body: errorBody(status, 'upstream trouble'),
      });
      const error = await captureError(client().createBackgroundCheckPackage(body));
      expect(error).toBeInstanceOf(StackOneOutcomeUnknownError);
      expect((error as StackOneOutcomeUnknownError).kind).toBe('outcome_unknown');
      expect(((error as Error).cause as StackOneHttpError).status).toBe(status);
      expect(log).toHaveLength(1);
    },
  );

  it('reports our own timeout on a create as outcome unknown too', async () => {
    handler = () => 'hang';
    const error = await captureError(client({ timeoutMs: 150 }).createBackgroundCheckPackage(body));
    expect(error).toBeInstanceOf(StackOneOutcomeUnknownError);
    expect((error as Error).cause).toBeInstanceOf(StackOneTimeoutError);
    expect(log).toHaveLength(1);
  });

  it('treats a 429 on create as a definite refusal (not retried, not unknown)', async () => {
    handler = () => ({
      status: 429,
      headers: { 'retry-after': '1' },
      body: errorBody(429, 'Too many'),
    });
    const error = await captureError(client().createBackgroundCheckPackage(body));
    expect(error).toBeInstanceOf(StackOneHttpError);
    expect((error as StackOneHttpError).kind).toBe('rate_limited');
    expect(log).toHaveLength(1);
  });
});

describe('errors', () => {
  it('parses the spec error body including provider_errors, and never leaks the key', async () => {
    handler = () => ({
      status: 400,
      body: errorBody(400, 'Invalid request to provider', {
        data: { statusCode: 422, message: 'Unprocessable', headers: {} },
        provider_errors: [
          {
            status: 422,
            url: 'https://ats.example/api',
            raw: { error: 'score out of range' },
            headers: {},
          },
        ],
      }),
    });
    const error = (await captureError(
      client().updateAssessmentResult('o1', { summary: 'x' }),
    )) as StackOneHttpError;
    expect(error).toBeInstanceOf(StackOneHttpError);
    expect(error.kind).toBe('bad_request');
    expect(error.status).toBe(400);
    expect(error.body?.message).toBe('Invalid request to provider');
    expect(error.body?.timestamp).toBe('2026-01-01T00:00:00.000Z');
    expect(error.providerErrors[0]?.status).toBe(422);
    expect(error.providerErrors[0]?.raw).toEqual({ error: 'score out of range' });
    expect(error.message).toContain('Invalid request to provider');
    expect(error.path).toBe('/unified/ats/assessments/orders/o1/result');
  });

  it.each([
    [401, 'bad_key', /StackOne rejected the API key/],
    [403, 'forbidden', /scope/],
    [404, 'not_found', /linked account or record/],
    [412, 'suspended', /suspended/],
    [501, 'not_supported', /does not support/],
  ])('explains %i in plain words', async (status, kind, text) => {
    handler = () => ({ status, body: errorBody(status, 'x') });
    const error = (await captureError(client().getCandidate('c1'))) as StackOneHttpError;
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(text);
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain(API_KEY);
  });

  it('copes with a non-JSON error body', async () => {
    handler = () => ({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html>Bad gateway</html>',
    });
    const error = (await captureError(
      client({ retry: { maxAttempts: 1 } }).getJob('j1'),
    )) as StackOneHttpError;
    expect(error.status).toBe(502);
    expect(error.body).toBeNull();
    expect(error.bodyText).toContain('Bad gateway');
  });

  it('reports a non-JSON 2xx as unexpected', async () => {
    handler = () => ({ status: 200, body: 'not json' });
    const error = await captureError(client().getJob('j1'));
    expect(error).toBeInstanceOf(StackOneUnexpectedResponseError);
  });

  it('reports an unreachable host', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await captureError(
      client({ baseUrl: `http://127.0.0.1:${port}`, retry: { maxAttempts: 1 } }).getJob('j1'),
    );
    expect(error).toBeInstanceOf(StackOneNetworkError);
  });
});

describe('timeouts and cancellation', () => {
  it('times out each attempt and retries GETs within the attempt limit', async () => {
    handler = () => 'hang';
    const error = await captureError(
      client({ timeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 1 } }).getJob('j1'),
    );
    expect(error).toBeInstanceOf(StackOneTimeoutError);
    expect(log).toHaveLength(2);
  });

  it('aborts an in-flight request when the caller aborts', async () => {
    handler = () => 'hang';
    const controller = new AbortController();
    const started = performance.now();
    const pending = captureError(client().getJob('j1', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    expect(await pending).toBeInstanceOf(StackOneAbortedError);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('aborts while waiting out a Retry-After', async () => {
    handler = () => ({
      status: 429,
      headers: { 'retry-after': '30' },
      body: errorBody(429, 'Too many'),
    });
    const controller = new AbortController();
    const pending = captureError(client().getJob('j1', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 150);
    expect(await pending).toBeInstanceOf(StackOneAbortedError);
    expect(log).toHaveLength(1);
  });

  it('aborts a listing between pages', async () => {
    const controller = new AbortController();
    handler = (_req, i) => {
      if (i === 1) controller.abort();
      return i === 1 ? 'hang' : ok({ data: [{ id: `j${i}` }], next: `n${i}` });
    };
    const error = await captureError(drain(client().listJobs({ signal: controller.signal })));
    expect(error).toBeInstanceOf(StackOneAbortedError);
  });
});

describe('request budget', () => {
  it('never lets the server see more than the budget in any window, retries included', async () => {
    // The guard absorbs the spread in latency between fresh and reused connections (measured at
    // up to ~100 ms here for the first burst), which the server sees but the client cannot.
    const budget = new RequestBudget({ limit: 10, windowMs: 1_000, guardMs: 300 });
    handler = (_req, i) =>
      i % 7 === 3 ? { status: 503, body: errorBody(503, 'x') } : ok({ data: { id: 'j' } });
    const c = client({ budget, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    const started = performance.now();
    await Promise.all(Array.from({ length: 25 }, (_, i) => c.getJob(`j${i}`)));
    const total = log.length;
    expect(total).toBeGreaterThan(25); // some 503s were retried and counted
    for (const req of log) {
      const inWindow = log.filter((r) => r.at >= req.at && r.at < req.at + 1_000).length;
      expect(inWindow).toBeLessThanOrEqual(10);
    }
    // 26+ requests at 10 per second cannot finish in under 2 windows.
    expect(performance.now() - started).toBeGreaterThanOrEqual(2_000);
  });
});

describe('testConnection', () => {
  it('checks each account with one call and explains each outcome', async () => {
    const statusByAccount: Record<string, number> = {
      good: 200,
      gone: 404,
      paused: 412,
      busy: 429,
      broken: 500,
    };
    handler = (req) => {
      const status = statusByAccount[String(req.headers['x-account-id'])] ?? 500;
      return status === 200
        ? ok({ data: [], next: 'more' })
        : { status, body: errorBody(status, 'x') };
    };
    const results = await testConnection({
      baseUrl,
      apiKey: 'sk_conn_test',
      accountIds: Object.keys(statusByAccount),
    });
    expect(results.map((r) => [r.accountId, r.ok, r.reason])).toEqual([
      ['good', true, 'ok'],
      ['gone', false, 'unknown_account'],
      ['paused', false, 'suspended'],
      ['busy', false, 'rate_limited'],
      ['broken', false, 'server_error'],
    ]);
    // One call per account: no retries, and no second page for the account that has more.
    expect(log).toHaveLength(5);
    for (const req of log) {
      expect(req.url.pathname).toBe('/unified/ats/jobs');
      expect(req.url.searchParams.get('page_size')).toBe('1');
    }
    for (const r of results) expect(r.message).not.toContain('sk_conn_test');
  });

  it('tells a rejected key and an unreachable service apart', async () => {
    handler = () => ({ status: 401, body: errorBody(401, 'Unauthorized') });
    const [bad] = await testConnection({ baseUrl, apiKey: 'sk_wrong', accountIds: ['a'] });
    expect(bad).toMatchObject({ ok: false, reason: 'bad_key' });
    expect(bad?.message).toMatch(/rejected the API key/);

    const [down] = await testConnection({
      baseUrl: 'http://127.0.0.1:9',
      apiKey: 'sk_wrong',
      accountIds: ['a'],
    });
    expect(down).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('reports a timeout', async () => {
    handler = () => 'hang';
    const [slow] = await testConnection({
      baseUrl,
      apiKey: 'sk_slow',
      accountIds: ['a'],
      timeoutMs: 150,
    });
    expect(slow).toMatchObject({ ok: false, reason: 'timeout' });
  });
});
