import { describe, expect, it } from 'vitest';
import type { DeskNotification } from '../../src-shared/contract';
import { EventBus } from '../infra/events/event-bus';
import { silentLogger } from '../infra/logging/logger';
import { Notifier } from './notifier';

function setup(enabled = true) {
  const bus = new EventBus(silentLogger);
  const raised: DeskNotification[] = [];
  bus.subscribe((name, payload) => {
    if (name === 'notification:raised') raised.push(payload as DeskNotification);
  });
  const settings = { enabled };
  const notifier = new Notifier({ bus, enabled: () => settings.enabled, coalesceMs: 60_000 });
  const parked = (workspaceId: string, n: number) =>
    bus.emit('outbox:changed', {
      workspaceId,
      counts: { queued: 0, sending: 0, parked: n, sent: 0 },
      wait: { waiting: 0, reason: null, message: null, nextAttemptAt: null },
      orderIds: [],
    });
  return { bus, raised, settings, notifier, parked };
}

describe('Notifier', () => {
  it('raises one notification for orders arriving together, naming the candidates', () => {
    const { raised, notifier } = setup();
    notifier.ordersArrived('sandbox', [{ candidateName: 'Ada Lovelace', packageName: 'SQL' }]);
    notifier.ordersArrived('sandbox', [
      { candidateName: 'Grace Hopper', packageName: null },
      { candidateName: null, packageName: null },
      { candidateName: 'Alan Turing', packageName: null },
    ]);
    expect(raised).toEqual([]);
    notifier.flush();
    expect(raised).toEqual([
      {
        workspaceId: 'sandbox',
        kind: 'new_orders',
        count: 4,
        title: '4 new orders',
        body: 'Ada Lovelace, Grace Hopper, and 2 more',
      },
    ]);
    notifier.ordersArrived('sandbox', [{ candidateName: 'Ada Lovelace', packageName: 'SQL' }]);
    notifier.flush();
    expect(raised[1]).toMatchObject({ title: 'New order', body: 'Ada Lovelace · SQL', count: 1 });
    notifier.close();
  });

  it('raises "needs attention" when the parked count grows, not for what was parked before', () => {
    const { raised, notifier, parked } = setup();
    parked('sandbox', 2);
    parked('sandbox', 3);
    parked('sandbox', 1);
    parked('ws-2', 5);
    expect(raised).toEqual([
      expect.objectContaining({
        kind: 'needs_attention',
        count: 1,
        title: 'A result needs attention',
      }),
    ]);
    notifier.close();
  });

  it('raises nothing while the setting is off', () => {
    const { raised, notifier, parked, settings } = setup(false);
    parked('sandbox', 0);
    parked('sandbox', 1);
    notifier.ordersArrived('sandbox', [{ candidateName: 'Ada', packageName: null }]);
    notifier.flush();
    expect(raised).toEqual([]);
    settings.enabled = true;
    parked('sandbox', 2);
    expect(raised).toHaveLength(1);
    notifier.close();
  });
});
