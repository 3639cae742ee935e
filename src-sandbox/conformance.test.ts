import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import legacyOrderSchemas from './webhooks/legacy-order-schemas.json';
import { startSandbox, type RunningSandbox } from './index';
import { SpecValidator } from './spec/spec-validator';
import { sandboxClient } from './testing/sandbox-client';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { normalizeSchema } from './spec/load-spec';

/**
 * Conformance: every endpoint's answers, success and error, validated with ajv against the
 * response schema the spec declares for that operation and status.
 */

const validator = new SpecValidator();
let sb: RunningSandbox;
let call: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  sb = await startSandbox({
    seed: 'conformance',
    accounts: [{}, {}, {}, { provider: 'workday' }, { suspended: true }],
    orders: 80,
  });
  call = sandboxClient(sb);
});
afterAll(() => sb.close());

function expectConforms(method: string, specPath: string, status: number, body: unknown) {
  expect(validator.validateResponse(method, specPath, status, body)).toEqual([]);
}

const RESOURCES = [
  '/unified/ats/candidates',
  '/unified/ats/applications',
  '/unified/ats/jobs',
  '/unified/ats/job_postings',
  '/unified/ats/assessments/packages',
  '/unified/ats/background_checks/packages',
];

describe('read endpoints conform to the spec', () => {
  for (const path of RESOURCES) {
    it(`GET ${path} (all pages, every active account) and GET ${path}/{id}`, async () => {
      for (const account of sb.accounts.filter((a) => a.status === 'active')) {
        let next: string | null = null;
        let pages = 0;
        do {
          const query: string = `?page_size=50&include=custom_fields${pages === 0 ? '&raw=true' : ''}${next ? `&next=${next}` : ''}`;
          const res = await call(path + query, { account: account.id });
          expect(res.status).toBe(200);
          expectConforms('GET', path, 200, res.body);
          next = res.body.next;
          pages++;
          if (pages === 1 && res.body.data.length > 0) {
            const one = await call(`${path}/${res.body.data[0].id}?fields=id,remote_id,name`, {
              account: account.id,
            });
            expect(one.status).toBe(200);
            expectConforms('GET', `${path}/{id}`, 200, one.body);
            const full = await call(`${path}/${res.body.data[0].id}`, { account: account.id });
            expectConforms('GET', `${path}/{id}`, 200, full.body);
          }
        } while (next);
      }
    });
  }
});

describe('write endpoints conform to the spec', () => {
  it('background-check package create, update, delete', async () => {
    const path = '/unified/ats/background_checks/packages';
    const created = await call(path, {
      method: 'POST',
      body: {
        name: 'Pre-employment Plus',
        description: 'd',
        tests: [{ name: 'Drug screen', description: 'x' }],
      },
    });
    expect(created.status).toBe(201);
    expectConforms('POST', path, 201, created.body);
    const id = created.body.data.id as string;
    const updated = await call(`${path}/${id}`, {
      method: 'PATCH',
      body: { name: 'Renamed', tests: [{ name: 'Credit' }] },
    });
    expect(updated.status).toBe(200);
    expectConforms('PATCH', `${path}/{id}`, 200, updated.body);
    const read = await call(`${path}/${id}`);
    expectConforms('GET', `${path}/{id}`, 200, read.body);
    expect(read.body.data).toMatchObject({ name: 'Renamed', tests: [{ name: 'Credit' }] });
    const deleted = await call(`${path}/${id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expectConforms('DELETE', `${path}/{id}`, 200, deleted.body);
    expect((await call(`${path}/${id}`)).status).toBe(404);
  });

  it('result PATCH for both order kinds', async () => {
    for (const [kind, segment] of [
      ['assessment', 'assessments'],
      ['background_check', 'background_checks'],
    ] as const) {
      const order = sb.inspect.orders({ kind })[0]!;
      const specPath = `/unified/ats/${segment}/orders/{id}/result`;
      const res = await call(specPath.replace('{id}', order.id), {
        method: 'PATCH',
        account: order.account_id,
        body: {
          result: { value: 'passed', source_value: 'Pass' },
          score: { label: 'Score', value: '87', min: '0', max: '100' },
          summary: 'ok',
          result_url: 'https://reports.example.com/r/1',
          submission_date: '2025-11-02T10:00:00.000Z',
        },
      });
      expect(res.status).toBe(200);
      expectConforms('PATCH', specPath, 200, res.body);
    }
  });
});

describe('errors conform to the spec', () => {
  const path = '/unified/ats/candidates';
  it.each([
    ['401 wrong key', { apiKey: 'wrong' }, 401],
    ['401 no key', { apiKey: null }, 401],
    ['404 unknown account', { account: '999' }, 404],
    ['400 no account header', { account: null }, 400],
  ] as const)('%s', async (_name, options, status) => {
    const res = await call(path, options);
    expect(res.status).toBe(status);
    expectConforms('GET', path, status, res.body);
  });

  it('412 for a suspended account', async () => {
    const suspended = sb.accounts.find((a) => a.status === 'inactive')!;
    const res = await call(path, { account: suspended.id });
    expect(res.status).toBe(412);
    expectConforms('GET', path, 412, res.body);
  });

  it('404 for an unknown record and an unknown order', async () => {
    const res = await call(`${path}/nope`);
    expect(res.status).toBe(404);
    expectConforms('GET', `${path}/{id}`, 404, res.body);
    const patch = await call('/unified/ats/assessments/orders/nope/result', {
      method: 'PATCH',
      body: { summary: 'x' },
    });
    expect(patch.status).toBe(404);
    expectConforms('PATCH', '/unified/ats/assessments/orders/{id}/result', 404, patch.body);
  });

  it('injected 408, 429, 500 and 502', async () => {
    for (const status of [408, 429, 500, 502]) {
      sb.inspect.faults.failNext(1, status);
      const res = await call(path);
      expect(res.status).toBe(status);
      expectConforms('GET', path, status, res.body);
    }
  });
});

describe('webhook payloads', () => {
  it('order data has the legacy AssessmentOrder / BackgroundCheckOrder shape', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(
      normalizeSchema(legacyOrderSchemas as never) as object,
      undefined,
      undefined,
      false,
    );
    const check = {
      assessment: ajv.compile({
        type: 'object',
        $ref: 'stackone-ats#/$defs/AssessmentOrder',
        unevaluatedProperties: false,
      }),
      background_check: ajv.compile({
        type: 'object',
        $ref: 'stackone-ats#/$defs/BackgroundCheckOrder',
        unevaluatedProperties: false,
      }),
    };
    for (const order of sb.inspect.orders()) {
      const event = sb.inspect.orderEvent(order.id);
      expect(event).toMatchObject({
        id: expect.any(String),
        event:
          order.kind === 'assessment'
            ? 'ats_assessments.created'
            : 'background_check_order.created',
        account_id: order.account_id,
      });
      const validate = check[order.kind];
      expect(validate(event.data), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});
