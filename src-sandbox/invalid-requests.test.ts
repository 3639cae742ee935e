import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index';
import { sandboxClient } from './testing/sandbox-client';

/** Requests the spec does not allow get 400 in the spec's error shape, naming the field. */

let sb: RunningSandbox;
let call: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  sb = await startSandbox({ orders: 10 });
  call = sandboxClient(sb);
});
afterAll(() => sb.close());

const errorShape = {
  statusCode: 400,
  message: expect.stringMatching(/^Invalid request: /),
  timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
};

describe('invalid requests', () => {
  it.each([
    [
      '/unified/ats/candidates?filter[updated_after]=last-tuesday',
      'query parameter filter[updated_after]',
    ],
    [
      '/unified/ats/candidates?filter[created_after]=2024-13-45',
      'query parameter filter[created_after]',
    ],
    ['/unified/ats/applications?raw=sometimes', 'query parameter raw'],
    ['/unified/ats/jobs?filter[job_status]=published', 'query parameter filter[job_status]'],
    ['/unified/ats/job_postings?updated_after=soon', 'query parameter updated_after'],
    [
      '/unified/ats/background_checks/packages?filter[updated_after]=x',
      'query parameter filter[updated_after]',
    ],
    ['/unified/ats/candidates?page_size=-3', 'page_size'],
    ['/unified/ats/candidates?next=not-a-cursor', 'next'],
  ])('GET %s → 400 naming %s', async (path, field) => {
    const res = await call(path);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject(errorShape);
    expect(res.body.message).toContain(field);
  });

  it('a missing x-account-id is named', async () => {
    const res = await call('/unified/ats/jobs', { account: null });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('header x-account-id');
  });

  it.each([
    [
      'PATCH',
      '/unified/ats/assessments/orders/x/result',
      { score: { value: 87 } },
      'body.score.value',
    ],
    [
      'PATCH',
      '/unified/ats/background_checks/orders/x/result',
      { result: { value: 'clear' } },
      'body.result.value',
    ],
    [
      'PATCH',
      '/unified/ats/assessments/orders/x/result',
      { attachments: 'report.pdf' },
      'body.attachments',
    ],
    ['POST', '/unified/ats/background_checks/packages', { name: 42 }, 'body.name'],
    [
      'POST',
      '/unified/ats/background_checks/packages',
      { tests: [{ name: ['x'] }] },
      'body.tests.0.name',
    ],
    [
      'PATCH',
      '/unified/ats/background_checks/packages/x',
      { passthrough: 'x' },
      'body.passthrough',
    ],
  ])('%s %s with a bad body → 400 naming %s', async (method, path, body, field) => {
    const res = await call(path, { method, body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject(errorShape);
    expect(res.body.message).toContain(field);
  });

  it('malformed JSON → 400 in the spec shape', async () => {
    const raw = await fetch(`${sb.url}/unified/ats/assessments/orders/x/result`, {
      method: 'PATCH',
      headers: {
        authorization: `Basic ${Buffer.from(`${sb.apiKey}:`).toString('base64')}`,
        'x-account-id': sb.accounts[0]!.id,
        'content-type': 'application/json',
      },
      body: '{"summary": ',
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject(errorShape);
  });

  it('an unknown path → 404 in the spec shape', async () => {
    const res = await call('/unified/ats/interviews');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      statusCode: 404,
      message: expect.any(String),
      timestamp: expect.any(String),
    });
  });
});
