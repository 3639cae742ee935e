import type { DeskNotification } from '../../src-shared/contract';
import type { Desk } from '../composition/desk';

/** The part of Electron's Notification used here (a fake in tests). */
export interface NotificationLike {
  show(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
}

/**
 * Shows the desk's `notification:raised` events as system notifications; a click brings the
 * window forward. Shown notifications are held until closed: Electron drops the click handler of
 * one that was garbage-collected. Returns the unsubscribe function.
 */
export function showDeskNotifications(
  desk: Pick<Desk, 'subscribe'>,
  options: {
    isSupported: () => boolean;
    create: (content: { title: string; body: string }) => NotificationLike;
    onClick: (notification: DeskNotification) => void;
  },
): () => void {
  const shown = new Set<NotificationLike>();
  return desk.subscribe((name, payload) => {
    if (name !== 'notification:raised' || !options.isSupported()) return;
    const raised = payload as DeskNotification;
    const notification = options.create({ title: raised.title, body: raised.body });
    shown.add(notification);
    notification.on('click', () => {
      shown.delete(notification);
      options.onClick(raised);
    });
    notification.on('close', () => shown.delete(notification));
    notification.show();
  });
}
