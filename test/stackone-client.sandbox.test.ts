import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RequestLogEntry, type RunningSandbox } from '../src-sandbox';
import {
  createStackOneClient,
  RequestBudget,
  StackOneAbortedError,
  StackOneHttpError,
  StackOneOutcomeUnknownError,
  testConnection,
  type StackOneClientOptions,
} from '../src-main/stackone';

/**
 * The desk's StackOne client against the sandbox: every endpoint the desk uses answers in the
 * spec's shapes (checked here with our own ajv set-up, independent of the sandbox's validator),
 * and the client's retry, paging and budget behaviour holds where the server can see it.
 */

// ---- spec response validation -------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const spec = JSON.parse(
  readFileSync(new URL('../resources/stackone/ats-openapi.json', import.meta.url), 'utf8'),
) as {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: Json }> }> }>
  >;
  components: { schemas: Record<string, Json> };
};

function isObject(node: Json | undefined): node is JsonObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/**
 * OpenAPI 3.0 → JSON Schema 2020-12 for ajv: the spec still uses `nullable: true` (also beside
 * `allOf` without `type`), and `$ref`s point into `#/components/schemas`, which we register as the
 * `$defs` of one document.
 */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'example' || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', 'ats#/$defs/');
    } else if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]),
      );
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if (node.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'ats', $defs: toJsonSchema(spec.components.schemas as Json) });
const validators = new Map<string, ValidateFunction>();

function expectMatchesSpec(method: string, path: string, status: number, body: unknown): void {
  const key = `${method} ${path} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const schema =
      spec.paths[path]?.[method.toLowerCase()]?.responses[String(status)]?.content?.[
        'application/json'
      ]?.schema;
    if (schema === undefined) throw new Error(`the spec declares no JSON body for ${key}`);
    validate = ajv.compile(toJsonSchema(schema) as JsonObject);
    validators.set(key, validate);
  }
  const valid = validate(body);
  expect(valid, `${key}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`).toBe(true);
}

// ---- sandbox ------------------------------------------------------------------------------------

let sb: RunningSandbox;
let accountId: string;

beforeAll(async () => {
  sb = await startSandbox({ seed: 11, accounts: 2, orders: 40 });
  accountId = sb.accounts[0]?.id ?? '';
});

afterAll(async () => {
  await sb?.close();
});

beforeEach(() => {
  sb.inspect.faults.reset();
});

function client(overrides: Partial<StackOneClientOptions> = {}) {
  return createStackOneClient({
    apiKey: sb.apiKey,
    accountId,
    baseUrl: sb.url,
    budget: new RequestBudget({ limit: 1_000, windowMs: 60_000 }),
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    ...overrides,
  });
}

/** Arrival at the sandbox: its log stamps the end of a request, with how long it took. */
const arrivedAt = (e: RequestLogEntry) => Date.parse(e.at) - e.durationMs;
const answeredAt = (e: RequestLogEntry) => Date.parse(e.at);

async function captureError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

// ---- tests --------------------------------------------------------------------------------------

describe('conformance: every endpoint the desk uses answers in the spec shape', () => {
  it('list and get endpoints', async () => {
    const { api } = client();
    const header = { 'x-account-id': accountId };
    const lists = [
      '/unified/ats/candidates',
      '/unified/ats/applications',
      '/unified/ats/jobs',
      '/unified/ats/job_postings',
      '/unified/ats/assessments/packages',
      '/unified/ats/background_checks/packages',
    ] as const;
    for (const path of lists) {
      const query = { page_size: '5', filter: { updated_after: '2000-01-01T00:00:00.000Z' } };
      const { data, response } = await api.GET(path, { params: { header, query } });
      expectMatchesSpec('GET', path, response.status, data);
      const first = data?.data?.[0];
      expect(first?.id, `${path} returned no records`).toBeTruthy();

      const byId = `${path}/{id}` as const;
      const one = await api.GET(byId, { params: { header, path: { id: String(first?.id) } } });
      expectMatchesSpec('GET', byId, one.response.status, one.data);
      expect(one.data?.data?.id).toBe(first?.id);
    }
  });

  it('result PATCHes and background-check package CRUD', async () => {
    const { api } = client();
    const header = { 'x-account-id': accountId };
    const assessment = sb.inspect.orders({ kind: 'assessment', accountId })[0];
    const check = sb.inspect.orders({ kind: 'background_check', accountId })[0];
    expect(assessment && check).toBeTruthy();

    const resultPath = '/unified/ats/assessments/orders/{id}/result';
    const a = await api.PATCH(resultPath, {
      params: { header, path: { id: assessment?.id ?? '' } },
      body: {
        result: { value: 'passed', source_value: 'PASS' },
        score: { label: 'Overall', value: '87', min: '0', max: '100' },
        submission_date: '2026-01-02T03:04:05.000Z',
        result_url: 'https://provider.example/r/1',
      },
    });
    expectMatchesSpec('PATCH', resultPath, a.response.status, a.data);
    expect(sb.inspect.results({ orderId: assessment?.id })).toHaveLength(1);

    const bgPath = '/unified/ats/background_checks/orders/{id}/result';
    const b = await api.PATCH(bgPath, {
      params: { header, path: { id: check?.id ?? '' } },
      // A final result carries its report's URL: the sandbox's strict (Greenhouse) accounts refuse
      // one without it, as that ATS does.
      body: {
        result: { value: 'completed', source_value: null },
        summary: 'Clear',
        result_url: 'https://provider.example/r/2',
      },
    });
    expectMatchesSpec('PATCH', bgPath, b.response.status, b.data);

    const listPath = '/unified/ats/background_checks/packages';
    const created = await api.POST(listPath, {
      params: { header },
      body: { name: 'Conformance check', description: 'Identity', tests: [{ name: 'ID' }] },
    });
    expectMatchesSpec('POST', listPath, created.response.status, created.data);
    const id = created.data?.data?.id ?? '';
    expect(id).toBeTruthy();

    const itemPath = '/unified/ats/background_checks/packages/{id}';
    const updated = await api.PATCH(itemPath, {
      params: { header, path: { id } },
      body: { name: 'Conformance check v2' },
    });
    expectMatchesSpec('PATCH', itemPath, updated.response.status, updated.data);

    const deleted = await api.DELETE(itemPath, { params: { header, path: { id } } });
    expectMatchesSpec('DELETE', itemPath, deleted.response.status, deleted.data);
    expect(sb.inspect.packageWrites({ packageId: id }).map((w) => w.op)).toEqual([
      'create',
      'update',
      'delete',
    ]);
  });

  it('error answers carry the spec error body, typed by the client', async () => {
    const error = (await captureError(
      client().getCandidate('no-such-candidate'),
    )) as StackOneHttpError;
    expect(error).toBeInstanceOf(StackOneHttpError);
    expect(error.status).toBe(404);
    expectMatchesSpec('GET', '/unified/ats/candidates/{id}', 404, JSON.parse(error.bodyText));

    const unknownAccount = (await captureError(
      client({ accountId: 'nope' }).getJob('x'),
    )) as StackOneHttpError;
    expect(unknownAccount.kind).toBe('not_found');

    const badKey = (await captureError(
      client({ apiKey: 'wrong-key' }).getJob('x'),
    )) as StackOneHttpError;
    expect(badKey.kind).toBe('bad_key');
    expectMatchesSpec('GET', '/unified/ats/jobs/{id}', 401, JSON.parse(badKey.bodyText));
  });
});

describe('behaviour seen by the sandbox', () => {
  it.each([429, 408])(
    'after a %i with Retry-After: 2 the next attempt comes no sooner than 2 s later',
    async (status) => {
      const jobId = sb.inspect.recordIds(accountId, 'jobs')[0] ?? '';
      const after = sb.inspect.lastRequestSeq();
      sb.inspect.faults.failNext(1, status, { retryAfterSeconds: 2 });
      const job = await client().getJob(jobId);
      expect(job.ok).toBe(true);
      const [failed, retried, ...rest] = sb.inspect.requests({ afterSeq: after });
      expect(rest).toHaveLength(0);
      expect(failed?.status).toBe(status);
      expect(retried?.status).toBe(200);
      // The log's ISO stamps have 1 ms resolution; the client measures its wait from receipt,
      // which is after the sandbox logged its answer.
      expect(arrivedAt(retried!) - answeredAt(failed!)).toBeGreaterThanOrEqual(2_000 - 1);
    },
  );

  it('with early short pages every record is returned exactly once', async () => {
    sb.inspect.faults.set({ shortPageRate: 0.6 });
    const expected = sb.inspect.recordIds(accountId, 'candidates');
    const after = sb.inspect.lastRequestSeq();
    const seen: string[] = [];
    let shortWithCursor = 0;
    for await (const page of client().listCandidates({ pageSize: 7 })) {
      expect(page.invalid).toEqual([]);
      seen.push(...page.valid.map((v) => v.record.id));
      if (page.records.length < 7 && page.next !== null) shortWithCursor += 1;
    }
    expect(shortWithCursor).toBeGreaterThan(0);
    expect(seen).toHaveLength(expected.length);
    expect(new Set(seen)).toEqual(new Set(expected));
    const sizes = sb.inspect.requests({ afterSeq: after }).map((r) => r.query.page_size);
    expect(new Set(sizes)).toEqual(new Set(['7']));
  });

  it('under a burst the sandbox never sees more requests per window than the budget', async () => {
    const budget = new RequestBudget({ limit: 10, windowMs: 1_000, guardMs: 300 });
    const c = client({ budget });
    const jobIds = sb.inspect.recordIds(accountId, 'jobs');
    const after = sb.inspect.lastRequestSeq();
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => c.getJob(jobIds[i % jobIds.length] ?? '')),
    );
    const arrivals = sb.inspect.requests({ afterSeq: after }).map(arrivedAt);
    expect(arrivals).toHaveLength(25);
    for (const t of arrivals) {
      expect(arrivals.filter((u) => u >= t && u < t + 1_000).length).toBeLessThanOrEqual(10);
    }
  });

  it('a per-minute budget keeps the sandbox under its per-minute limit: the call beyond it waits', async () => {
    sb.inspect.faults.set({ rateLimitPerMinute: 30 });
    const c = client({ budget: new RequestBudget({ limit: 30, windowMs: 60_000 }) });
    const jobId = sb.inspect.recordIds(accountId, 'jobs')[0] ?? '';
    const after = sb.inspect.lastRequestSeq();
    await Promise.all(Array.from({ length: 30 }, () => c.getJob(jobId)));
    const controller = new AbortController();
    const waiting = captureError(c.getJob(jobId, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 300);
    expect(await waiting).toBeInstanceOf(StackOneAbortedError);
    const seen = sb.inspect.requests({ afterSeq: after });
    expect(seen).toHaveLength(30);
    expect(seen.filter((r) => r.status === 429)).toHaveLength(0);
  });

  it('a package create that gets a 408 is not retried and is reported as outcome unknown', async () => {
    const before = sb.inspect.packageWrites().length;
    const after = sb.inspect.lastRequestSeq();
    sb.inspect.faults.failNext(1, 408, { retryAfterSeconds: 0 });
    const error = await captureError(
      client().createBackgroundCheckPackage({ name: 'Maybe created', tests: [{ name: 'ID' }] }),
    );
    expect(error).toBeInstanceOf(StackOneOutcomeUnknownError);
    expect((error as Error).message).toMatch(/not known whether/);
    const seen = sb.inspect.requests({ afterSeq: after });
    expect(seen.map((r) => [r.method, r.status])).toEqual([['POST', 408]]);
    expect(sb.inspect.packageWrites()).toHaveLength(before);
  });
});

describe('test connection against the sandbox', () => {
  it('tells a working, an unknown and a suspended account apart, and a bad key', async () => {
    const [good, suspended] = sb.accounts;
    sb.inspect.setAccountSuspended(suspended?.id ?? '', true);
    try {
      const checks = await testConnection({
        baseUrl: sb.url,
        apiKey: sb.apiKey,
        accountIds: [good?.id ?? '', 'no-such-account', suspended?.id ?? ''],
      });
      expect(checks.map((c) => c.reason)).toEqual(['ok', 'unknown_account', 'suspended']);
      const [bad] = await testConnection({
        baseUrl: sb.url,
        apiKey: 'not-the-key',
        accountIds: [good?.id ?? ''],
      });
      expect(bad?.reason).toBe('bad_key');
    } finally {
      sb.inspect.setAccountSuspended(suspended?.id ?? '', false);
    }
  });
});
