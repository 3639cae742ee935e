import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index';
import { sandboxClient } from './testing/sandbox-client';

let sb: RunningSandbox;
let call: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  sb = await startSandbox({ seed: 5, accounts: 2, orders: 60 });
  call = sandboxClient(sb);
});
afterAll(async () => sb.close());

/** Sends `text` as the body exactly (no re-serialization), as the desk's outbox does. */
async function patchText(orderId: string, accountId: string, text: string) {
  const res = await fetch(`${sb.url}/unified/ats/assessments/orders/${orderId}/result`, {
    method: 'PATCH',
    headers: {
      authorization: `Basic ${Buffer.from(`${sb.apiKey}:`).toString('base64')}`,
      'x-account-id': accountId,
      'content-type': 'application/json',
    },
    body: text,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('sandbox results', () => {
  it('stores each result PATCH with its body text exactly as received', async () => {
    const order = sb.inspect.orders({ kind: 'assessment' })[0]!;
    await call(`/_sandbox/results/rules/${order.account_id}`, {
      method: 'PUT',
      body: { requireResultUrlForFinal: false, refuseChangeAfterFinal: false },
    });
    const text = '{"result":{"value":"in_progress"},"summary":"Ünïcode — \\"quoted\\"\\nline"}';
    expect((await patchText(order.id, order.account_id, text)).status).toBe(200);
    const [write] = (await call(`/_sandbox/results?orderId=${order.id}`)).body as {
      seq: number;
      bodyText: string;
    }[];
    expect(write!.bodyText).toBe(text);
    const raw = await fetch(`${sb.url}/_sandbox/results/${write!.seq}/body`);
    expect(await raw.text()).toBe(text);
  });

  it('models a strict ATS: 400 with provider_errors for a final result without result_url, 409 for a change after a final one', async () => {
    const order = sb.inspect.orders({ kind: 'assessment' })[1]!;
    const rules = await call(`/_sandbox/results/rules/${order.account_id}`, {
      method: 'PUT',
      body: { requireResultUrlForFinal: true, refuseChangeAfterFinal: true },
    });
    expect(rules.body).toEqual({ requireResultUrlForFinal: true, refuseChangeAfterFinal: true });

    const noUrl = await patchText(order.id, order.account_id, '{"result":{"value":"passed"}}');
    expect(noUrl.status).toBe(400);
    expect(noUrl.body.provider_errors).toEqual([
      expect.objectContaining({
        status: 422,
        raw: expect.objectContaining({ message: expect.stringContaining('result_url') }),
      }),
    ]);
    const final = '{"result":{"value":"passed"},"result_url":"https://r.example.com/1"}';
    expect((await patchText(order.id, order.account_id, final)).status).toBe(200);
    // The same final result again (a retry) is accepted; a different one is not.
    expect((await patchText(order.id, order.account_id, final)).status).toBe(200);
    const change = await patchText(
      order.id,
      order.account_id,
      '{"result":{"value":"failed"},"result_url":"https://r.example.com/1"}',
    );
    expect(change.status).toBe(409);
    expect(sb.inspect.results({ orderId: order.id }).map((w) => w.status)).toEqual([
      400, 200, 200, 409,
    ]);
  });

  it('lists the rules per account, strict for Greenhouse by default', async () => {
    const list = (await call('/_sandbox/results/rules')).body as {
      provider: string;
      rules: { requireResultUrlForFinal: boolean };
    }[];
    expect(list).toHaveLength(2);
    for (const a of list) {
      if (a.provider === 'greenhouse') expect(a.rules.requireResultUrlForFinal).toBe(true);
    }
    expect((await call('/_sandbox/results/rules/nope', { method: 'PUT', body: {} })).status).toBe(
      404,
    );
    expect(
      (
        await call(`/_sandbox/results/rules/${sb.accounts[0]!.id}`, {
          method: 'PUT',
          body: { extra: 1 },
        })
      ).status,
    ).toBe(400);
  });
});
