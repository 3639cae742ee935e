import type { TeamIdentity } from '../../../../src-shared/contract';
import { useDeskQuery } from '../../lib/use-desk-query';

/** Who this desk is signed in as on the order gateway, kept current by main's notices. */
export function useTeamIdentity(): TeamIdentity | null {
  const me = useDeskQuery(
    'team:me',
    {},
    { refreshOn: ['team:identity-changed', 'workspaces:changed', 'credentials:changed'] },
  );
  return me.status === 'ready' ? me.data : null;
}
