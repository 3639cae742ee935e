import type { SyncStatus } from '../../../../src-shared/contract';
import { EmptyState } from '../../components/EmptyState';
import type { IconName } from '../../components/Icon';
import { useUiStore } from '../../app/ui-store';
import { useWorkspaceScope } from '../../lib/workspace-scope';
import { isOffline, useSyncStore } from './sync-store';

type Service = 'orders' | 'stackone';

/**
 * Why a workspace has no data from `service` yet, in the sync's own words (a missing key or token,
 * an address not set, the service refusing the token), or null when nothing is wrong.
 */
export function noDataReason(status: SyncStatus | null, service: Service): string | null {
  if (!status) return null;
  const own = status.sources.filter((s) => (s.source === 'orders') === (service === 'orders'));
  const failing = own.find((s) => (s.state === 'error' || s.state === 'offline') && s.lastError);
  if (failing?.lastError) return failing.lastError;
  if (isOffline(status)) {
    return service === 'orders'
      ? 'The desk cannot reach the order gateway right now. It keeps trying; check the network or the gateway address in Settings.'
      : 'The desk cannot reach StackOne right now. It keeps trying; check the network.';
  }
  return null;
}

/**
 * The empty state of a list that the sync fills: it says why nothing came (and where to fix it)
 * when the workspace cannot sync, what to expect otherwise, and speaks of the sandbox only in the
 * Sandbox workspace.
 */
export function NoDataYet({
  service,
  title,
  hint,
  sandboxHint,
  icon,
}: {
  service: Service;
  /** When nothing is wrong. */
  title: string;
  hint: string;
  /** Replaces `hint` in the Sandbox workspace. */
  sandboxHint?: string;
  icon?: IconName;
}) {
  const status = useSyncStore((s) => s.status);
  const kind = useWorkspaceScope((s) => s.kind);
  const navigate = useUiStore((s) => s.navigate);
  const reason = noDataReason(status, service);
  if (reason) {
    return (
      <EmptyState
        tone="error"
        title={
          service === 'orders'
            ? 'No orders: this workspace cannot receive them yet'
            : 'Nothing from StackOne: this workspace cannot sync it yet'
        }
        hint={reason}
        action={
          <button type="button" className="btn btn-small" onClick={() => navigate('settings')}>
            Open Settings
          </button>
        }
      />
    );
  }
  return (
    <EmptyState
      title={title}
      hint={kind === 'sandbox' && sandboxHint ? sandboxHint : hint}
      {...(icon ? { icon } : {})}
    />
  );
}
