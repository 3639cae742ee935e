import { Icon } from '../../components/Icon';
import { call } from '../../lib/desk';
import { formatDateTime, formatTime } from '../../lib/time-format';
import { isOffline, useSyncStore } from './sync-store';

function cachedFrom(at: string | null): string {
  if (!at) return 'before the last sync';
  const sameDay = new Date(at).toDateString() === new Date().toDateString();
  return sameDay ? formatTime(at) : formatDateTime(at);
}

/** Full width above the main area while a service is unreachable; the cache stays usable. */
export function OfflineBanner() {
  const status = useSyncStore((s) => s.status);
  if (!isOffline(status) || !status) return null;
  const reason = status.sources.find((s) => s.state === 'offline' && s.lastError)?.lastError;
  return (
    <div className="banner banner-warn offline-banner">
      <Icon name="offline" />
      <span>
        <strong>Offline</strong> — showing cached data from {cachedFrom(status.lastSuccessAt)}.{' '}
        {reason ? `${reason} ` : ''}Orders, candidates and jobs already synced stay usable; the desk
        keeps retrying.
      </span>
      <button
        type="button"
        className="btn btn-small banner-action"
        onClick={() => void call('sync:run-now', {}).catch(() => {})}
      >
        Retry now
      </button>
    </div>
  );
}
