import './team.css';
import { useTeamIdentity } from './use-team-identity';

/**
 * The top bar's "Signed in as Dana"; "Signed out" (with why) when the gateway refused this desk's
 * token; nothing for the shared token or without a gateway.
 */
export function SignedInAs() {
  const identity = useTeamIdentity();
  if (identity?.state === 'team') {
    return <span className="topbar-signed-in">Signed in as {identity.coordinator.name}</span>;
  }
  if (identity?.state === 'signed_out') {
    return (
      <span className="badge badge-signed-out" title={identity.message}>
        Signed out
      </span>
    );
  }
  return null;
}
