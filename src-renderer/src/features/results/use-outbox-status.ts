import type { OutboxStatus } from '../../../../src-shared/contract';
import { useDeskQuery } from '../../lib/use-desk-query';

/**
 * The outbox's counts and why queued results wait (offline, rate limited), kept current by
 * `outbox:changed`. The sidebar's Activity count and every "where it stands" line read this.
 */
export function useOutboxStatus(): OutboxStatus | null {
  const list = useDeskQuery(
    'outbox:list',
    { states: ['parked'], limit: 1 },
    { refreshOn: ['outbox:changed', 'workspaces:changed'] },
  );
  return list.status === 'ready' ? list.data.status : null;
}
