import { useId, useState } from 'react';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { useDeskQuery } from '../../lib/use-desk-query';
import { webNotificationPermission } from '../../lib/desktop-notifications';

/**
 * The desktop-notification setting. In the browser preview the page shows them itself and needs
 * the browser's permission, asked for only when the coordinator turns them on (a click).
 */
export function NotificationsPanel() {
  const settings = useDeskQuery('notifications:get-settings', {});
  const info = useDeskQuery('app:get-info', {});
  const [failure, setFailure] = useState<string | null>(null);
  const [permission, setPermission] = useState(webNotificationPermission);
  const id = useId();
  const preview = info.status === 'ready' && info.data.runtime === 'preview';

  async function toggle(enabled: boolean) {
    setFailure(null);
    try {
      await call('notifications:set-settings', { enabled });
      if (enabled && preview && permission === 'default') {
        setPermission(await Notification.requestPermission());
      }
      settings.reload();
    } catch (e) {
      setFailure(errorMessage(e));
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <header className="panel-header">
        <h2 id={`${id}-heading`}>Notifications</h2>
      </header>
      <label className="checkbox-field">
        <input
          type="checkbox"
          checked={settings.status === 'ready' && settings.data.enabled}
          disabled={settings.status !== 'ready'}
          onChange={(e) => void toggle(e.target.checked)}
        />
        Desktop notifications for new orders and for results that need attention
      </label>
      {preview && permission === 'denied' ? (
        <p className="muted">
          This browser blocks notifications from the preview; allow them in its site settings.
        </p>
      ) : null}
      {failure ? <p className="field-error">{failure}</p> : null}
    </section>
  );
}
