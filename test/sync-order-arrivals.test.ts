import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../src-shared/contract';
import { orderEventBody } from '../src-gateway/testing/webhooks';
import type { OrderArrival } from '../src-main/sync/sync-engine';
import { startWebhookDesk, type WebhookDesk } from './testing/webhook-desk';

/**
 * What desktop notifications stand on: the engine announces orders that arrive on the feed after
 * the first sync, never the backlog the first sync reads.
 */

let world: WebhookDesk | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

describe('order arrivals', () => {
  it('announces new feed orders once stored, not the first sync backlog', async () => {
    const arrivals: OrderArrival[][] = [];
    const arrivalListeners: (() => void)[] = [];
    const statusListeners: ((s: SyncStatus) => void)[] = [];
    world = await startWebhookDesk({
      engine: {
        intervalMs: 200,
        onOrdersArrived: (orders) => {
          arrivals.push([...orders]);
          arrivalListeners.forEach((l) => l());
        },
        onStatus: (s) => statusListeners.forEach((l) => l(s)),
      },
    });
    expect(await world.send(orderEventBody(1))).toBe(200);
    const firstPass = new Promise<void>((resolve) =>
      statusListeners.push(
        (s) => s.sources.find((x) => x.source === 'orders')?.lastSuccessAt && resolve(),
      ),
    );
    world.engine.start();
    await firstPass;
    expect(world.cache.getOrder('acct_sandbox_1', 'ord_asm_1')).not.toBeNull();

    const announced = new Promise<void>((resolve) => arrivalListeners.push(resolve));
    expect(await world.send(orderEventBody(2))).toBe(200);
    await announced;
    expect(arrivals.flat().map((o) => o.id)).toEqual(['ord_asm_2']);
    expect(arrivals[0]![0]).toMatchObject({
      accountId: 'acct_sandbox_1',
      candidateName: expect.any(String),
    });
    expect(world.cache.getOrder('acct_sandbox_1', 'ord_asm_2')).not.toBeNull();
  });
});
