import { describe, expect, it } from 'vitest';
import type { DeskNotification } from '../../src-shared/contract';
import type { DeskEventListener } from '../infra/events/event-bus';
import { showDeskNotifications, type NotificationLike } from './notifications';

function fakeDesk() {
  const listeners = new Set<DeskEventListener>();
  return {
    subscribe: (l: DeskEventListener) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit: (name: string, payload: unknown) =>
      listeners.forEach((l) => (l as (n: string, p: unknown) => void)(name, payload)),
  };
}

const raised: DeskNotification = {
  workspaceId: 'sandbox',
  kind: 'new_orders',
  count: 2,
  title: '2 new orders',
  body: 'Ada Lovelace and Grace Hopper',
};

describe('Electron notifications', () => {
  it('shows each raised notification and brings the window forward on click', () => {
    const desk = fakeDesk();
    const made: { content: { title: string; body: string }; shown: boolean; click?: () => void }[] =
      [];
    const clicked: DeskNotification[] = [];
    let supported = true;
    const off = showDeskNotifications(desk, {
      isSupported: () => supported,
      create: (content) => {
        const entry: (typeof made)[number] = { content, shown: false };
        made.push(entry);
        const n: NotificationLike = {
          show: () => (entry.shown = true),
          on: (event, listener) => {
            if (event === 'click') entry.click = listener;
          },
        };
        return n;
      },
      onClick: (n) => clicked.push(n),
    });
    desk.emit('data:changed', { workspaceId: 'sandbox', tables: ['orders'] });
    desk.emit('notification:raised', raised);
    expect(made).toEqual([
      expect.objectContaining({
        content: { title: '2 new orders', body: 'Ada Lovelace and Grace Hopper' },
        shown: true,
      }),
    ]);
    made[0]!.click!();
    expect(clicked).toEqual([raised]);

    supported = false;
    desk.emit('notification:raised', raised);
    off();
    supported = true;
    desk.emit('notification:raised', raised);
    expect(made).toHaveLength(1);
  });
});
