import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index';
import { sandboxClient, type LooseJson } from './testing/sandbox-client';

/** The `/_sandbox/*` inspection API over HTTP (no Basic auth; loopback only). */

let sb: RunningSandbox;
let call: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  sb = await startSandbox({ seed: 5, accounts: 2, orders: 30 });
  call = sandboxClient(sb);
});
afterAll(() => sb.close());

const plain = (path: string, init?: RequestInit) =>
  fetch(`${sb.url}/_sandbox${path}`, init).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as LooseJson,
  }));
const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('/_sandbox', () => {
  it('lists accounts and suspends one', async () => {
    const accounts = await plain('/accounts');
    expect(accounts.body).toEqual(
      sb.accounts.map((a) => ({
        id: a.id,
        provider: a.provider,
        name: a.origin_owner_name,
        status: 'active',
      })),
    );
    const id = sb.accounts[1]!.id;
    expect((await plain(`/accounts/${id}`, json('PUT', { suspended: true }))).body.status).toBe(
      'inactive',
    );
    expect((await call('/unified/ats/jobs', { account: id })).status).toBe(412);
    await plain(`/accounts/${id}`, json('PUT', { suspended: false }));
  });

  it('creates orders and lists them', async () => {
    const created = await plain(
      '/orders',
      json('POST', { kind: 'background_check', count: 3, account: sb.accounts[0]!.id }),
    );
    expect(created.status).toBe(201);
    expect(created.body.orders).toHaveLength(3);
    expect(
      created.body.orders.every((o: { account_id: string }) => o.account_id === sb.accounts[0]!.id),
    ).toBe(true);
    const listed = await plain('/orders?kind=background_check&limit=500');
    expect(listed.body.total).toBe(sb.inspect.orders({ kind: 'background_check' }).length);
    expect(listed.body.orders.map((o: { id: string }) => o.id)).toEqual(
      expect.arrayContaining(created.body.orders.map((o: { id: string }) => o.id)),
    );
    expect((await plain('/orders', json('POST', { kind: 'interview' }))).status).toBe(400);
  });

  it('shows requests since a time or seq, results and package writes', async () => {
    const since = new Date().toISOString();
    const order = sb.inspect.orders({ kind: 'assessment' })[0]!;
    await call(`/unified/ats/assessments/orders/${order.id}/result`, {
      method: 'PATCH',
      account: order.account_id,
      body: { summary: 'done' },
    });
    await call('/unified/ats/background_checks/packages', {
      method: 'POST',
      body: { name: 'New' },
    });
    const requests = await plain(`/requests?since=${encodeURIComponent(since)}`);
    expect(requests.body.map((r: { method: string }) => r.method)).toEqual(['PATCH', 'POST']);
    const results = await plain(`/results?orderId=${order.id}`);
    expect(results.body).toMatchObject([
      { orderId: order.id, status: 200, body: { summary: 'done' } },
    ]);
    const writes = await plain('/package-writes');
    expect(writes.body).toMatchObject([{ op: 'create', status: 201, body: { name: 'New' } }]);
  });

  it('reads and changes faults; lists malformed records', async () => {
    const put = await plain(
      '/faults',
      json('PUT', { malformedRate: 0.3, errorRates: { '500': 0 } }),
    );
    expect(put.body.malformedRate).toBe(0.3);
    expect((await plain('/faults')).body.malformedRate).toBe(0.3);
    const malformed = await plain('/malformed');
    expect(malformed.body.length).toBeGreaterThan(0);
    expect(malformed.body[0]).toEqual({
      accountId: expect.any(String),
      resource: expect.any(String),
      id: expect.any(String),
    });
    const bad = await plain('/faults', json('PUT', { malformedRate: 'lots' }));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('malformedRate');
    await plain('/faults', { method: 'DELETE' });
    expect((await plain('/malformed')).body).toEqual([]);
  });

  it('reports webhook deliveries (none configured here)', async () => {
    const res = await plain('/webhook-deliveries');
    expect(res.body).toMatchObject({ pending: 0, deliveries: [], attempts: [] });
    expect(res.body.settings.secret).toBeUndefined();
    const burst = await plain(
      '/webhooks/burst',
      json('POST', { count: 2, kind: 'assessment', concurrency: 4 }),
    );
    expect(burst.status).toBe(202);
    expect(burst.body.eventIds).toEqual(burst.body.orderIds.map((id: string) => `evt_asm_${id}`));
    const backlog = await plain('/webhooks/backlog', json('POST', { kind: 'assessment' }));
    expect(backlog.body.events).toBe(sb.inspect.orders({ kind: 'assessment' }).length);
    expect((await plain('/webhooks', json('PUT', { concurrency: 0 }))).status).toBe(400);
  });

  it('is not logged as StackOne traffic', async () => {
    const seq = sb.inspect.lastRequestSeq();
    await plain('/accounts');
    expect(sb.inspect.requests({ afterSeq: seq })).toEqual([]);
  });
});
