import { afterEach, describe, expect, it } from 'vitest';
import { orderEventBody } from '../src-gateway/testing/webhooks';
import { startWebhookDesk, type WebhookDesk } from './testing/webhook-desk';

let world: WebhookDesk | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** A signed order event whose data carries an array nested `depth` levels deep. */
function nestedOrderBody(depth: number): string {
  return `{"id":"evt_deep","event":"ats_assessments.created","account_id":"acct_sandbox_1","data":{"id":"ord_deep","extra":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
}

describe('one bad webhook never blocks the order feed', () => {
  it('a webhook nested 10,000 deep is stored, quarantined, and the 5 orders after it arrive', async () => {
    world = await startWebhookDesk();
    expect(await world.send(nestedOrderBody(10_000))).toBe(200);
    for (let n = 1; n <= 5; n++) expect(await world.send(orderEventBody(n))).toBe(200);

    const result = await world.engine.sync();
    expect(result.failures.filter((f) => f.source === 'orders')).toEqual([]);
    for (let n = 1; n <= 5; n++) {
      const order = world.cache.getOrder('acct_sandbox_1', `ord_asm_${n}`);
      expect(order?.candidateName).toBe('Ada Lovelace');
      expect(order?.jobTitle).toBe('Engineer');
    }
    const quarantined = world.cache.quarantine.list();
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toMatchObject({ source: 'orders' });
    expect(quarantined[0]?.reason).toContain('too_deep');
    // The raw body is kept as received, as text.
    expect(quarantined[0]?.raw).toEqual({ format: 'text', text: nestedOrderBody(10_000) });
    expect(world.cache.syncState.get('orders', '')?.cursor).not.toBeNull();
  });
});
