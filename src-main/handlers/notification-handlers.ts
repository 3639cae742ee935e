import type { notificationCommands } from '../../src-shared/contract/commands/notifications';
import type { HandlerContext } from './context';
import type { HandlerSet } from './types';

/** The desktop-notification setting (what is notified: see notifications/notifier.ts). */
export function notificationHandlers({
  notifications,
}: HandlerContext): HandlerSet<keyof typeof notificationCommands> {
  return {
    'notifications:get-settings': () => ({ enabled: notifications.enabled() }),
    'notifications:set-settings': ({ enabled }) => {
      notifications.setEnabled(enabled);
      return { enabled: notifications.enabled() };
    },
  };
}
