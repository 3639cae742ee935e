import { useEffect } from 'react';
import { onDeskEvent } from './desk';
import { useDeskQuery } from './use-desk-query';

/** The browser's notification permission, or 'unsupported' where there is no Notification API. */
export function webNotificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * In the browser preview, shows main's `notification:raised` with the Web Notification API (the
 * Electron app shows them from main, so the page never does there). Mount once, in the shell.
 */
export function useDesktopNotifications(): void {
  const info = useDeskQuery('app:get-info', {});
  const preview = info.status === 'ready' && info.data.runtime === 'preview';
  useEffect(() => {
    if (!preview) return;
    return onDeskEvent('notification:raised', (n) => {
      if (webNotificationPermission() !== 'granted') return;
      // One per kind: a newer one replaces the last instead of stacking up.
      new Notification(n.title, { body: n.body, tag: n.kind });
    });
  }, [preview]);
}
