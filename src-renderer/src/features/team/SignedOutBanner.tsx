import { Icon } from '../../components/Icon';
import { useTeamIdentity } from './use-team-identity';

/**
 * Full width while the gateway refuses this desk's coordinator token (revoked or replaced): no new
 * orders, claims or shared results arrive until a new token is entered in Settings. The cache
 * stays readable.
 */
export function SignedOutBanner() {
  const identity = useTeamIdentity();
  if (identity?.state !== 'signed_out') return null;
  return (
    <div className="banner banner-warn signed-out-banner">
      <Icon name="alert" />
      <span>
        <strong>Signed out</strong> — {identity.message}
      </span>
    </div>
  );
}
