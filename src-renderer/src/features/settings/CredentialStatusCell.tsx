import type { Workspace } from '../../../../src-shared/contract';
import { Icon } from '../../components/Icon';
import { Skeleton } from '../../components/Skeleton';
import { useDeskQuery } from '../../lib/use-desk-query';

function StatusLine({ label, stored }: { label: string; stored: boolean }) {
  return (
    <span className={`status ${stored ? 'status-ok' : 'status-missing'}`}>
      <Icon name={stored ? 'check' : 'minus'} size={12} />
      {label}: {stored ? 'stored' : 'not stored'}
    </span>
  );
}

/** Whether each secret is in the keychain (the values never reach the renderer). */
export function CredentialStatusCell({ workspace }: { workspace: Workspace }) {
  const isSandbox = workspace.kind === 'sandbox';
  const status = useDeskQuery(
    'credentials:get-status',
    { workspaceId: workspace.id },
    { refreshOn: ['credentials:changed'], enabled: !isSandbox },
  );
  if (isSandbox) return <span className="muted">Not needed</span>;
  if (status.status === 'loading') return <Skeleton width="9em" />;
  if (status.status === 'error') {
    return (
      <span className="status field-error" title={status.error.message}>
        <Icon name="alert" size={12} />
        Keychain unavailable
      </span>
    );
  }
  return (
    <span className="credential-lines">
      <StatusLine label="API key" stored={status.data.hasApiKey} />
      <StatusLine label="Gateway token" stored={status.data.hasGatewayToken} />
    </span>
  );
}
