import { Icon } from '../components/Icon';
import { useConnectionStore } from '../lib/connection-store';
import { OfflineBanner } from '../features/sync/OfflineBanner';
import { SignedOutBanner } from '../features/team/SignedOutBanner';

/**
 * Full-width notices above the main area: the link to the desk itself, "Signed out" when the
 * gateway refused this desk's coordinator token, and the sync engine's "Offline — showing cached
 * data" banner when a service is unreachable.
 */
export function BannerSlot() {
  const connection = useConnectionStore((s) => s.state);
  return (
    <div className="banner-slot" role="status" aria-live="polite">
      {connection === 'reconnecting' ? (
        <div className="banner banner-warn">
          <Icon name="offline" />
          <span>
            Lost the connection to the desk — reconnecting. What you see may be out of date until it
            is back.
          </span>
        </div>
      ) : (
        <>
          <SignedOutBanner />
          <OfflineBanner />
        </>
      )}
    </div>
  );
}
