import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index';
import { sandboxClient } from './testing/sandbox-client';

const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sb) => sb.close()));
});

async function start(options: Parameters<typeof startSandbox>[0]) {
  const sb = await startSandbox(options);
  running.push(sb);
  return sb;
}

describe('sandbox snapshot', () => {
  it('restores records, orders and result writes; live changes continue after them', async () => {
    const first = await start({ seed: 3, accounts: 2, orders: 40 });
    const mark = first.changeMark();
    const live = first.inspect.createOrder({ kind: 'assessment' });
    expect(first.changeMark()).not.toBe(mark);
    const call = sandboxClient(first);
    const patch = await call(`/unified/ats/assessments/orders/${live.id}/result`, {
      method: 'PATCH',
      account: live.account_id,
      body: { result: { value: 'in_progress' } },
    });
    expect(patch.status).toBe(200);
    const saved = JSON.parse(JSON.stringify(first.snapshot())) as ReturnType<
      RunningSandbox['snapshot']
    >;
    await first.close();

    // Other generation options are ignored: the snapshot is the state.
    const second = await start({ seed: 99, orders: 5, restore: saved });
    expect(second.inspect.orders()).toEqual(saved.orders);
    expect(second.inspect.results().map((r) => r.orderId)).toEqual([live.id]);
    const again = sandboxClient(second);
    const candidate = await again(`/unified/ats/candidates/${live.candidate_id}`, {
      account: live.account_id,
    });
    expect(candidate.status).toBe(200);
    const next = second.inspect.createOrder({ kind: 'assessment', accountId: live.account_id });
    expect(second.inspect.orders().filter((o) => o.id === next.id)).toHaveLength(1);
    expect(next.created_at > live.created_at).toBe(true);
    expect(second.snapshot().orders).toHaveLength(saved.orders.length + 1);
  });
});
